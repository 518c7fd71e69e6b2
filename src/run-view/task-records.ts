import { leqTol } from '../engine/clock.ts'
import { RUNNING } from '../engine/segments.ts'
import { trackOf, type Timeline } from './timeline.ts'
import { segmentsOf } from './track.ts'

/**
 * What a run says of each task by a time, as the metrics count it: whether it has completed (its
 * last segment is a run whose end is known, by `untilS`), its first start, its completion, the
 * seconds it held GPUs over its runs and how many GPUs it held. Read off the segments, so a task
 * that ran, waited and ran again is counted as the engine counts it.
 */
export interface TaskRecords {
  readonly completed: Uint8Array
  /** First start (NaN: never started by then). */
  readonly startS: Float64Array
  /** Completion (NaN: not completed by then). */
  readonly completionS: Float64Array
  /** Seconds its runs held GPUs (all of them once it has completed). */
  readonly heldS: Float64Array
  readonly gpus: Uint8Array
}

/** Per task, by `untilS` (Infinity: the whole run, as the final metrics count it). */
export function taskRecords(tl: Timeline, untilS = Infinity): TaskRecords {
  const n = tl.taskCount
  const out: TaskRecords = {
    completed: new Uint8Array(n),
    startS: new Float64Array(n).fill(NaN),
    completionS: new Float64Array(n).fill(NaN),
    heldS: new Float64Array(n),
    gpus: new Uint8Array(n),
  }
  const track = trackOf(tl, RUNNING)
  if (track === undefined) return out
  const runTrack = tl.tracks.indexOf(track) + 1
  for (let i = 0; i < n; i++) {
    const runs = segmentsOf(track, i, n)
    if (runs.length === 0) continue
    const first = runs[0]!
    if (leqTol(track.t0[first]!, untilS)) out.startS[i] = track.t0[first]!
    out.gpus[i] = track.resCount[first]!
    // Completed once its latest segment is a run with a known end (a preempted task waits again).
    const last = runs[runs.length - 1]!
    const end = track.t1[last]!
    if (tl.lastTrack[i] !== runTrack || tl.lastPos[i] !== last || Number.isNaN(end) || !leqTol(end, untilS)) continue
    out.completed[i] = 1
    out.completionS[i] = end
    let held = 0
    for (const s of runs) held += track.t1[s]! - track.t0[s]!
    out.heldS[i] = held
  }
  return out
}
