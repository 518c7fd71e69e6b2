import { GrowableFloat64, GrowableInt32 } from '../engine/growable.ts'
import { PREEMPT, SERVING_KINDS } from '../engine/segments.ts'
import type { ServingLog } from './serving-log.ts'
import type { ReplicaStep, ServingRunInfo } from './serving.ts'
import { trackOf, type Timeline } from './timeline.ts'
import type { SegmentTrack } from './track.ts'

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

/** Per replica, its iterations so far as growing columns, and whether its last one was still open when read. */
interface KvUseIndex {
  readonly t0: GrowableFloat64[]
  readonly t1: GrowableFloat64[]
  readonly used: GrowableInt32[]
  /** Per replica: the track position of its last iteration read while it was open (-1: none). */
  readonly open: Int32Array
  indexed: number
}

const useIndexes = new WeakMap<SegmentTrack, KvUseIndex>()

/**
 * Every replica's KV use over the run as far as it is known, from its iteration segments. Kept
 * per track and extended by what streamed in since the last call: read over the whole run on
 * every publication it cost O(iterations) each time, hundreds of ms per frame late in a
 * 10,000-request run. A replica's open iteration has its planned end as t1; it is read again
 * once closed.
 */
export function kvUseByReplica(tl: Timeline, info: ServingRunInfo): KvUse[] {
  const track = trackOf(tl, SERVING_KINDS.iteration)
  const count = info.replicas.length
  if (track === undefined) return Array.from({ length: count }, () => ({ t0: new Float64Array(0), t1: new Float64Array(0), used: new Int32Array(0) }))
  let index = useIndexes.get(track)
  if (index === undefined || index.t0.length !== count) {
    index = {
      t0: Array.from({ length: count }, () => new GrowableFloat64(16)),
      t1: Array.from({ length: count }, () => new GrowableFloat64(16)),
      used: Array.from({ length: count }, () => new GrowableInt32(16)),
      open: new Int32Array(count).fill(-1),
      indexed: 0,
    }
    useIndexes.set(track, index)
  }
  for (let r = 0; r < count; r++) {
    const s = index.open[r]!
    if (s < 0) continue
    index.t1[r]!.data[index.t1[r]!.length - 1] = track.t1[s]!
    if (track.stepClose[s]! >= 0) index.open[r] = -1
  }
  const n = Math.min(track.length, tl.serving.usedBlocks.length)
  for (let s = index.indexed; s < n; s++) {
    const r = track.item[s]! - tl.taskCount
    index.t0[r]!.push(track.t0[s]!)
    index.t1[r]!.push(track.t1[s]!)
    index.used[r]!.push(tl.serving.usedBlocks.data[s]!)
    index.open[r] = track.stepClose[s]! < 0 ? s : -1
  }
  index.indexed = Math.max(index.indexed, n)
  const { t0, t1, used } = index
  return Array.from({ length: count }, (_, r) => ({ t0: t0[r]!.data.subarray(0, t0[r]!.length), t1: t1[r]!.data.subarray(0, t1[r]!.length), used: used[r]!.data.subarray(0, used[r]!.length) }))
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
