import { KeyedHeap } from '../heap.ts'
import type { ServingConfig } from './config.ts'
import type { ServingListener } from './listener.ts'
import type { RankKey } from './order.ts'
import type { PreparedServing } from './prepare.ts'
import type { Replica } from './replica.ts'

/** Where a request is: exactly one place at any time. */
export const PENDING = 0
export const QUEUED = 1
export const RUNNING = 2
export const FINISHED = 3
export const REJECTED = 4

/** Per-request state of one run, as columns indexed by request (input order). */
export interface RequestState {
  /** c: tokens computed (held in the KV cache). */
  readonly c: Float64Array
  /** g: tokens generated. */
  readonly g: Float64Array
  /** KV blocks held: ceil(c / blockSize), or what the current iteration took. */
  readonly held: Float64Array
  /** Every token computed, recomputation included. */
  readonly computed: Float64Array
  readonly firstTokenS: Float64Array
  readonly finishS: Float64Array
  /** Replica that finished it, else -1. */
  readonly replica: Int32Array
  readonly preemptions: Int32Array
  readonly place: Int8Array
  /** The policy's key, read when last ranked (fixed while the request waits). */
  readonly rank: Float64Array
}

export interface ReplicaState {
  readonly replica: Replica
  readonly model: number
  readonly running: number[]
  free: number
  busy: boolean
  startS: number
  /** The current iteration's batch: request, tokens, computed before. */
  readonly batchRequest: Int32Array
  readonly batchTokens: Float64Array
  readonly batchComputed: Float64Array
  /** Filled only for a listener: what each entry computes (listener.ts BatchKind). */
  readonly batchKinds: Uint8Array
  batchSize: number
}

/** Everything one run of one policy works on. */
export interface RunState {
  readonly prepared: PreparedServing
  readonly config: ServingConfig
  readonly rankKey: RankKey
  readonly req: RequestState
  readonly replicas: readonly ReplicaState[]
  /** One waiting queue per model (index as in prepared.models), in policy order. */
  readonly queues: readonly KeyedHeap[]
  readonly listener: ServingListener | undefined
  preemptionCount: number
  iterationCount: number
  /** Σ over iterations of the requests in the batch: what a run's cost grows with. */
  batchedCount: number
  busyGpuS: number
}

export function createRunState(prepared: PreparedServing, rankKey: RankKey, listener: ServingListener | undefined): RunState {
  const n = prepared.requests.length
  const rank = new Float64Array(n)
  const { config } = prepared
  const batchCap = Math.max(1, Math.min(config.maxNumSeqs, config.maxBatchedTokens, n))
  return {
    prepared,
    config,
    rankKey,
    req: {
      c: new Float64Array(n),
      g: new Float64Array(n),
      held: new Float64Array(n),
      computed: new Float64Array(n),
      firstTokenS: new Float64Array(n).fill(NaN),
      finishS: new Float64Array(n).fill(NaN),
      replica: new Int32Array(n).fill(-1),
      preemptions: new Int32Array(n),
      place: new Int8Array(n),
      rank,
    },
    replicas: prepared.replicas.map((replica) => ({
      replica,
      model: prepared.modelIndex.get(replica.model)!,
      running: [],
      free: replica.blocks,
      busy: false,
      startS: 0,
      batchRequest: new Int32Array(batchCap),
      batchTokens: new Float64Array(batchCap),
      batchComputed: new Float64Array(batchCap),
      batchKinds: new Uint8Array(batchCap),
      batchSize: 0,
    })),
    queues: prepared.models.map(() => new KeyedHeap(rank, prepared.order)),
    listener,
    preemptionCount: 0,
    iterationCount: 0,
    batchedCount: 0,
    busyGpuS: 0,
  }
}
