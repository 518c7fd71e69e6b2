import type { TaskSpec } from '../types.ts'
import type { PerformanceModel } from './performance.ts'

/** What SRPT and WSRPT see of a task's remaining work (WaitingItem.remaining, ratioRemaining). */
export interface Estimate {
  readonly remaining: number
  readonly ratioRemaining: number
}

/** The remaining-work estimate policies rank by: one piece of a mode (see modes/mode.ts). */
export interface Estimator {
  readonly name: string
  /** Before the task runs, with the TP it will run with and the mode's performance model. */
  estimate(task: TaskSpec, tp: number, perf: PerformanceModel): Estimate
}

/** The durations the loop itself will use (exact mode): SRPT ranks by the truth. */
export const trueDuration: Estimator = {
  name: 'true-duration',
  estimate(task, tp, perf) {
    const d = perf.durationS(task, tp, [])
    return { remaining: d, ratioRemaining: d }
  },
}
