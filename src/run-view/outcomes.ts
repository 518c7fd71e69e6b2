import { RUNNING } from '../engine/segments.ts'
import { trackOf, type Timeline } from './timeline.ts'
import { resourcesOf, segmentsOf } from './track.ts'

/** What a trace row says of one task (TraceRun's tasks). */
export interface TaskRecord {
  readonly index: number
  readonly startS: number | null
  readonly completionS: number | null
  readonly gpus: number[]
}

/**
 * Per-task records of a finished timeline, in input order (the trace export's rows): its first
 * start, the end of its last running segment, and the GPUs it ran on (in the order it took them).
 */
export function timelineOutcomes(tl: Timeline): TaskRecord[] {
  const track = trackOf(tl, RUNNING)
  return Array.from({ length: tl.taskCount }, (_, i) => {
    const runs = track === undefined ? [] : segmentsOf(track, i, tl.taskCount)
    if (runs.length === 0) return { index: i, startS: null, completionS: null, gpus: [] }
    const gpus = [...new Set(runs.flatMap((s) => Array.from(resourcesOf(track!, s))))]
    return { index: i, startS: track!.t0[runs[0]!]!, completionS: track!.t1[runs[runs.length - 1]!]!, gpus }
  })
}
