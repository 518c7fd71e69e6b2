/** Numbers as the UI shows them: metrics with 3 decimals, times in seconds with 2. */
export const fmt3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '—')
export const fmtTime = (s: number) => `${s.toFixed(2)} s`
export const fmtKey = (x: number) => (x === Infinity ? '∞' : x === -Infinity ? '−∞' : Number.isInteger(x) ? String(x) : x.toFixed(3))
export const fmtPercent = (x: number) => `${(x * 100).toFixed(1)} %`
/** Axis ticks: 800000 as 800k and 2500000 as 2.5M, so large sums fit beside the axis title. */
export const fmtTick = (x: number) => {
  const a = Math.abs(x)
  if (a >= 1e6) return `${Number((x / 1e6).toPrecision(3))}M`
  if (a >= 1e4) return `${Number((x / 1e3).toPrecision(3))}k`
  return String(x)
}
/** Four significant digits (0.02786, 1.646, 53.62, 18; an exponent only below 1e-6): serving's metrics span decades. */
export const fmtSig = (x: number) => (Number.isFinite(x) ? (Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(4)))) : '—')

/** "A", "A and B", "A, B and C". */
export function listNames(keys: readonly string[]): string {
  return keys.length < 2 ? (keys[0] ?? '') : `${keys.slice(0, -1).join(', ')} and ${keys[keys.length - 1]}`
}
