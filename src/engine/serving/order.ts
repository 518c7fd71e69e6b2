import type { WaitingItem } from '../policies/policy.ts'
import { policies } from '../policies/registry.ts'

/**
 * The four policies' orders over requests, in one place. Each is the job policy's own key
 * (policies/*.ts) read over a request: remaining work is the output tokens still to generate,
 * O − g, where a job policy has its estimated seconds; the direction is the policy's. Ties go
 * to queue order (arrival, then input order), as for jobs.
 *
 * - FIFO: earlier arrival first. WeightedFIFO: larger weight first.
 * - SRPT: fewer remaining output tokens first. WSRPT: larger weight / (O − g) first.
 *
 * The victim of a preemption is the last request in this order. Integration will move these
 * keys onto the policy registry's entries.
 */
export interface RequestView {
  readonly arrivalS: number
  readonly weight: number
  /** O − g: output tokens still to generate (>= 1 while the request is not finished). */
  readonly remainingTokens: number
  /** Queue order: place in the arrival order (arrival time, then input order). */
  readonly order: number
}

/** A policy's order as a key where smaller ranks first (ties to queue order, compared apart). */
export type RankKey = (arrivalS: number, weight: number, remainingTokens: number) => number

export function rankKeyOf(policyName: string): RankKey {
  const policy = policies.get(policyName)
  const sign = policy.higherFirst ? -1 : 1
  // One view object, refilled for each call: ranking runs once per request per iteration.
  const view: { -readonly [K in keyof WaitingItem]: WaitingItem[K] } = { order: 0, arrival: 0, weight: 0, remaining: 0, ratioRemaining: 0, tokens: 0, remainingTokens: 0, model: '', tp: 1, waited: 0, now: 0 }
  return (arrivalS, weight, remainingTokens) => {
    view.arrival = arrivalS
    view.weight = weight
    view.remaining = remainingTokens
    view.remainingTokens = remainingTokens
    view.ratioRemaining = remainingTokens
    return sign * policy.key(view)
  }
}

/** Negative when `a` ranks before `b` under the policy (for tests and the app's queue view). */
export function compareRequests(policyName: string, a: RequestView, b: RequestView): number {
  const key = rankKeyOf(policyName)
  const ka = key(a.arrivalS, a.weight, a.remainingTokens)
  const kb = key(b.arrivalS, b.weight, b.remainingTokens)
  return ka !== kb ? (ka < kb ? -1 : 1) : a.order - b.order
}
