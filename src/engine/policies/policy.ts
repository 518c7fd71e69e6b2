import type { TaskSpec } from '../types.ts'

/**
 * What a policy sees of a waiting item: a job, or a serving request. Times in seconds. A key
 * written by a user (issue 17's policy files) reads exactly these fields. A serving request
 * (serving/ranking.ts) has no duration of its own (its iterations' times depend on the batch it
 * joins), so its work left is counted in output tokens: `remaining`, `ratioRemaining` and
 * `remainingTokens` are all O − g, and `tokens` is P + O.
 */
export interface WaitingItem {
  /** Queue order: position in the arrival order (arrival time, then input order). Ties go to it. */
  readonly order: number
  readonly arrival: number
  readonly weight: number
  /** The mode's estimate of the work left, in seconds (what SRPT ranks by); a request's output tokens left. */
  readonly remaining: number
  /**
   * The remaining time Smith's ratio divides by: `remaining`, unless the mode's estimator
   * bounds it (reference mode: at least 1 ms, 1 s for a model it does not know).
   */
  readonly ratioRemaining: number
  /** Tokens of the item's work (a job: the tokens of its phase; a request: P + O). */
  readonly tokens: number
  /** Tokens still to produce: a waiting job's tokens; a serving request's output tokens left (O − g). */
  readonly remainingTokens: number
  readonly model: string
  /** The tensor-parallel degree it runs with (a request: its model's deployment's). */
  readonly tp: number
  /** Seconds since it arrived, at `now`. */
  readonly waited: number
  /** The time the ranking is made at. */
  readonly now: number
}

/** A name the CLI can take (`--algorithms A,B`) and a results key can carry (`<workload>_<name>`). */
export const POLICY_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,39}$/

/**
 * A scheduling policy as written: a queue ordering (a Kubernetes queue-sort plugin) by `key`,
 * larger first when `higherFirst`, ties to queue order. Everything the app, the CLI and the
 * saved state show of a policy comes from here.
 */
export interface PolicyDefinition {
  /** The stable name: CLI `--algorithms`, results keys (`<workload>_<name>`), links. No spaces or commas. */
  readonly name: string
  /** For people ("Weighted FIFO"). */
  readonly label: string
  /** Its colour in charts and the algorithm list (#rrggbb); the registry picks one when absent. */
  readonly color?: string
  /** What `key` is, as the queue panel's column header ("arrival (s)", "weight / remaining"). */
  readonly keyLabel: string
  /** One sentence on how it ranks, for the queue panel. */
  readonly summary: string
  /**
   * Why a pick won, for the decision sentences; `{key}` is the key as a number, `{key:time}` the
   * key as a duration, `{arrival}` the arrival time. Default: "<keyLabel> {key}, highest/lowest in queue".
   */
  readonly reason?: string
  readonly higherFirst: boolean
  /**
   * The key never changes while the item waits (it reads neither `waited` nor `now`), so the
   * engine keeps the queue in heaps and the page indexes a finished run's queue once. A policy
   * whose key moves with time is re-ranked at every decision instead.
   */
  readonly staticKey: boolean
  key(item: WaitingItem): number
  /**
   * Written by a user (issue 17, policies/custom.ts). On the page it is a placeholder whose key
   * is never called: the simulation worker runs the code and sends the keys the page shows.
   */
  readonly userCode?: boolean
  /**
   * What `key` is over a serving request, where that differs from `keyLabel` (SRPT: 'output
   * tokens left'), for the serving queue view. Default: `keyLabel`. The key itself is the same:
   * a request's WaitingItem counts its work left in output tokens (docs/serving.md "Order"),
   * and the preemption victim is the running request last in the policy's order.
   */
  readonly servingKeyLabel?: string
}

/** A registered policy: its definition completed, and the total order it stands for. */
export interface SchedulingPolicy extends PolicyDefinition {
  readonly color: string
  readonly reason: string
  readonly servingKeyLabel: string
  /**
   * Negative when `a` goes first. Total: equal keys fall back to queue order. In serving mode the
   * preemption victim is the running request last in this order.
   */
  compare(a: WaitingItem, b: WaitingItem): number
}

/** Builds `compare` from a key and its direction, ties to queue order. Handles infinite keys. */
export function compareByKey(key: (t: WaitingItem) => number, higherFirst: boolean): (a: WaitingItem, b: WaitingItem) => number {
  return (a, b) => {
    const ka = key(a)
    const kb = key(b)
    if (ka !== kb) {
      const aFirst = higherFirst ? ka > kb : ka < kb
      return aFirst ? -1 : 1
    }
    return a.order - b.order
  }
}

/**
 * Each item's place in the policy's order as one number (smaller ranks first; ties go to queue
 * order), so a heap compares two array reads instead of calling the policy. Static keys only.
 */
export function rankKeys(items: readonly WaitingItem[], policy: Pick<SchedulingPolicy, 'key' | 'higherFirst'>): Float64Array {
  const out = new Float64Array(items.length)
  const sign = policy.higherFirst ? -1 : 1
  for (let i = 0; i < items.length; i++) out[i] = sign * policy.key(items[i]!)
  return out
}

/** Every item in the order the policy ranks it, best first (a static key's order at any time). */
export function rankOrder(items: readonly WaitingItem[], policy: Pick<SchedulingPolicy, 'compare'>): Int32Array {
  const order = Int32Array.from(items.keys())
  return order.sort((a, b) => policy.compare(items[a]!, items[b]!))
}

/** The item as it looks at `nowS`: its fields, with `waited` and `now` at that time. */
export function itemAt(t: WaitingItem, nowS: number): WaitingItem {
  return {
    order: t.order,
    arrival: t.arrival,
    weight: t.weight,
    remaining: t.remaining,
    ratioRemaining: t.ratioRemaining,
    tokens: t.tokens,
    remainingTokens: t.remainingTokens,
    model: t.model,
    tp: t.tp,
    waited: nowS - t.arrival,
    now: nowS,
  }
}

/** A waiting job as a policy sees it: its spec, queue order, TP and the estimator's remaining work. */
export function jobItem(spec: TaskSpec, order: number, tp: number, estimate: { readonly remaining: number; readonly ratioRemaining: number }): WaitingItem {
  return {
    order,
    arrival: spec.arrivalS,
    weight: spec.weight,
    remaining: estimate.remaining,
    ratioRemaining: estimate.ratioRemaining,
    tokens: spec.tokens,
    remainingTokens: spec.tokens,
    model: spec.model,
    tp,
    waited: 0,
    now: spec.arrivalS,
  }
}
