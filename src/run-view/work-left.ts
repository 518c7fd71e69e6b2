import { workLeftAt } from '../engine/preemption.ts'
import { RUNNING } from '../engine/segments.ts'
import { trackOf, type Timeline } from './timeline.ts'
import { segmentsOf } from './track.ts'

/**
 * Seconds of work task `i` has left at `timeS` (after the stages of `step`) in a preemptive run,
 * from its running segments: `baseS` (its whole work) less what each run did, worked out as the
 * engine does (engine/preemption.ts). Assumes, as the fixed-rate model gives, that a run of
 * `left` seconds of work takes `left` seconds on any GPUs.
 */
export function workLeftOn(tl: Timeline, i: number, step: number, timeS: number, baseS: number): number {
  const track = trackOf(tl, RUNNING)
  if (track === undefined) return baseS
  let left = baseS
  for (const s of segmentsOf(track, i, tl.taskCount)) {
    if (track.stepOpen[s]! > step) break
    const t0 = track.t0[s]!
    const close = track.stepClose[s]!
    // Closed by then: early (preempted) or at its end; else still running at `timeS`.
    const until = close >= 0 && close <= step ? track.t1[s]! : timeS
    left = workLeftAt(left, t0, t0 + left, until)
  }
  return left
}
