import type { TakeZeroed } from '../engine/growable.ts'
import { growMixAhead } from './serving-iterations.ts'
import { growTimelineAhead, type Timeline } from './timeline.ts'

/**
 * Bytes of new columns a run's timelines may allocate ahead of need in a frame (more when a
 * single column is larger). A 10,000-request serving run's columns reach 524,288 iterations,
 * about 36 MB an algorithm. In a replay of the serving bench's batches (800 events each, four
 * algorithms, a batch every frame), 1 MB a frame fell behind: 50 MB of columns were widened
 * when full, in the frames of batches (up to 19 MB in one); 4 MB a frame keeps up (0.3 MB, at
 * most 6.3 MB a frame). This VM takes about 3 ms a MB to touch new memory the first time.
 */
export const GROW_AHEAD_BYTES = 4 << 20

/**
 * Widens the columns of a run's timelines (one an algorithm) ahead of need, all of them from
 * one `budget` of bytes: a column at a time while some is left, so the bytes allocated are the
 * budget and at most one column more; into memory from `take` if given (zeroed-pool.ts), columns
 * it has none ready for waiting. Returns whether the budget ran out (more may want widening).
 * Finished timelines grow no more.
 */
export function growRunAhead(timelines: readonly Timeline[], budget: number, take?: TakeZeroed): boolean {
  for (const tl of timelines) {
    if (budget <= 0) break
    if (!tl.done) budget = growMixAhead(tl, growTimelineAhead(tl, budget, take), take)
  }
  return budget <= 0
}
