import { PREEMPT, SERVING_KINDS, WAITING } from '../engine/segments.ts'
import type { SchedulingPolicy } from '../engine/policies/policy.ts'
import { requestItem } from '../engine/serving/ranking.ts'
import type { ServingRunInfo } from './serving.ts'
import { trackOf, type Timeline } from './timeline.ts'
import { upperBound } from './track.ts'

/** A waiting request and its policy key at the step asked about. */
export interface QueuedRequest {
  readonly request: number
  /** Null when a policy written by a user threw there (asked of the worker). */
  readonly key: number | null
}

/** A model's queue at a step: its first requests in the policy's order, and its full length. */
export interface ServingQueueView {
  readonly head: QueuedRequest[]
  readonly length: number
}

/** The tokens each preempted request kept (g) at each preemption, from the decisions: request → [time, g, ...]. */
const kept = new WeakMap<Timeline, { readonly byRequest: Map<number, number[]>; seen: number }>()

function generatedAt(tl: Timeline, request: number, timeS: number): number {
  let index = kept.get(tl)
  if (index === undefined) kept.set(tl, (index = { byRequest: new Map(), seen: 0 }))
  const log = tl.serving
  for (let d = index.seen; d < log.decisionKind.length; d++) {
    if (log.decisionKind.data[d] !== PREEMPT) continue
    const r = log.decisionRequest.data[d]!
    const list = index.byRequest.get(r) ?? []
    list.push(log.decisionTimeS.data[d]!, log.decisionB.data[d]!)
    index.byRequest.set(r, list)
  }
  index.seen = log.decisionKind.length
  const list = index.byRequest.get(request) ?? []
  for (let k = 0; k < list.length; k += 2) if (list[k] === timeS) return list[k + 1]!
  return 0
}

/** A request waiting at a step, with the output tokens it kept (g: 0 unless it was preempted). */
export interface WaitingRequest {
  readonly request: number
  readonly generated: number
}

/**
 * The requests of model `model` waiting at `step` (for the first time, or again after a
 * preemption, keeping the tokens they generated), in no particular order.
 */
export function servingWaitingAt(tl: Timeline, info: ServingRunInfo, model: number, step: number): WaitingRequest[] {
  const waiting: WaitingRequest[] = []
  for (const kind of [WAITING, SERVING_KINDS.preempted]) {
    const track = trackOf(tl, kind)
    if (track === undefined) continue
    const end = upperBound(track.length, step, (s) => track.stepOpen[s]!)
    for (let s = 0; s < end; s++) {
      const close = track.stepClose[s]!
      const r = track.item[s]!
      if ((close >= 0 && close <= step) || info.requestModel[r] !== model) continue
      waiting.push({ request: r, generated: kind === WAITING ? 0 : generatedAt(tl, r, track.t0[s]!) })
    }
  }
  return waiting
}

/**
 * Requests with their keys in the policy's order (`higherFirst`), ties to queue order; a key
 * that failed (null) ranks last. At most `limit` of them, and the full length.
 */
export function rankRequests(keyed: { request: number; key: number | null }[], info: ServingRunInfo, higherFirst: boolean, limit = Infinity): ServingQueueView {
  const sign = higherFirst ? -1 : 1
  const rank = (k: number | null) => (k === null ? Infinity : sign * k)
  keyed.sort((a, b) => rank(a.key) - rank(b.key) || info.order[a.request]! - info.order[b.request]!)
  return { head: keyed.slice(0, limit), length: keyed.length }
}

/**
 * The queue of model `model` at `step` (time `nowS`, after every event then): the requests
 * waiting, in the policy's order with the key each has then (as the run's loop reads them:
 * engine/serving/state.ts), ties to queue order; at most `limit` of them, and the full length.
 */
export function servingQueueAt(tl: Timeline, info: ServingRunInfo, model: number, step: number, nowS: number, policy: SchedulingPolicy, limit = Infinity): ServingQueueView {
  const tpOf = info.replicas.find((r) => r.model === model)?.tp ?? 1
  const keyed = servingWaitingAt(tl, info, model, step).map(({ request, generated }) => {
    const item = requestItem(
      { order: info.order[request]!, arrival: info.arrivalS[request]!, weight: info.weight[request]!, inputTokens: info.inputTokens[request]!, outputTokens: info.outputTokens[request]!, generated, model: info.models[model]!, tp: tpOf },
      nowS,
    )
    return { request, key: policy.key(item) }
  })
  return rankRequests(keyed, info, policy.higherFirst, limit)
}

/**
 * The same queue for a policy whose key runs only in the worker (written by a user): the keys
 * of every waiting request at the step are asked of it through `keysOf` (RemoteKeys), with
 * each request's generated tokens. Null while any is not known yet: no order is shown until
 * the worker's is. A key that failed there reads null and ranks last.
 */
export function remoteServingQueueAt(
  tl: Timeline,
  info: ServingRunInfo,
  model: number,
  step: number,
  keysOf: (requests: readonly number[], generated: readonly number[]) => readonly (number | null | undefined)[],
  higherFirst: boolean,
  limit = Infinity,
): ServingQueueView | null {
  const waiting = servingWaitingAt(tl, info, model, step)
  if (waiting.length === 0) return { head: [], length: 0 }
  const keys = keysOf(
    waiting.map((w) => w.request),
    waiting.map((w) => w.generated),
  )
  if (keys.some((k) => k === undefined)) return null
  return rankRequests(
    waiting.map((w, k) => ({ request: w.request, key: keys[k]! })),
    info,
    higherFirst,
    limit,
  )
}
