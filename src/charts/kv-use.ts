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
  const { positions, t0, t1, used } = use
  for (let k = 0; k < positions.length; k++) {
    const s = positions[k]!
    const end = t1[s]!
    const from = Math.max(0, Math.floor(t0[s]! * perS))
    const to = Math.min(widthPx - 1, Math.floor((end === end ? end : endS) * perS))
    const v = used[s]! / blocks
    for (let px = from; px <= to; px++) if (v > out[px]!) out[px] = v
  }
  return out
}
