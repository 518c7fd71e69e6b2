import type { SchedulingPolicy } from '../policies/policy.ts'
import type { ServingConfig } from './config.ts'
import type { ServingListener } from './listener.ts'
import type { PreparedServing } from './prepare.ts'
import { createHeapQueue, createScanQueue, type RequestQueue } from './queue.ts'
import { servingRank, type RequestFields } from './ranking.ts'
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
  /** When it first joined a replica's running set (NaN: never). */
  readonly admittedS: Float64Array
  readonly firstTokenS: Float64Array
  readonly finishS: Float64Array
  /** Replica that finished it, else -1. */
  readonly replica: Int32Array
  readonly preemptions: Int32Array
  readonly place: Int8Array
  /** The policy's rank (sign × key), read when last ranked. */
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
  /** The policy's rank of request id at a time, with its g now. */
  readonly rankAt: (id: number, nowS: number) => number
  readonly req: RequestState
  readonly replicas: readonly ReplicaState[]
  /** One waiting queue per model (index as in prepared.models), in policy order. */
  readonly queues: readonly RequestQueue[]
  readonly listener: ServingListener | undefined
  preemptionCount: number
  iterationCount: number
  /** Σ over iterations of the requests in the batch: what a run's cost grows with. */
  batchedCount: number
  busyGpuS: number
}

export function createRunState(prepared: PreparedServing, policy: SchedulingPolicy, listener: ServingListener | undefined): RunState {
  const n = prepared.tasks.length
  const rank = new Float64Array(n)
  const g = new Float64Array(n)
  const { config } = prepared
  const batchCap = Math.max(1, Math.min(config.maxNumSeqs, config.maxBatchedTokens, n))
  const rankOf = servingRank(policy)
  // One view of a request, refilled for each ranking (see ranking.ts).
  const fields: { -readonly [K in keyof RequestFields]: RequestFields[K] } = { order: 0, arrival: 0, weight: 0, inputTokens: 0, outputTokens: 0, generated: 0, model: '', tp: 1 }
  const rankAt = (id: number, nowS: number) => {
    const m = prepared.requestModel[id]!
    fields.order = prepared.order[id]!
    fields.arrival = prepared.arrivalS[id]!
    fields.weight = prepared.weight[id]!
    fields.inputTokens = prepared.inputTokens[id]!
    fields.outputTokens = prepared.outputTokens[id]!
    fields.generated = g[id]!
    fields.model = prepared.models[m]!
    fields.tp = prepared.tpOfModel[m]!
    return rankOf(fields, nowS)
  }
  return {
    prepared,
    config,
    rankAt,
    req: {
      c: new Float64Array(n),
      g,
      held: new Float64Array(n),
      computed: new Float64Array(n),
      admittedS: new Float64Array(n).fill(NaN),
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
    // A static key is read once as a request joins the queue; a moving one at every look.
    queues: prepared.models.map(() => (policy.staticKey ? createHeapQueue(rank, prepared.order, rankAt) : createScanQueue(prepared.order, rankAt))),
    listener,
    preemptionCount: 0,
    iterationCount: 0,
    batchedCount: 0,
    busyGpuS: 0,
  }
}
