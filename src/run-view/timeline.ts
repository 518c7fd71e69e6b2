import { DecisionLog } from '../engine/decision-log.ts'
import { GrowableInt32 } from '../engine/growable.ts'

/**
 * One run as columns, filled in as it streams: per task, the steps at which it arrived,
 * started and was freed (-1 while unknown), its start and finish times (NaN while unknown) and
 * the GPUs it holds; and the decision log. Any step can be rebuilt from these (holdersAt,
 * queueAt), so nothing is stored per step.
 */
export interface Timeline {
  readonly taskCount: number
  readonly gpuCount: number
  /** Every step before this one is final. */
  knownStep: number
  done: boolean
  readonly arrivalStep: Int32Array
  readonly startStep: Int32Array
  readonly endStep: Int32Array
  readonly startS: Float64Array
  readonly finishS: Float64Array
  /** GPUs of task i: gpus.data[gpuOffset[i] .. gpuOffset[i] + gpuCountOf[i]). */
  readonly gpuOffset: Int32Array
  readonly gpuCountOf: Uint8Array
  readonly gpus: GrowableInt32
  /** Tasks in the order they started (so by start step). */
  readonly startOrder: Int32Array
  startedCount: number
  /** Longest run of any started task, in steps: bounds how far back a holder can have started. */
  maxRunSteps: number
  /** The decision log (task -1: tasks waited although GPUs were free). Times: step × dt. */
  readonly decisions: DecisionLog
}

/**
 * The events of a stretch of steps, in typed arrays a worker can transfer, laid out so that
 * the page appends the variable-length parts (GPUs, passed-over tasks) with one copy each.
 */
export interface TimelineBatch {
  readonly knownStep: number
  readonly done: boolean
  /** The largest step an arrival, start or end of the batch happened at (0 if none). */
  readonly lastEventStep: number
  /** (task, step) pairs. */
  readonly arrivals: Int32Array
  /** (task, step, gpuCount) triples. */
  readonly starts: Int32Array
  /** The GPUs of the starts, in their order (gpuCount each). */
  readonly startGpus: Int32Array
  /** (startS, finishS) per start, in the order of `starts`. */
  readonly startTimes: Float64Array
  /** (task, step) pairs. */
  readonly ends: Int32Array
  /** (step, task, freeGpus, queueLength, passedCount) records. */
  readonly decisions: Int32Array
  /** The passed-over tasks of the decisions, in their order (passedCount each). */
  readonly passed: Int32Array
}

/** A timeline's per-task columns (its GPU list as a plain array, the room it starts with). */
const PER_TASK = ['arrivalStep', 'startStep', 'endStep', 'startS', 'finishS', 'gpuOffset', 'gpuCountOf', 'startOrder'] as const

/**
 * A new timeline's columns, as yet unknown. Allocating and filling them for 100,000 tasks and
 * four algorithms takes the page a tenth of a second: the simulation worker makes them and
 * transfers them with the prepared run.
 */
export type TimelineColumns = Pick<Timeline, (typeof PER_TASK)[number]> & {
  /** Room for the GPUs of every task at TP 2 (it grows past that). */
  readonly gpus: Int32Array
}

export function timelineColumns(taskCount: number): TimelineColumns {
  return {
    arrivalStep: new Int32Array(taskCount).fill(-1),
    startStep: new Int32Array(taskCount).fill(-1),
    endStep: new Int32Array(taskCount).fill(-1),
    startS: new Float64Array(taskCount).fill(NaN),
    finishS: new Float64Array(taskCount).fill(NaN),
    gpuOffset: new Int32Array(taskCount).fill(-1),
    gpuCountOf: new Uint8Array(taskCount),
    gpus: new Int32Array(Math.max(1, taskCount * 2)),
    startOrder: new Int32Array(taskCount),
  }
}

/** The buffers of columns, to transfer. */
export function timelineColumnBuffers(c: TimelineColumns): ArrayBuffer[] {
  return [...PER_TASK.map((k) => c[k]), c.gpus].map((a) => a.buffer as ArrayBuffer)
}

/** A timeline with nothing known yet, on the given columns (fresh ones if none fit). */
export function createTimeline(taskCount: number, gpuCount: number, given?: TimelineColumns): Timeline {
  const fits = given !== undefined && PER_TASK.every((k) => given[k].length === taskCount) && given.gpus.length > 0
  const { gpus, ...perTask } = fits ? given : timelineColumns(taskCount)
  return {
    taskCount,
    gpuCount,
    knownStep: 0,
    done: false,
    ...perTask,
    gpus: GrowableInt32.over(gpus),
    startedCount: 0,
    maxRunSteps: 0,
    decisions: new DecisionLog(),
  }
}

/** Writes a batch into the columns (in place). */
export function applyBatch(tl: Timeline, b: TimelineBatch): void {
  // Columns in locals: a batch of a large run holds tens of thousands of events.
  const { arrivalStep, startStep, startS, finishS, gpuOffset, gpuCountOf, startOrder, endStep } = tl
  const { arrivals, starts, startTimes, ends } = b
  for (let i = 0; i < arrivals.length; i += 2) arrivalStep[arrivals[i]!] = arrivals[i + 1]!
  let offset = tl.gpus.length
  tl.gpus.append(b.startGpus)
  let started = tl.startedCount
  for (let i = 0, s = 0; i < starts.length; i += 3, s++) {
    const task = starts[i]!
    const count = starts[i + 2]!
    startStep[task] = starts[i + 1]!
    startS[task] = startTimes[2 * s]!
    finishS[task] = startTimes[2 * s + 1]!
    gpuOffset[task] = offset
    gpuCountOf[task] = count
    offset += count
    startOrder[started++] = task
  }
  tl.startedCount = started
  let maxRun = tl.maxRunSteps
  for (let i = 0; i < ends.length; i += 2) {
    const task = ends[i]!
    const end = ends[i + 1]!
    endStep[task] = end
    maxRun = Math.max(maxRun, end - startStep[task]!)
  }
  tl.maxRunSteps = maxRun
  tl.decisions.appendRecords(b.decisions, b.passed)
  tl.knownStep = b.knownStep
  tl.done = b.done
}

/** Index of the first entry of a sorted column that is > step (binary search). */
function upperBound(values: ArrayLike<number>, length: number, step: number, at: (i: number) => number = (i) => values[i]!): number {
  let lo = 0
  let hi = length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (at(mid) <= step) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Whether task i holds its GPUs after the schedule stage of `step`. */
export function isRunningAt(tl: Timeline, i: number, step: number): boolean {
  const s = tl.startStep[i]!
  const e = tl.endStep[i]!
  return s >= 0 && s <= step && (e < 0 || step < e)
}

/** The task holding each GPU after the schedule stage of `step` (-1: idle). */
export function holdersAt(tl: Timeline, step: number): Int32Array {
  const out = new Int32Array(tl.gpuCount).fill(-1)
  const startOrder = tl.startOrder
  const end = upperBound(startOrder, tl.startedCount, step, (i) => tl.startStep[startOrder[i]!]!)
  for (let k = end - 1; k >= 0; k--) {
    const i = startOrder[k]!
    // Once the run is done every run length is known: a task (and all before it) started more
    // than the longest run ago has ended.
    if (tl.done && step - tl.startStep[i]! > tl.maxRunSteps) break
    if (!isRunningAt(tl, i, step)) continue
    const off = tl.gpuOffset[i]!
    for (let g = 0; g < tl.gpuCountOf[i]!; g++) out[tl.gpus.data[off + g]!] = i
  }
  return out
}

/** Whether task i waits in the queue after the schedule stage of `step`. */
export function isWaitingAt(tl: Timeline, i: number, step: number, rejected: (i: number) => boolean): boolean {
  const a = tl.arrivalStep[i]!
  const s = tl.startStep[i]!
  return a >= 0 && a <= step && (s < 0 || s > step) && !rejected(i)
}

/**
 * The queue after the schedule stage of `step`, in the policy's order (`rankOrder`: every task,
 * best first): at most `limit` tasks, and the queue's full length.
 */
export function queueAt(
  tl: Timeline,
  step: number,
  rankOrder: Int32Array,
  rejected: (i: number) => boolean,
  limit = Infinity,
): { readonly head: number[]; readonly length: number } {
  // Scrubbing a 100,000-task run asks this once per frame: a finished run indexed for this
  // rank order (indexQueue) is read in O(log n + the tasks passed over for the head).
  const index = tl.done ? queueIndexes.get(tl)?.get(rankOrder) : undefined
  if (index !== undefined) return indexedQueueAt(tl, index, step, rankOrder, limit)
  // Otherwise which tasks wait is found in one pass over the columns in memory order (walking
  // them in rank order jumps about memory, a cache miss a task: ~2 ms), the rejected check (a
  // call) only for tasks otherwise waiting; then the head is read off in rank order from one
  // byte per task, stopping once full.
  const { arrivalStep, startStep } = tl
  const n = rankOrder.length
  const waits = new Uint8Array(n)
  let length = 0
  for (let i = 0; i < n; i++) {
    const a = arrivalStep[i]!
    if (a < 0 || a > step) continue
    const s = startStep[i]!
    if ((s >= 0 && s <= step) || rejected(i)) continue
    waits[i] = 1
    length += 1
  }
  const head: number[] = []
  const want = Math.min(limit, length)
  for (let k = 0; k < n && head.length < want; k++) {
    const i = rankOrder[k]!
    if (waits[i] === 1) head.push(i)
  }
  return { head, length }
}

/** A finished run's queue at any step, for one rank order, without looking at every task. */
interface QueueIndex {
  /** Per rank position: the task's arrival step, NEVER if it never waits (rejected, or never arrives). */
  readonly arrival: Int32Array
  /** Per rank position: the task's start step, NEVER if it never starts. */
  readonly start: Int32Array
  /**
   * Per rank position k: the latest start among positions 0..k, counting a task that never
   * waits as started at -1. At a step at or after it, none of them waits: the head's search
   * starts past them (for FIFO late in a run, past nearly every task).
   */
  readonly settledBy: Int32Array
  /** [step]: the tasks that wait at some point and arrived by that step (the last entry for any later step). */
  readonly arrivedBy: Int32Array
}

const NEVER = 0x7fffffff
const queueIndexes = new WeakMap<Timeline, WeakMap<Int32Array, QueueIndex>>()

/**
 * Indexes a finished run's queue for one rank order, so that queueAt reads it without looking
 * at every task (1.5 ms a call on 100,000 tasks). Takes a pass over the tasks (a few ms on
 * 100,000): the page does it in idle time once the run is over. A no-op until the run is done,
 * or once indexed.
 */
export function indexQueue(tl: Timeline, rankOrder: Int32Array, rejected: (i: number) => boolean): void {
  if (!tl.done) return
  let byRank = queueIndexes.get(tl)
  if (byRank === undefined) queueIndexes.set(tl, (byRank = new WeakMap()))
  if (!byRank.has(rankOrder)) byRank.set(rankOrder, buildQueueIndex(tl, rankOrder, rejected))
}

function buildQueueIndex(tl: Timeline, rankOrder: Int32Array, rejected: (i: number) => boolean): QueueIndex {
  const n = rankOrder.length
  const arrival = new Int32Array(n)
  const start = new Int32Array(n)
  const settledBy = new Int32Array(n)
  let lastArrival = 0
  for (let i = 0; i < n; i++) if (tl.arrivalStep[i]! > lastArrival) lastArrival = tl.arrivalStep[i]!
  const arrivedBy = new Int32Array(lastArrival + 1)
  let latest = -1
  for (let k = 0; k < n; k++) {
    const i = rankOrder[k]!
    const a = tl.arrivalStep[i]!
    const s = tl.startStep[i]!
    const waits = a >= 0 && !rejected(i)
    arrival[k] = waits ? a : NEVER
    start[k] = s >= 0 ? s : NEVER
    if (waits) arrivedBy[a]! += 1
    latest = Math.max(latest, waits ? start[k]! : -1)
    settledBy[k] = latest
  }
  for (let t = 1; t < arrivedBy.length; t++) arrivedBy[t]! += arrivedBy[t - 1]!
  return { arrival, start, settledBy, arrivedBy }
}

function indexedQueueAt(tl: Timeline, index: QueueIndex, step: number, rankOrder: Int32Array, limit: number): { readonly head: number[]; readonly length: number } {
  const { arrival, start, settledBy, arrivedBy } = index
  // Whoever arrived by `step` and has not started by it waits (a task starts after it arrives).
  const arrived = step < 0 ? 0 : arrivedBy[Math.min(step, arrivedBy.length - 1)]!
  const started = upperBound(tl.startOrder, tl.startedCount, step, (k) => tl.startStep[tl.startOrder[k]!]!)
  const length = arrived - started
  const head: number[] = []
  const want = Math.min(limit, length)
  const n = arrival.length
  for (let k = upperBound(settledBy, n, step); k < n && head.length < want; k++) {
    if (arrival[k]! <= step && start[k]! > step) head.push(rankOrder[k]!)
  }
  return { head, length }
}

/** Indices (into tl.decisions) of the decisions made at `step`. */
export function decisionsAt(tl: Timeline, step: number): number[] {
  const steps = tl.decisions.step
  const hi = upperBound(steps.data, steps.length, step)
  const lo = upperBound(steps.data, steps.length, step - 1)
  return Array.from({ length: hi - lo }, (_, k) => lo + k)
}

/** Per-task records of a finished timeline, in input order (the trace export's rows). */
export function timelineOutcomes(tl: Timeline): { index: number; startS: number | null; completionS: number | null; gpus: number[] }[] {
  return Array.from({ length: tl.taskCount }, (_, i) => {
    const started = tl.startStep[i]! >= 0
    const off = tl.gpuOffset[i]!
    return {
      index: i,
      startS: started ? tl.startS[i]! : null,
      completionS: started ? tl.finishS[i]! : null,
      gpus: started ? Array.from(tl.gpus.data.subarray(off, off + tl.gpuCountOf[i]!)) : [],
    }
  })
}
