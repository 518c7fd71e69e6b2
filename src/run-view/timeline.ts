import { DecisionLog } from '../engine/decision-log.ts'
import type { TakeZeroed } from '../engine/growable.ts'
import type { SegmentKind } from '../engine/segments.ts'
import type { SegmentBatch } from '../worker/recorder.ts'
import { appendServing, createServingLog, growServingAhead, type ServingLog } from './serving-log.ts'
import { appendColumns, closeSegment, createTrack, growAhead, openSegment, trackColumnBuffers, trackColumns, type SegmentTrack, type TrackColumns } from './track.ts'

/**
 * One run as the page reads it, filled in as it streams: a track of segments per kind (see
 * track.ts), each task's latest segment, and the decision log. Any step can be rebuilt from
 * these (holdersAt, queueAt), so nothing is stored per step.
 */
export interface Timeline {
  readonly taskCount: number
  readonly gpuCount: number
  /** Every step before this one is final. */
  knownStep: number
  done: boolean
  /** By the run's kind codes (the order kinds first appeared in). */
  readonly tracks: SegmentTrack[]
  /** Per task: 1 + the code of the track holding its latest segment (0: none yet), and its position there. */
  readonly lastTrack: Uint8Array
  readonly lastPos: Int32Array
  /** The decision log (task -1: tasks waited although GPUs were free). Times: unknown (NaN). */
  readonly decisions: DecisionLog
  /** Columns made ahead for the kinds expected (see TimelineColumns), taken as each kind first appears. */
  readonly ahead: Readonly<Record<SegmentKind, TrackColumns>>
  /** A serving run's batches and decisions (empty for a job run); see serving-log.ts. */
  readonly serving: ServingLog
}

/**
 * A timeline's columns, made before the run streams in: a track's for each kind of segment
 * expected, with room for as many as expected (tracks grow past it), and the per-task ones.
 * The simulation worker makes them and transfers them (see TrackColumns).
 */
export interface TimelineColumns {
  readonly tracks: Readonly<Record<SegmentKind, TrackColumns>>
  readonly lastTrack: Uint8Array
  readonly lastPos: Int32Array
}

export function timelineColumns(taskCount: number, expected: Readonly<Record<SegmentKind, number>>): TimelineColumns {
  const tracks: Record<SegmentKind, TrackColumns> = {}
  for (const [kind, count] of Object.entries(expected)) tracks[kind] = trackColumns(count)
  return { tracks, lastTrack: new Uint8Array(taskCount), lastPos: new Int32Array(taskCount) }
}

/** The buffers of timeline columns, to transfer. */
export function timelineColumnBuffers(c: TimelineColumns): ArrayBuffer[] {
  return [...Object.values(c.tracks).flatMap(trackColumnBuffers), c.lastTrack.buffer as ArrayBuffer, c.lastPos.buffer as ArrayBuffer]
}

/** A timeline with nothing known yet, on the given columns (fresh ones where they do not fit). */
export function createTimeline(taskCount: number, gpuCount: number, given?: TimelineColumns): Timeline {
  const fits = given !== undefined && given.lastTrack.length === taskCount && given.lastPos.length === taskCount
  return {
    taskCount,
    gpuCount,
    knownStep: 0,
    done: false,
    tracks: [],
    // Cleared: columns handed over twice must not carry a former run's tasks (a byte a task).
    lastTrack: fits ? given.lastTrack.fill(0) : new Uint8Array(taskCount),
    lastPos: fits ? given.lastPos : new Int32Array(taskCount),
    decisions: new DecisionLog(),
    ahead: fits ? given.tracks : {},
    serving: createServingLog(),
  }
}

/** The track of one kind, if the run has any segment of it. */
export function trackOf(tl: Timeline, kind: SegmentKind): SegmentTrack | undefined {
  return tl.tracks.find((t) => t.kind === kind)
}

/**
 * Writes a batch into the tracks (in place). Columns that fill up double there; the runner
 * widens them ahead of need in frames of their own (growTimelineAhead, run-view/grow-ahead.ts).
 */
export function applyBatch(tl: Timeline, b: SegmentBatch): void {
  for (let c = tl.tracks.length; c < b.kinds.length; c++) {
    const kind = b.kinds[c]!
    const ahead = Object.hasOwn(tl.ahead, kind) ? tl.ahead[kind] : undefined
    tl.tracks.push(createTrack(kind, Math.min(tl.taskCount, 1024), ahead))
  }
  // Locals: a batch of a large run holds tens of thousands of events.
  const { events, times, resources } = b
  const { tracks, lastTrack, lastPos } = tl
  let t = 0
  let r = 0
  for (let e = 0; e < events.length; e += 3) {
    const code = events[e]!
    const track = tracks[code >> 1]!
    if ((code & 1) === 0) {
      const item = events[e + 1]!
      const count = resources[r]!
      const s = openSegment(track, item, events[e + 2]!, times[t]!, times[t + 1]!, resources, r + 1, count)
      // Items past the tasks are no tasks (a serving run's replicas): no latest segment to keep.
      if (item < lastPos.length) {
        lastTrack[item] = (code >> 1) + 1
        lastPos[item] = s
      }
      t += 2
      r += 1 + count
    } else {
      closeSegment(track, events[e + 1]!, events[e + 2]!, times[t]!)
      t += 1
    }
  }
  // A serving run's iterations come as columns (worker/bulk-segments.ts); they are no tasks' segments.
  for (const bulk of b.bulk) appendColumns(tracks[bulk.code]!, bulk)
  appendDecisions(tl.decisions, b.decisions, b.passed)
  appendServing(tl.serving, b)
  tl.knownStep = b.knownStep
  tl.done = b.done
}

/**
 * Widens the columns of a run still streaming in ahead of need (growAhead in track.ts), a
 * column at a time while `budget` bytes are left, into memory from `take` if given; returns the
 * budget left. A finished run grows no more.
 */
export function growTimelineAhead(tl: Timeline, budget: number, take?: TakeZeroed): number {
  if (tl.done) return budget
  for (const track of tl.tracks) budget = growAhead(track, budget, take)
  return growServingAhead(tl.serving, budget, take)
}

/**
 * Appends decisions given as (step, task, freeGpus, queueLength, passedCount) records and their
 * passed-over tasks (a streamed batch), column by column; their times are unknown (NaN): the
 * views turn steps into times themselves (time.ts).
 */
function appendDecisions(log: DecisionLog, records: Int32Array, passed: Int32Array): void {
  const n = records.length / 5
  const columns = [log.step, log.task, log.freeGpus, log.queueLength, log.passedOffset]
  for (const c of columns) c.reserve(n)
  const at = log.step.length
  const [step, task, free, queue, offset] = columns.map((c) => c.data) as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array]
  let from = log.passed.length
  for (let d = 0; d < n; d++) {
    const r = 5 * d
    step[at + d] = records[r]!
    task[at + d] = records[r + 1]!
    free[at + d] = records[r + 2]!
    queue[at + d] = records[r + 3]!
    offset[at + d] = from
    from += records[r + 4]!
    log.timeS.push(NaN)
  }
  for (const c of columns) c.length += n
  log.passed.append(passed)
}
