import type { RunResult } from '../engine/results.ts'
import type { GateMetric } from '../lessons/lesson.ts'
import type { LessonRun } from '../lessons/lesson-run.ts'
import type { TaskRecords } from '../run-view/task-records.ts'
import { fmt3 } from './format.ts'
import { breakdownOf, METRIC_FORMULAS, type Breakdown } from './metric-breakdown.ts'

/** A run's outcome per task as a breakdown reads it (the final numbers, as the engine counts them). */
export function recordsOf(result: RunResult): TaskRecords {
  const n = result.tasks.length
  const out: TaskRecords = {
    completed: new Uint8Array(n),
    startS: new Float64Array(n).fill(NaN),
    completionS: new Float64Array(n).fill(NaN),
    heldS: new Float64Array(n),
    gpus: new Uint8Array(n),
  }
  for (const t of result.tasks) {
    out.gpus[t.index] = t.gpus.length
    if (t.startS !== null) out.startS[t.index] = t.startS
    if (t.status === 'completed' && t.completionS !== null) {
      out.completed[t.index] = 1
      out.completionS[t.index] = t.completionS
      out.heldS[t.index] = t.completionS - (t.startS ?? t.completionS)
    }
  }
  return out
}

const VALUE: Record<GateMetric, (m: RunResult['metrics']) => number> = {
  weightedFlow: (m) => m.weighted_waiting_time,
  meanFlow: (m) => m.average_waiting_time,
  meanDelay: (m) => m.average_queueing_delay,
}

/** A metric of a lesson's run explained as the Results table explains it: name, formula and terms. */
export function lessonBreakdown(run: LessonRun, metric: GateMetric, algorithm: string): { name: string; formula: string; breakdown: Breakdown } {
  const result = run.result(algorithm)
  const value = fmt3(VALUE[metric](result.metrics))
  const rejected = result.tasks.filter((t) => t.status === 'rejected').map((t) => t.index)
  const breakdown = breakdownOf(metric, value, { tasks: run.scenario.tasks, records: recordsOf(result), gpuCount: result.gpuCount, atS: null, rejected })
  return { ...METRIC_FORMULAS[metric], breakdown }
}
