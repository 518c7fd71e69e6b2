import type { Metrics } from '../engine/results.ts'
import type { ServingMetrics } from '../engine/serving/metrics.ts'
import { runServingAlgorithms } from '../engine/serving/run.ts'
import { prepareScenario } from '../engine/sim-task.ts'
import { runAlgorithms } from '../engine/simulation.ts'
import type { Scenario } from '../engine/types.ts'
import { jobCount, jobOf, pointValues, type SweepDefinition } from './definition.ts'
import { metricsFor } from './metrics.ts'
import { findSweepParam } from './params.ts'
import { sweepScenario } from './scenario.ts'
import type { SweepPolicyCompiler } from './user-policies.ts'

/** One policy's run of one scenario: every sweep metric of its mode (null: nothing to measure). */
export interface SweepRun {
  readonly point: number
  /** Seed index: the run's seed is `generator.seed + seed`. */
  readonly seed: number
  readonly algorithm: string
  readonly metrics: Readonly<Record<string, number | null>>
}

/** What one job (one scenario, every policy) gives back, in the definition's policy order. */
export interface JobResult {
  readonly job: number
  readonly runs: readonly SweepRun[]
}

/** Which jobs shard `index` of `count` (1-based, as `--shard 2/4` says it) runs: every count-th, so each shard gets low and high load alike. */
export function shardJobs(d: Pick<SweepDefinition, 'points' | 'seeds'>, shard: Shard | null): number[] {
  const all = Array.from({ length: jobCount(d) }, (_, j) => j)
  return shard === null ? all : all.filter((j) => j % shard.count === shard.index - 1)
}

export interface Shard {
  /** 1-based. */
  readonly index: number
  readonly count: number
}

/** Reads `i/n` (1 ≤ i ≤ n); throws naming what is wrong. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text)
  const index = Number(m?.[1])
  const count = Number(m?.[2])
  if (m === null || !(count >= 1) || !(index >= 1) || index > count) throw new Error(`a shard is i/n with 1 ≤ i ≤ n (such as 2/4), got '${text}'`)
  return { index, count }
}

/** A job's place in the sweep, for messages: "point 3 (rate 5.2), seed 44". */
export function describeJob(d: SweepDefinition, job: number): string {
  const { point, seed } = jobOf(d, job)
  return `point ${point + 1} (${findSweepParam(d.param)?.name ?? d.param} ${pointValues(d)[point]}), seed ${d.generator.seed + seed}`
}

/**
 * Runs job `job`: builds its scenario and runs every policy of the definition on it. Pure and
 * deterministic: the page's workers, the CLI's threads and the tests all call this. `compile`
 * registers the definition's policies written by a user (only workers with a sandbox have one).
 */
export function runSweepJob(d: SweepDefinition, job: number, compile?: SweepPolicyCompiler): JobResult {
  const { point, seed } = jobOf(d, job)
  let results: Map<string, { common: Metrics; serving: ServingMetrics | null }>
  try {
    results = runPolicies(sweepScenario(d, point, seed), d, compile)
  } catch (e) {
    throw new Error(`${describeJob(d, job)}: ${(e as Error).message}`)
  }
  const metrics = metricsFor(d.mode)
  return {
    job,
    runs: d.algorithms.map((algorithm) => {
      const m = results.get(algorithm)!
      return { point, seed, algorithm, metrics: Object.fromEntries(metrics.map((x) => [x.name, x.value(m.common, m.serving)])) }
    }),
  }
}

/** Every policy's metrics on one scenario: the job loop's, or the serving engine's with both kinds. */
function runPolicies(scenario: Scenario, d: SweepDefinition, compile: SweepPolicyCompiler | undefined): Map<string, { common: Metrics; serving: ServingMetrics | null }> {
  const algorithms = d.algorithms
  const own = d.policies ?? []
  if (own.length > 0 && compile === undefined) throw new Error('policies written by a user run only in a worker with a sandbox, and this one has none')
  if (own.length > 0 && scenario.mode === 'serving') {
    // No pass over the requests first: each key is read at every look, right for any key.
    const runs = runServingAlgorithms(scenario, algorithms, undefined, compile!(own, null))
    return new Map(algorithms.map((a) => [a, { common: runs.get(a)!.common, serving: runs.get(a)!.metrics }]))
  }
  if (own.length > 0) {
    const prepared = prepareScenario(scenario)
    const lookup = compile!(own, prepared.tasks)
    const runs = runAlgorithms(prepared, algorithms, { recordDecisions: false, policies: lookup })
    return new Map(algorithms.map((a) => [a, { common: runs.get(a)!.metrics, serving: null }]))
  }
  if (scenario.mode === 'serving') {
    const runs = runServingAlgorithms(scenario, algorithms)
    return new Map(algorithms.map((a) => [a, { common: runs.get(a)!.common, serving: runs.get(a)!.metrics }]))
  }
  const runs = runAlgorithms(scenario, algorithms, { recordDecisions: false })
  return new Map(algorithms.map((a) => [a, { common: runs.get(a)!.metrics, serving: null }]))
}
