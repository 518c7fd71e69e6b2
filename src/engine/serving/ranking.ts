import type { SchedulingPolicy, WaitingItem } from '../policies/policy.ts'

/** What a request is, as a policy's key reads it (see WaitingItem). */
export interface RequestFields {
  readonly order: number
  readonly arrival: number
  readonly weight: number
  readonly inputTokens: number
  readonly outputTokens: number
  /** g: output tokens generated so far. */
  readonly generated: number
  readonly model: string
  readonly tp: number
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/** A request as a WaitingItem at `nowS` (docs/serving.md "Order"): work left is O − g tokens. */
export function requestItem(r: RequestFields, nowS: number, into: Mutable<WaitingItem> = blankItem()): WaitingItem {
  const left = r.outputTokens - r.generated
  into.order = r.order
  into.arrival = r.arrival
  into.weight = r.weight
  into.remaining = left
  into.ratioRemaining = left
  into.tokens = r.inputTokens + r.outputTokens
  into.remainingTokens = left
  into.model = r.model
  into.tp = r.tp
  into.waited = nowS - r.arrival
  into.now = nowS
  return into
}

export function blankItem(): Mutable<WaitingItem> {
  return { order: 0, arrival: 0, weight: 0, remaining: 0, ratioRemaining: 0, tokens: 0, remainingTokens: 0, model: '', tp: 1, waited: 0, now: 0 }
}

/**
 * A policy's key over requests as a number where smaller ranks first (its direction folded in);
 * ties go to queue order, compared apart. One item object is refilled for every call: the
 * loop ranks each running request once per iteration, so a policy must not keep the item.
 */
export function servingRank(policy: SchedulingPolicy): (r: RequestFields, nowS: number) => number {
  const sign = policy.higherFirst ? -1 : 1
  const key = policy.key
  const item = blankItem()
  return (r, nowS) => sign * key(requestItem(r, nowS, item))
}
