import { policies, type PolicyLookup } from '../policies/registry.ts'
import type { Scenario } from '../types.ts'
import type { ServingListener } from './listener.ts'
import { computeServingMetrics } from './metrics.ts'
import { prepareServing, type PreparedServing } from './prepare.ts'
import { buildOutcomes, type RequestOutcome, type ServingResult } from './results.ts'
import { createServingSimulation, type ServingSimulation } from './simulation.ts'

export interface RunServingOptions {
  /** Told of every event as it happens (see listener.ts); nothing is recorded without one. */
  readonly listener?: ServingListener
  /** Where the policy is found: the app's registry unless a run brings its own (policies written by a user). */
  readonly policies?: PolicyLookup
}

/**
 * Runs one policy (a registered name) on a serving scenario to the end. Throws an InputError
 * for a configuration error or a bad request, before anything runs.
 */
export function runServing(scenario: Scenario | PreparedServing, policy: string, options: RunServingOptions = {}): ServingResult {
  const prepared = 'byArrival' in scenario ? scenario : prepareServing(scenario)
  const sim = createServingSimulation(prepared, (options.policies ?? policies).get(policy), options.listener)
  while (sim.advance()) {
    /* each call handles one event time */
  }
  return servingResult(sim, policy)
}

/** The results of a simulation that has run to its end. */
export function servingResult(sim: ServingSimulation, policy: string): ServingResult {
  const s = sim.state
  let outcomes: RequestOutcome[] | undefined
  const { metrics, common } = computeServingMetrics(s)
  return {
    algorithm: policy,
    metrics,
    common,
    iterations: s.iterationCount,
    batchedRequests: s.batchedCount,
    endS: sim.lastEventS,
    replicas: s.prepared.replicas,
    deployments: s.prepared.deployments,
    get requests() {
      outcomes ??= buildOutcomes(s)
      return outcomes
    },
  }
}

/** Runs each policy on the scenario, checking and placing it once; `listenerFor` gives each run its own listener. */
export function runServingAlgorithms(
  scenario: Scenario,
  algorithms: readonly string[],
  listenerFor?: (policy: string, prepared: PreparedServing) => ServingListener,
  lookup?: PolicyLookup,
): Map<string, ServingResult> {
  const prepared = prepareServing(scenario)
  const found = lookup === undefined ? {} : { policies: lookup }
  return new Map(algorithms.map((p) => [p, runServing(prepared, p, listenerFor === undefined ? found : { ...found, listener: listenerFor(p, prepared) })]))
}
