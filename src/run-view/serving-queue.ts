import { PREEMPT, SERVING_KINDS, WAITING } from '../engine/segments.ts'
import type { SchedulingPolicy } from '../engine/policies/policy.ts'
import { requestItem } from '../engine/serving/ranking.ts'
import type { ServingRunInfo } from './serving.ts'
import { trackOf, type Timeline } from './timeline.ts'
import { upperBound } from './track.ts'

/** A waiting request and its policy key at the step asked about. */
export interface QueuedRequest {
  readonly request: number
  readonly key: number
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

/**
 * The queue of model `model` at `step` (time `nowS`, after every event then): the requests
 * waiting (for the first time, or again after a preemption, keeping the tokens they generated),
 * in the policy's order with the key each has then, ties to queue order; at most
 * `limit` of them, and the full length.
 */
export function servingQueueAt(tl: Timeline, info: ServingRunInfo, model: number, step: number, nowS: number, policy: SchedulingPolicy, limit = Infinity): ServingQueueView {
  const waiting: { request: number; generated: number }[] = []
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
  const sign = policy.higherFirst ? -1 : 1
  const tpOf = info.replicas.find((r) => r.model === model)?.tp ?? 1
  const ranked = waiting.map(({ request, generated }) => {
    const item = requestItem(
      { order: info.order[request]!, arrival: info.arrivalS[request]!, weight: info.weight[request]!, inputTokens: info.inputTokens[request]!, outputTokens: info.outputTokens[request]!, generated, model: info.models[model]!, tp: tpOf },
      nowS,
    )
    return { request, key: policy.key(item) }
  })
  ranked.sort((a, b) => sign * a.key - sign * b.key || info.order[a.request]! - info.order[b.request]!)
  return { head: ranked.slice(0, limit), length: ranked.length }
}
