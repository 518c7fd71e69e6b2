import type { KvUse } from '../run-view/serving-kv.ts'

/**
 * A replica's KV use over [0, endS] in `widthPx` columns: per pixel column the largest share of
 * its blocks any iteration overlapping it held (0 while idle), so a run of a million iterations
 * draws as `widthPx` points and no peak is lost.
 */
export function kvUseColumns(use: KvUse, blocks: number, endS: number, widthPx: number): Float32Array {
  const out = new Float32Array(widthPx)
  if (!(endS > 0) || blocks <= 0) return out
  const perS = widthPx / endS
  for (let k = 0; k < use.used.length; k++) {
    const t1 = use.t1[k]!
    const from = Math.max(0, Math.floor(use.t0[k]! * perS))
    const to = Math.min(widthPx - 1, Math.floor((t1 === t1 ? t1 : endS) * perS))
    const v = use.used[k]! / blocks
    for (let px = from; px <= to; px++) if (v > out[px]!) out[px] = v
  }
  return out
}
