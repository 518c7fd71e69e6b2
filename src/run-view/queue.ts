import { RUNNING, WAITING } from '../engine/segments.ts'
import { indexedQueueAt, queueIndexOf } from './queue-index.ts'
import type { Ranking } from './ranking.ts'
import { trackOf, type Timeline } from './timeline.ts'
import { segmentsOf, upperBound } from './track.ts'

/** The queue at a step: its first tasks in rank order, and its full length. */
export interface QueueView {
  readonly head: number[]
  readonly length: number
}

/**
 * The queue after the schedule stage of `step`: the tasks whose waiting segment covers it, in
 * the policy's order: at most `limit` of them, and the queue's full length. A task may wait,
 * run and wait again: each waiting segment counts for the steps it covers.
 */
export function queueAt(tl: Timeline, step: number, ranking: Ranking, limit = Infinity): QueueView {
  const track = trackOf(tl, WAITING)
  if (track === undefined) return { head: [], length: 0 }
  const { order } = ranking
  // Scrubbing a 100,000-task run asks this once per frame: a finished run indexed for this
  // rank order (indexQueue) is read in O(log n + the tasks passed over for the head).
  const index = order !== null && tl.done ? queueIndexOf(tl, order) : undefined
  if (index !== undefined) return indexedQueueAt(index, step, limit)
  // Otherwise which tasks wait is found in one pass over the waiting segments opened by then,
  // in memory order (walking tasks in rank order jumps about memory, a cache miss a task).
  const { stepOpen, stepClose, item } = track
  const end = upperBound(track.length, step, (s) => stepOpen[s]!)
  const waits = new Uint8Array(tl.taskCount)
  const waiting: number[] = []
  for (let s = 0; s < end; s++) {
    const close = stepClose[s]!
    if (close >= 0 && close <= step) continue
    waits[item[s]!] = 1
    waiting.push(item[s]!)
  }
  const length = waiting.length
  if (order === null) return { head: ranking.sort(waiting, step).slice(0, limit), length }
  // Then the head is read off in rank order from one byte per task, stopping once full.
  const head: number[] = []
  const want = Math.min(limit, length)
  for (let k = 0; k < order.length && head.length < want; k++) {
    const i = order[k]!
    if (waits[i] === 1) head.push(i)
  }
  return { head, length }
}

/**
 * How many tasks wait after the schedule stage of `step`: from the queue index of `order`
 * when the finished run has one (see queueAt), else in one pass over the waiting segments.
 */
export function waitingCount(tl: Timeline, step: number, order: Int32Array | null): number {
  const index = order !== null && tl.done ? queueIndexOf(tl, order) : undefined
  if (index !== undefined) return indexedQueueAt(index, step, 0).length
  const track = trackOf(tl, WAITING)
  if (track === undefined) return 0
  const { stepOpen, stepClose } = track
  const end = upperBound(track.length, step, (s) => stepOpen[s]!)
  let count = 0
  for (let s = 0; s < end; s++) {
    const close = stepClose[s]!
    if (close < 0 || close > step) count++
  }
  return count
}

/**
 * Of `tasks`, the one whose next running segment opens soonest after `step` (-1: none does):
 * the task that actually starts next, which backfill may take from below the head.
 */
export function nextToStart(tl: Timeline, tasks: readonly number[], step: number): number {
  const track = trackOf(tl, RUNNING)
  if (track === undefined) return -1
  let best = -1
  let bestStep = Infinity
  for (const i of tasks) {
    for (const s of segmentsOf(track, i, tl.taskCount)) {
      const open = track.stepOpen[s]!
      if (open <= step) continue
      if (open < bestStep) {
        best = i
        bestStep = open
      }
      break
    }
  }
  return best
}
