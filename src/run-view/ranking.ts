import { withWorkLeft } from '../engine/preemption.ts'
import { itemAt, jobItem, type SchedulingPolicy, type WaitingItem } from '../engine/policies/policy.ts'
import { policies } from '../engine/policies/registry.ts'
import { arrivalOrder } from '../engine/sim-task.ts'
import type { TaskSpec } from '../engine/types.ts'
import type { RemoteKeys } from './remote-keys.ts'
import type { Timeline } from './timeline.ts'
import { workLeftOn } from './work-left.ts'

/** How one policy orders a run's tasks, for the page's queue and decision views. */
export interface Ranking {
  /**
   * Every task, best first, when the key is static: the queue at any step is this order
   * filtered to the tasks waiting then, and a finished run's queue can be indexed. Null when
   * the key moves while tasks wait.
   */
  readonly order: Int32Array | null
  /** Task i's key at step k (what the queue panel shows and the decisions cite). */
  keyAt(i: number, step: number): number
  /** The given tasks, best first at step k. */
  sort(tasks: readonly number[], step: number): number[]
}

/** A static key's ranking, from the order and keys the worker worked out once. */
export function staticRanking(order: Int32Array, keys: Float64Array): Ranking {
  let rankOf: Int32Array | null = null
  return {
    order,
    keyAt: (i) => keys[i]!,
    sort(tasks) {
      if (rankOf === null) {
        rankOf = new Int32Array(order.length)
        for (let k = 0; k < order.length; k++) rankOf[order[k]!] = k
      }
      const r = rankOf
      return [...tasks].sort((a, b) => r[a]! - r[b]!)
    },
  }
}

/**
 * A moving key's ranking: keys worked out at the time of the step asked about, from each task
 * as the policy sees it then (`itemAt(i, step)`: `waited` and `now` set then, and in a preemptive
 * run the work left then).
 */
export function movingRanking(policy: SchedulingPolicy, itemAt: (i: number, step: number) => WaitingItem): Ranking {
  return {
    order: null,
    keyAt: (i, step) => policy.key(itemAt(i, step)),
    sort(tasks, step) {
      const viewed = tasks.map((i) => ({ i, item: itemAt(i, step) }))
      return viewed.sort((a, b) => policy.compare(a.item, b.item)).map((v) => v.i)
    },
  }
}

/**
 * A moving key of a policy written by a user, whose code runs only in the worker: the keys at a
 * step are asked of it (RemoteKeys). Until they come, a key reads NaN and the tasks keep queue
 * order; the views draw again when they come.
 */
export function remoteRanking(remote: RemoteKeys, algorithm: string, higherFirst: boolean, orderOf: Int32Array): Ranking {
  const sign = higherFirst ? -1 : 1
  return {
    order: null,
    keyAt: (i, step) => remote.keysAt(algorithm, step, [i])[0] ?? NaN,
    sort(tasks, step) {
      const keys = remote.keysAt(algorithm, step, tasks)
      const byQueue = (a: number, b: number) => orderOf[a]! - orderOf[b]!
      if (keys.some((k) => k === undefined)) return [...tasks].sort(byQueue)
      // A key that failed there ranks last.
      const rank = new Map(tasks.map((i, k) => [i, keys[k] === null ? Infinity : sign * keys[k]!]))
      return [...tasks].sort((a, b) => rank.get(a)! - rank.get(b)! || byQueue(a, b))
    },
  }
}

/** What rankingFor reads of a prepared run (worker/protocol.ts PreparedRun). */
export interface RankedRun {
  readonly rankOrders: Readonly<Record<string, Int32Array>>
  readonly keys: Readonly<Record<string, Float64Array>>
  readonly tp: Uint8Array
  readonly remaining: Float64Array
  readonly ratioRemaining: Float64Array
  /** A preemptive run: a task's remaining work differs between its waits, so no order is static. */
  readonly preemptive?: boolean
  /** Where the keys of a moving policy written by a user come from (the runner's). */
  readonly remoteKeys?: RemoteKeys
}

const rankings = new WeakMap<RankedRun, Map<string, Ranking>>()

/**
 * How `algorithm` ranks this run's tasks: the worker's order and keys for a static key; for a
 * moving key, its key worked out here from each task's fields. One per run and algorithm, so
 * the queue index (keyed by the order) is built once. A preemptive run ranks every policy as a
 * moving key, with each task's work left read off `tl` (that algorithm's timeline).
 */
export function rankingFor(
  run: RankedRun,
  algorithm: string,
  tasks: readonly TaskSpec[],
  timeOfStep: (step: number) => number,
  tl?: Timeline,
): Ranking | null {
  let byAlgorithm = rankings.get(run)
  if (byAlgorithm === undefined) rankings.set(run, (byAlgorithm = new Map()))
  const known = byAlgorithm.get(algorithm)
  if (known !== undefined) return known
  const order = run.rankOrders[algorithm]
  const keys = run.keys[algorithm]
  let ranking: Ranking | null = null
  const policy = policies.has(algorithm) ? policies.get(algorithm) : null
  if (order !== undefined && keys !== undefined) ranking = staticRanking(order, keys)
  else if (policy?.userCode === true) ranking = run.remoteKeys === undefined ? null : remoteRanking(run.remoteKeys, algorithm, policy.higherFirst, queueOrder(tasks))
  else if (policy !== null && (run.preemptive !== true || tl !== undefined)) {
    const items = waitingItems(run, tasks)
    const left = run.preemptive === true && tl !== undefined ? tl : null
    ranking = movingRanking(policy, (i, step) => {
      const now = timeOfStep(step)
      const item = itemAt(items[i]!, now)
      return left === null ? item : withWorkLeft(item, run.remaining[i]!, workLeftOn(left, i, step, now, run.remaining[i]!))
    })
  }
  if (ranking !== null) byAlgorithm.set(algorithm, ranking)
  return ranking
}

/** Each task's queue order (its place by arrival, then input order). */
function queueOrder(tasks: readonly TaskSpec[]): Int32Array {
  const byArrival = arrivalOrder(tasks)
  const orderOf = new Int32Array(tasks.length)
  for (let k = 0; k < byArrival.length; k++) orderOf[byArrival[k]!] = k
  return orderOf
}

/** Each task as a policy sees it while it waits (as the engine's prepareScenario builds it). */
function waitingItems(run: RankedRun, tasks: readonly TaskSpec[]): WaitingItem[] {
  const orderOf = queueOrder(tasks)
  return tasks.map((t, i) => jobItem(t, orderOf[i]!, run.tp[i]!, { remaining: run.remaining[i]!, ratioRemaining: run.ratioRemaining[i]! }))
}

/**
 * Whether a policy's key reads the estimator's remaining work (SRPT, WSRPT): its value changes
 * when only the estimate does. The queue panel then says the column is an estimate where the
 * mode's estimator is not the time tasks run (reference mode's FLOPs estimate).
 */
export function keyReadsEstimate(policy: Pick<SchedulingPolicy, 'key'>): boolean {
  const item: WaitingItem = { order: 0, arrival: 1, weight: 2, remaining: 3, ratioRemaining: 3, tokens: 100, remainingTokens: 100, model: 'm', tp: 1, waited: 0, now: 1 }
  const other = { ...item, remaining: 7, ratioRemaining: 7 }
  return !Object.is(policy.key(item), policy.key(other))
}
