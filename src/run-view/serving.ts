import { GrowableInt32 } from '../engine/growable.ts'
import { SERVING_KINDS } from '../engine/segments.ts'
import { batchEntries } from './serving-batches.ts'
import { trackOf, type Timeline } from './timeline.ts'
import { coversStep, upperBound, type SegmentTrack } from './track.ts'

/** What the page knows of a prepared serving run, sent once with it (worker/protocol.ts PreparedRun.serving). */
export interface ServingRunInfo {
  /** Models that have replicas, in placement order. */
  readonly models: readonly string[]
  /** Tokens per KV block. */
  readonly blockSize: number
  /** Per replica: its model's index, TP, GPUs and KV blocks. */
  readonly replicas: readonly { readonly model: number; readonly tp: number; readonly gpus: readonly number[]; readonly blocks: number }[]
  /** Per request: its model's index (-1: no deployment serves it), queue order, P, O, weight, arrival. */
  readonly requestModel: Int32Array
  readonly order: Int32Array
  readonly inputTokens: Float64Array
  readonly outputTokens: Float64Array
  readonly weight: Float64Array
  readonly arrivalS: Float64Array
}

/** One replica at one step: the iteration running then, its batch, and its KV blocks. */
export interface ReplicaStep {
  /** The iteration's position on the iteration track, or -1 while the replica is idle. */
  readonly segment: number
  readonly t0: number
  readonly t1: number
  /** Its batch: requests, the tokens each computes (a prefill chunk, or 1), their kinds (0 prefill, 1 decode, 2 recompute). */
  readonly requests: readonly number[]
  readonly tokens: readonly number[]
  readonly kinds: readonly number[]
  /** The tokens each had computed before the iteration (it holds the KV blocks of computed + tokens). */
  readonly computed: readonly number[]
  /** KV blocks held; an idle replica holds none (with requests running, a replica is never idle). */
  readonly usedBlocks: number
  readonly freeBlocks: number
}

/** Per replica, the positions of its iteration segments on the track (ascending), extended as the track grows. */
interface ReplicaIndex {
  readonly positions: GrowableInt32[]
  indexed: number
}

const indexes = new WeakMap<SegmentTrack, ReplicaIndex>()

function replicaSegments(track: SegmentTrack, requestCount: number, replicaCount: number, replica: number): GrowableInt32 {
  let index = indexes.get(track)
  if (index === undefined) indexes.set(track, (index = { positions: Array.from({ length: replicaCount }, () => new GrowableInt32(16)), indexed: 0 }))
  for (let s = index.indexed; s < track.length; s++) index.positions[track.item[s]! - requestCount]?.push(s)
  index.indexed = track.length
  return index.positions[replica]!
}

/** The positions of replica `replica`'s iteration segments on the iteration track so far, ascending. */
export function replicaIterations(tl: Timeline, info: ServingRunInfo, replica: number): Int32Array {
  const track = trackOf(tl, SERVING_KINDS.iteration)
  if (track === undefined) return new Int32Array(0)
  const list = replicaSegments(track, tl.taskCount, info.replicas.length, replica)
  return list.data.subarray(0, list.length)
}

/**
 * Extends the index of each replica's iterations by what streamed in: the runner calls it after
 * each batch, so that the first read after a run ends (the Gantt's idle note, in the frame that
 * shows the results) does not index the whole run at once.
 */
export function indexReplicaIterations(tl: Timeline, info: ServingRunInfo): void {
  const track = trackOf(tl, SERVING_KINDS.iteration)
  if (track !== undefined && info.replicas.length > 0) replicaSegments(track, tl.taskCount, info.replicas.length, 0)
}

/**
 * Replica `replica` at `step` (time step × dt, after every event at that time): the iteration
 * covering it, with its batch and KV blocks used and free. O(log iterations of the replica).
 */
export function replicaAt(tl: Timeline, info: ServingRunInfo, replica: number, step: number): ReplicaStep {
  const blocks = info.replicas[replica]!.blocks
  const idle: ReplicaStep = { segment: -1, t0: NaN, t1: NaN, requests: [], tokens: [], kinds: [], computed: [], usedBlocks: 0, freeBlocks: blocks }
  const track = trackOf(tl, SERVING_KINDS.iteration)
  if (track === undefined) return idle
  const list = replicaSegments(track, tl.taskCount, info.replicas.length, replica)
  const k = upperBound(list.length, step, (j) => track.stepOpen[list.data[j]!]!) - 1
  if (k < 0) return idle
  const s = list.data[k]!
  if (!coversStep(track, s, step)) return idle
  return iterationAt(tl, track, s, blocks)
}

/** Iteration segment `s` (its position on the iteration track) with its batch; `blocks`: its replica's KV blocks. */
export function iterationAt(tl: Timeline, track: SegmentTrack, s: number, blocks: number): ReplicaStep {
  // A batch streams in the same batch as its segment, right after it.
  const log = tl.serving
  const used = log.usedBlocks.data[s]!
  const { requests, tokens, kinds, computed } = batchEntries(log, s)
  return {
    segment: s,
    t0: track.t0[s]!,
    t1: track.t1[s]!,
    requests,
    tokens,
    kinds,
    computed,
    usedBlocks: used,
    freeBlocks: blocks - used,
  }
}
