import { csvFormatRows } from 'd3-dsv'
import type { TaskSpec } from '../types.ts'

/** What a trace needs of one algorithm's run (a RunResult has it; so has a streamed timeline). */
export interface TraceRun {
  readonly algorithm: string
  readonly tasks: readonly {
    readonly index: number
    readonly startS: number | null
    readonly completionS: number | null
    readonly gpus: readonly number[]
  }[]
}

export const TRACE_COLUMNS = ['algorithm', 'task', 'model', 'weight', 'arrival', 'start', 'completion', 'gpus'] as const

/**
 * One row per task and algorithm: when it arrived, started and completed, and the zero-based
 * GPU indices it held, joined by `;`. Start and completion are empty for tasks that never ran.
 * Times are written exactly (shortest round-trip form), not rounded.
 */
export function formatTraceCsv(tasks: readonly TaskSpec[], results: readonly TraceRun[]): string {
  const rows: string[][] = [[...TRACE_COLUMNS]]
  for (const r of results) {
    for (const o of r.tasks) {
      const t = tasks[o.index]!
      rows.push([
        r.algorithm,
        t.id,
        t.model,
        String(t.weight),
        String(t.arrivalS),
        o.startS === null ? '' : String(o.startS),
        o.completionS === null ? '' : String(o.completionS),
        o.gpus.join(';'),
      ])
    }
  }
  return `${csvFormatRows(rows)}\n`
}
