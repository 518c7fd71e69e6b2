/** Numbers as the UI shows them: metrics with 3 decimals, times in seconds with 2. */
export const fmt3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '—')
export const fmtTime = (s: number) => `${s.toFixed(2)} s`
export const fmtKey = (x: number) => (x === Infinity ? '∞' : x === -Infinity ? '−∞' : Number.isInteger(x) ? String(x) : x.toFixed(3))
export const fmtPercent = (x: number) => `${(x * 100).toFixed(1)} %`
