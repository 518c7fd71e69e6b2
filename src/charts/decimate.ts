import type { StepPoint, StepSeries } from '../run-view/series.ts'

/**
 * A step series reduced to what a screen can show: within one pixel column (of `px`, time →
 * pixels) only the first value, the lowest, the highest and the last matter, all drawn as one
 * vertical stroke at the column's first change. A 100,000-point curve becomes a few points per
 * pixel with the same picture. Columns with a single change are kept as they are.
 */
export function decimateSteps(series: StepSeries, px: (timeS: number) => number): StepPoint[] {
  const { t, v } = series
  const n = t.length
  const out: StepPoint[] = []
  let k = 0
  while (k < n) {
    const t0 = t[k]!
    const first = v[k]!
    const column = Math.floor(px(t0))
    let min = first
    let max = first
    let last = first
    let count = 1
    for (k += 1; k < n && Math.floor(px(t[k]!)) === column; k++, count++) {
      last = v[k]!
      if (last < min) min = last
      if (last > max) max = last
    }
    if (count === 1) {
      out.push([t0, first])
      continue
    }
    // Stroke from the first value through the extremes to the last: the column's whole range.
    const through = last >= first ? [min, max] : [max, min]
    for (const value of [first, ...through, last]) pushPoint(out, t0, value)
  }
  return out
}

function pushPoint(out: StepPoint[], t: number, v: number): void {
  const prev = out[out.length - 1]
  if (prev !== undefined && prev[0] === t && prev[1] === v) return
  out.push([t, v])
}
