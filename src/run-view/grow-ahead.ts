import { growMixAhead } from './serving-iterations.ts'
import { growTimelineAhead, type Timeline } from './timeline.ts'

/**
 * Widens the columns of a run's timelines (one an algorithm) ahead of need, all of them from
 * one `budget` of bytes: a column at a time while some is left, so the bytes allocated are the
 * budget and at most one column more. Returns whether the budget ran out (more may want
 * widening). Finished timelines grow no more.
 */
export function growRunAhead(timelines: readonly Timeline[], budget: number): boolean {
  for (const tl of timelines) {
    if (budget <= 0) break
    if (!tl.done) budget = growMixAhead(tl, growTimelineAhead(tl, budget))
  }
  return budget <= 0
}
