import { PREEMPT, SERVING_KINDS } from '../engine/segments.ts'
import type { ServingLog } from './serving-log.ts'
import { replicaIterations, type ReplicaStep, type ServingRunInfo } from './serving.ts'
import { trackOf, type Timeline } from './timeline.ts'
import { upperBound } from './track.ts'

/** A block held by a running request left out of the iteration shown (the token budget ran out). */
export const HELD_OUTSIDE_BATCH = -2
/** A free block. */
export const FREE_BLOCK = -1

/** A run of blocks of one owner (a request, HELD_OUTSIDE_BATCH or FREE_BLOCK). */
export interface KvRun {
  readonly owner: number
  readonly blocks: number
}

/**
 * A replica's KV blocks during the iteration shown, as runs of one owner: every request of the
 * batch, in batch order, holds ceil((computed + tokens) / blockSize) blocks (docs/serving.md:
 * a request holds the blocks for c + s from the iteration's start). Blocks used beyond those
 * belong to running requests not in this batch (HELD_OUTSIDE_BATCH); the rest are free. The
 * engine allocates blocks by count, not by address, so the grid groups each request's blocks.
 * Runs, not a cell per block: a replica may hold hundreds of millions of blocks.
 */
export function kvBlockRuns(rs: ReplicaStep, blockSize: number): KvRun[] {
  const runs: KvRun[] = []
  let held = 0
  for (let k = 0; k < rs.requests.length; k++) {
    const blocks = Math.ceil((rs.computed[k]! + rs.tokens[k]!) / blockSize)
    runs.push({ owner: rs.requests[k]!, blocks })
    held += blocks
  }
  if (rs.usedBlocks > held) runs.push({ owner: HELD_OUTSIDE_BATCH, blocks: rs.usedBlocks - held })
  if (rs.freeBlocks > 0) runs.push({ owner: FREE_BLOCK, blocks: rs.freeBlocks })
  return runs
}

/**
 * A replica's KV use over the run: its iterations (positions on the iteration track, in
 * order), and by position each one's start and end (its planned end while open) and the KV
 * blocks it used (idle between: 0).
 */
export interface KvUse {
  readonly positions: Int32Array
  readonly t0: Float64Array
  readonly t1: Float64Array
  readonly used: Int32Array
}

/**
 * Every replica's KV use over the run as far as it is known: read through the index of each
 * replica's iterations (serving.ts, extended as the run streams in), from the iteration track's
 * and the serving log's own columns. Copying each iteration's start, end and blocks into lists
 * per replica cost 5–16 ms a publication late in a 10,000-request run, most of it new memory.
 */
export function kvUseByReplica(tl: Timeline, info: ServingRunInfo): KvUse[] {
  const track = trackOf(tl, SERVING_KINDS.iteration)
  if (track === undefined) return info.replicas.map(() => ({ positions: new Int32Array(0), t0: new Float64Array(0), t1: new Float64Array(0), used: new Int32Array(0) }))
  // An iteration counts once its batch (and blocks used) streamed in, which comes with it.
  const n = Math.min(track.length, tl.serving.usedBlocks.length)
  return info.replicas.map((_, r) => {
    const all = replicaIterations(tl, info, r)
    return { positions: all.subarray(0, upperBound(all.length, n - 1, (j) => all[j]!)), t0: track.t0, t1: track.t1, used: tl.serving.usedBlocks.data }
  })
}

/** Per replica, the preemption times read so far, and how many decisions were read. */
interface PreemptionIndex {
  readonly times: number[][]
  read: number
}

const preemptionIndexes = new WeakMap<ServingLog, PreemptionIndex>()

/** The times of the preemptions on each replica, as far as the run is known (extended, not read again, per call). */
export function preemptionTimes(tl: Timeline, replicaCount: number): number[][] {
  const log = tl.serving
  let index = preemptionIndexes.get(log)
  if (index === undefined || index.times.length !== replicaCount) {
    index = { times: Array.from({ length: replicaCount }, (): number[] => []), read: 0 }
    preemptionIndexes.set(log, index)
  }
  for (let d = index.read; d < log.decisionKind.length; d++) {
    if (log.decisionKind.data[d] === PREEMPT) index.times[log.decisionReplica.data[d]!]?.push(log.decisionTimeS.data[d]!)
  }
  index.read = log.decisionKind.length
  return index.times.map((t) => t.slice())
}
