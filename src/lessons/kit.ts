import { parseClusterName } from '../engine/catalog/clusters.ts'
import type { Scenario, TaskSpec } from '../engine/types.ts'

/**
 * A prefill that runs `seconds` on its GPUs: Llama3-8B prefills at the fixed rate of 1000
 * tokens per second (engine/perf/fixed-rate.ts), so a task of s seconds has 1000 s tokens.
 */
export function job(id: string, seconds: number, weight = 1, more: Partial<TaskSpec> = {}): TaskSpec {
  return { id, model: 'Llama3-8B', weight, arrivalS: 0, phase: 'prefill', tokens: Math.round(seconds * 1000), tp: 1, ...more }
}

/** A lesson's scenario in exact mode, run until every task has completed. */
export function lessonScenario(name: string, cluster: string, tasks: TaskSpec[], more: Partial<Scenario> = {}): Scenario {
  return { name, cluster: parseClusterName(cluster), dtS: 0.01, maxTimeS: Infinity, mode: 'exact', backfill: true, tasks, ...more }
}

/** The four built-in policies, in the registry's order. */
export const ALL = ['FIFO', 'WeightedFIFO', 'SRPT', 'WSRPT'] as const
