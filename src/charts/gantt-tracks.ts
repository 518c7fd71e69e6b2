import type { Timeline } from '../run-view/timeline.ts'
import { settleUnbounded, type SegmentTrack } from '../run-view/track.ts'

/** What the Gantt reads of a segment track (a SegmentTrack is one; tests build smaller ones). */
export type GanttTrack = SegmentTrack

/**
 * The tracks a view draws: every kind whose segments hold GPUs (running jobs now; serving's
 * iterations and preempted work later), whatever the kind is called.
 */
export function ganttTracks(tl: Pick<Timeline, 'tracks'>): GanttTrack[] {
  return tl.tracks.filter((t) => t.holdsResources)
}

/** The longest segment (t1 − t0) of a track whose end is known or planned. */
export function maxDurationS(track: GanttTrack): number {
  return track.maxLengthS
}

/** First position whose segment starts after `tS` (binary search: a track is in start order). */
function startsAfter(track: GanttTrack, tS: number): number {
  let lo = 0
  let hi = track.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (track.t0[mid]! <= tS) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Positions [lo, hi) of the segments that may overlap [fromS, toS]: every segment starting in
 * [fromS − longest segment, toS], and any still open with no known end before them. Callers
 * still skip the few that ended before fromS; the scan stays proportional to what is on
 * screen, not to the run.
 */
export function visibleRange(track: GanttTrack, fromS: number, toS: number, maxDurS: number): [number, number] {
  const eps = 1e-9 * Math.max(1, Math.abs(toS))
  return [Math.min(startsAfter(track, fromS - maxDurS - eps), settleUnbounded(track)), startsAfter(track, toS + eps)]
}

/** Where segment s ends on the chart: its end, or for an open one with none planned, what is known (`knownS`). */
export function segmentEndS(track: GanttTrack, s: number, knownS: number): number {
  const t1 = track.t1[s]!
  return t1 === t1 ? t1 : knownS
}
