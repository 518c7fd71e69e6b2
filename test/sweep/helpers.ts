import { parseClusterName } from '../../src/engine/catalog/clusters.ts'
import type { GeneratorOptions } from '../../src/engine/workloads/generator.ts'
import type { SweepDefinition } from '../../src/sweep/definition.ts'
import { BUILT_IN_NAMES } from '../helpers/arbitraries.ts'

/** Four identical 1-second prefills of Llama3-8B (TP 1), all at t = 0: every schedule is arithmetic. */
export const FOUR_ONE_SECOND_TASKS: GeneratorOptions = {
  count: 4,
  seed: 7,
  arrivals: { kind: 'all-at-once', atS: 0 },
  prefillTokens: { kind: 'fixed', value: 1000 },
  decodeTokens: { kind: 'fixed', value: 5000 },
  prefillShare: 1,
  weights: [{ value: 1, share: 1 }],
  models: [{ value: 'Llama3-8B', share: 1 }],
}

/** A sweep of the cluster's size, 1 to 4 H100s, over the four tasks above. */
export function tinySweep(over: Partial<SweepDefinition> = {}): SweepDefinition {
  return {
    generator: FOUR_ONE_SECOND_TASKS,
    cluster: parseClusterName('h100_8gpu'),
    mode: 'exact',
    dtS: 0.01,
    maxTimeS: Infinity,
    backfill: true,
    param: 'cluster-size',
    from: 1,
    to: 4,
    points: 4,
    seeds: 2,
    algorithms: BUILT_IN_NAMES,
    ...over,
  }
}

/** A small sweep whose points differ between policies and seeds: Poisson load on 8 GPUs. */
export function smallRateSweep(over: Partial<SweepDefinition> = {}): SweepDefinition {
  return {
    generator: {
      count: 40,
      seed: 3,
      arrivals: { kind: 'poisson', ratePerS: 5 },
      prefillTokens: { kind: 'lognormal', median: 800, sigma: 0.9 },
      decodeTokens: { kind: 'lognormal', median: 1500, sigma: 0.9 },
      prefillShare: 0.5,
      weights: [
        { value: 1, share: 0.7 },
        { value: 10, share: 0.3 },
      ],
      models: [
        { value: 'Llama3-8B', share: 0.5 },
        { value: 'Llama3-70B', share: 0.5 },
      ],
    },
    cluster: parseClusterName('h100_8gpu'),
    mode: 'exact',
    dtS: 0.01,
    maxTimeS: Infinity,
    backfill: true,
    param: 'rate',
    from: 1,
    to: 6,
    points: 4,
    seeds: 3,
    algorithms: BUILT_IN_NAMES,
    ...over,
  }
}
