import { policies } from '../engine/policies/registry.ts'
import type { ClusterSpec, Mode } from '../engine/types.ts'
import { DEFAULT_GENERATOR, type GeneratorOptions } from '../engine/workloads/generator.ts'
import { findSweepParam, type SweepParamName } from './params.ts'
import type { SweepPolicyCode } from './user-policies.ts'

/**
 * A load sweep: a workload generator, a parameter stepped over a range, seeds per point and
 * the policies to compare. Scenario (point p, seed s) is the generator's workload with seed
 * `generator.seed + s` and the parameter at the p-th value; the same seeds at every point, so
 * the curves differ by the parameter, not by luck. Everything else is a plain scenario setting.
 */
export interface SweepDefinition {
  readonly generator: GeneratorOptions
  readonly cluster: ClusterSpec
  readonly mode: Mode
  readonly dtS: number
  /** Infinity (the default): every run goes on until every task has finished. */
  readonly maxTimeS: number
  readonly backfill: boolean
  readonly param: SweepParamName
  readonly from: number
  readonly to: number
  /** Values evenly spaced from `from` to `to`, both included. */
  readonly points: number
  readonly seeds: number
  /** Registered policy names, or those of `policies`, in the order results list them. */
  readonly algorithms: readonly string[]
  /** Policies written by a user that `algorithms` names, with their code (absent: none). */
  readonly policies?: readonly SweepPolicyCode[]
}

/** Bounds that keep a typo from queuing a day of work. */
export const MAX_SWEEP_POINTS = 1000
export const MAX_SWEEP_SEEDS = 1000
export const MAX_SWEEP_SCENARIOS = 100_000

export function defaultSweep(): SweepDefinition {
  return {
    generator: DEFAULT_GENERATOR,
    cluster: { name: 'h100_16gpu', groups: [{ gpu: 'H100-SXM-80GB', count: 16 }] },
    mode: 'exact',
    dtS: 0.01,
    maxTimeS: Infinity,
    backfill: true,
    param: 'rate',
    from: 1,
    to: 20,
    points: 10,
    seeds: 3,
    algorithms: policies.names(),
  }
}

/** Round-off of evenly spaced values (0.1 × 3 = 0.30000000000000004) kept out of labels and files. */
const tidy = (x: number) => Number(x.toPrecision(12))

/** The parameter's value at each point, in order. */
export function pointValues(d: Pick<SweepDefinition, 'param' | 'from' | 'to' | 'points'>): number[] {
  const whole = findSweepParam(d.param)?.whole ?? false
  return Array.from({ length: d.points }, (_, i) => {
    const x = d.points === 1 ? d.from : tidy(d.from + ((d.to - d.from) * i) / (d.points - 1))
    return whole ? Math.round(x) : x
  })
}

/** Scenarios in the sweep: one per point and seed. */
export const jobCount = (d: Pick<SweepDefinition, 'points' | 'seeds'>) => d.points * d.seeds

/** Job j is point ⌊j / seeds⌋ with seed index j mod seeds. */
export const jobOf = (d: Pick<SweepDefinition, 'seeds'>, j: number) => ({ point: Math.floor(j / d.seeds), seed: j % d.seeds })
