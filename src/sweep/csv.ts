import { csvFormatRows } from 'd3-dsv'
import { metricsFor } from './metrics.ts'
import type { SweepResult } from './result.ts'

/** The CSV's columns: stable (scripts read them). One row per point, policy and metric. */
export const SWEEP_CSV_COLUMNS = ['point', 'param', 'value', 'rate_per_s', 'offered_load', 'algorithm', 'metric', 'mean', 'min', 'max', 'n'] as const

const cell = (x: number | null) => (x === null ? '' : String(x))

/**
 * The summary as CSV, for the chosen metrics (all of the mode's when none are named): the mean
 * over seeds and the spread as min and max. Numbers unrounded; empty where there is none.
 */
export function formatSweepCsv(r: SweepResult, metrics?: readonly string[]): string {
  const wanted = new Set(metrics ?? metricsFor(r.definition.mode).map((m) => m.name))
  const rows = r.summary
    .filter((s) => wanted.has(s.metric))
    .map((s) => {
      const p = r.points[s.point]!
      return [String(s.point), r.definition.param, String(p.value), cell(p.ratePerS), cell(p.offeredLoad), s.algorithm, s.metric, cell(s.mean), cell(s.min), cell(s.max), String(s.n)]
    })
  return `${csvFormatRows([[...SWEEP_CSV_COLUMNS], ...rows])}\n`
}
