import { policies } from '../../engine/policies/registry.ts'
import type { SweepSeries } from '../../charts/sweep-chart.ts'
import { summaryOf, type SweepResult } from '../../sweep/result.ts'

/** Grey for a policy no longer registered (a custom one removed since the sweep ran). */
const GONE = '#9ca3af'

/** Each policy's metric per point, in the sweep's policy order, coloured as the registry colours it. */
export function sweepSeries(r: SweepResult, metric: string): SweepSeries[] {
  return r.definition.algorithms.map((a) => ({
    key: a,
    color: policies.has(a) ? policies.get(a).color : GONE,
    data: r.points.map((p) => {
      const s = summaryOf(r, p.index, a, metric)
      return { point: p.index, x: p.value, mean: s?.mean ?? null, min: s?.min ?? null, max: s?.max ?? null }
    }),
  }))
}

/** A parameter's value for people: 3.11111111111 as 3.111 (files keep every digit). */
export const fmtParamValue = (x: number) => String(Number(x.toPrecision(4)))
