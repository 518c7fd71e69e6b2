import { PREEMPT, SERVING_KINDS } from '../engine/segments.ts'
import type { ReplicaStep, ServingRunInfo } from './serving.ts'
import { trackOf, type Timeline } from './timeline.ts'

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

/** A replica's KV use over the run: per iteration, its start, end and blocks used (idle between: 0). */
export interface KvUse {
  readonly t0: Float64Array
  readonly t1: Float64Array
  readonly used: Int32Array
}

/** Every replica's KV use over the run as far as it is known, from its iteration segments. */
export function kvUseByReplica(tl: Timeline, info: ServingRunInfo): KvUse[] {
  const track = trackOf(tl, SERVING_KINDS.iteration)
  const count = info.replicas.length
  const sizes = new Int32Array(count)
  const n = track === undefined ? 0 : Math.min(track.length, tl.serving.usedBlocks.length)
  for (let s = 0; s < n; s++) sizes[track!.item[s]! - tl.taskCount]! += 1
  const out = Array.from(sizes, (size) => ({ t0: new Float64Array(size), t1: new Float64Array(size), used: new Int32Array(size) }))
  const fill = new Int32Array(count)
  for (let s = 0; s < n; s++) {
    const r = track!.item[s]! - tl.taskCount
    const k = fill[r]!++
    out[r]!.t0[k] = track!.t0[s]!
    out[r]!.t1[k] = track!.t1[s]!
    out[r]!.used[k] = tl.serving.usedBlocks.data[s]!
  }
  return out
}

/** The times of the preemptions on each replica, as far as the run is known. */
export function preemptionTimes(tl: Timeline, replicaCount: number): number[][] {
  const out = Array.from({ length: replicaCount }, (): number[] => [])
  const log = tl.serving
  for (let d = 0; d < log.decisionKind.length; d++) {
    if (log.decisionKind.data[d] === PREEMPT) out[log.decisionReplica.data[d]!]?.push(log.decisionTimeS.data[d]!)
  }
  return out
}
