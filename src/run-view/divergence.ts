import { startDecisions } from './decision-point.ts'
import type { Timeline } from './timeline.ts'

/** Where two runs of one scenario first decide differently. */
export interface Divergence {
  /** The step of the first differing decision (the earlier of the two). */
  readonly step: number
  /** How many starts the two runs shared before it. */
  readonly shared: number
  /** Each run's decision there (index in its log), or -1 when that run started nothing then. */
  readonly a: number
  readonly b: number
}

/**
 * The first start where two runs differ: the n-th start of each (in order) is compared, task
 * and step. Null when they start the same tasks at the same steps throughout. A run that starts
 * nothing at the step where the other starts a task has no decision there (-1).
 */
export function firstDivergence(a: Timeline, b: Timeline): Divergence | null {
  const da = startDecisions(a)
  const db = startDecisions(b)
  const at = (tl: Timeline, list: number[], k: number) =>
    k < list.length ? { step: tl.decisions.step.data[list[k]!]!, task: tl.decisions.task.data[list[k]!]! } : { step: Infinity, task: -1 }
  for (let k = 0; k < Math.max(da.length, db.length); k++) {
    const x = at(a, da, k)
    const y = at(b, db, k)
    if (x.step === y.step && x.task === y.task) continue
    const step = Math.min(x.step, y.step)
    return { step, shared: k, a: x.step === step ? da[k]! : -1, b: y.step === step ? db[k]! : -1 }
  }
  return null
}
