import type { TaskSpec } from '../types.ts'
import type { PerformanceModel } from './performance.ts'

/** What SRPT and WSRPT see of each task's remaining work (WaitingItem.remaining, ratioRemaining), by task. */
export interface Estimates {
  readonly remaining: Float64Array
  readonly ratioRemaining: Float64Array
}

/** The remaining-work estimate policies rank by: one piece of a mode (see modes/mode.ts). */
export interface Estimator {
  readonly name: string
  /**
   * For an estimate that is not the time a task runs: what it is, in a few words, for whoever
   * reads a ranking by it (the queue panel's key column). Absent for the true durations.
   */
  readonly note?: string
  /** Every task's, before it runs, from the TP each runs with and the mode's performance model. */
  estimate(tasks: readonly TaskSpec[], tp: Int32Array, perf: PerformanceModel): Estimates
}

/** The durations the loop itself will use (exact mode): SRPT ranks by the truth. */
export const trueDuration: Estimator = {
  name: 'true-duration',
  estimate(tasks, tp, perf) {
    const remaining = new Float64Array(tasks.length)
    for (let i = 0; i < tasks.length; i++) remaining[i] = perf.durationS(i, tp[i]!, [])
    return { remaining, ratioRemaining: remaining }
  },
}
