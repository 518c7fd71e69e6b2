import { KeyedHeap } from '../heap.ts'
import { endIteration, startIteration } from './iteration.ts'
import type { ServingListener } from './listener.ts'
import { computeServingMetrics } from './metrics.ts'
import { rankKeyOf } from './order.ts'
import { prepareServing, type PreparedServing } from './prepare.ts'
import { buildOutcomes, type RequestOutcome, type ServingResult } from './results.ts'
import { createRunState, QUEUED, REJECTED, type RunState } from './state.ts'
import type { ServingScenario } from './types.ts'

export interface RunServingOptions {
  /** Told of every event as it happens (see listener.ts); nothing is recorded without one. */
  readonly listener?: ServingListener
}

/**
 * Runs one policy on a serving scenario, on exact event times. At one time t, in this order:
 * iterations ending at t end (replica order); requests arriving at or before t join their
 * model's queue (arrival order), or are rejected with their reason; idle replicas start
 * iterations (replica order). Iterations start only while t < max time; one in progress at the
 * horizon completes. Requests arriving at or after max time never join (they are unfinished).
 * Throws an InputError for a configuration error or a bad request, before anything runs.
 */
export function runServing(scenario: ServingScenario | PreparedServing, policy: string, options: RunServingOptions = {}): ServingResult {
  const prepared = 'byArrival' in scenario ? scenario : prepareServing(scenario)
  const s = createRunState(prepared, rankKeyOf(policy), options.listener)
  const endS = runLoop(s)
  let outcomes: RequestOutcome[] | undefined
  return {
    algorithm: policy,
    metrics: computeServingMetrics(s),
    iterations: s.iterationCount,
    batchedRequests: s.batchedCount,
    endS,
    replicas: prepared.replicas,
    deployments: prepared.deployments,
    get requests() {
      outcomes ??= buildOutcomes(s)
      return outcomes
    },
  }
}

/** Runs each policy on the scenario, checking and placing it once; `listenerFor` gives each run its own listener. */
export function runServingAlgorithms(
  scenario: ServingScenario,
  policies: readonly string[],
  listenerFor?: (policy: string, prepared: PreparedServing) => ServingListener,
): Map<string, ServingResult> {
  const prepared = prepareServing(scenario)
  return new Map(policies.map((p) => [p, runServing(prepared, p, listenerFor === undefined ? {} : { listener: listenerFor(p, prepared) })]))
}

/** Returns the time of the last event (0 when nothing happened). */
function runLoop(s: RunState): number {
  const { prepared, req, replicas } = s
  const { byArrival, arrivalS } = prepared
  const maxTimeS = prepared.scenario.maxTimeS
  const n = byArrival.length
  const endS = new Float64Array(replicas.length)
  const ends = new KeyedHeap(endS, Int32Array.from(replicas.keys()), replicas.length)
  let next = 0
  let last = 0
  const nextArrival = () => (next < n && arrivalS[byArrival[next]!]! < maxTimeS ? arrivalS[byArrival[next]!]! : Infinity)

  for (;;) {
    const tEnd = ends.size > 0 ? endS[ends.peek()]! : Infinity
    const t = Math.min(nextArrival(), tEnd)
    if (t === Infinity) return last
    last = t
    while (ends.size > 0 && endS[ends.peek()]! <= t) endIteration(s, replicas[ends.pop()]!, t)
    while (nextArrival() <= t) {
      const id = byArrival[next++]!
      const reason = prepared.rejection[id]
      if (reason !== null) {
        req.place[id] = REJECTED
        s.listener?.rejected(id, t, reason!)
        continue
      }
      req.place[id] = QUEUED
      req.rank[id] = s.rankKey(arrivalS[id]!, prepared.weight[id]!, prepared.outputTokens[id]!)
      s.queues[prepared.requestModel[id]!]!.push(id)
      s.listener?.arrived(id, t)
    }
    if (t >= maxTimeS) continue
    for (const rs of replicas) {
      if (rs.busy || (rs.running.length === 0 && s.queues[rs.model]!.size === 0)) continue
      const end = startIteration(s, rs, t)
      if (end < 0) continue
      endS[rs.replica.index] = end
      ends.push(rs.replica.index)
    }
  }
}
