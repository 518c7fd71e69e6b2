import { parseClusterName } from '../catalog/clusters.ts'
import type { Scenario, TaskSpec } from '../types.ts'

/**
 * A small scenario built for class: at most 10 tasks, where the four built-in policies give
 * visibly different results. Every number about it is the engine's (none is typed in here);
 * test/engine/teaching-scenarios.test.ts checks them against hand computations.
 */
export interface TeachingScenario {
  /** Its picker name and results key (`<name>_<Algorithm>` in the CLI's --output). */
  readonly name: string
  /** One line on what it shows. */
  readonly description: string
  readonly scenario: () => Scenario
}

/** A prefill of `seconds` at the fixed 1000 tokens/s on Llama3-8B (TP 1 unless given). */
function job(id: string, seconds: number, weight: number, more: Partial<TaskSpec> = {}): TaskSpec {
  return { id, model: 'Llama3-8B', weight, arrivalS: 0, phase: 'prefill', tokens: Math.round(seconds * 1000), ...more }
}

function teaching(name: string, cluster: string, tasks: TaskSpec[], preemptive = false): Scenario {
  return {
    name,
    cluster: parseClusterName(cluster),
    dtS: 0.01,
    maxTimeS: Infinity,
    mode: 'exact',
    backfill: true,
    ...(preemptive && { preemptive: true }),
    tasks,
  }
}

export const TEACHING_SCENARIOS: readonly TeachingScenario[] = [
  {
    name: 'smith-rule',
    description: "One GPU, four tasks at t = 0: each policy picks another order; Smith's rule (WSRPT) has the lowest Σ w·F, SRPT the lowest mean.",
    scenario: () => teaching('smith-rule', 'h100:1', [job('A', 4, 1), job('B', 1, 1), job('C', 2, 4), job('D', 3, 9)]),
  },
  {
    name: 'convoy',
    description: 'One GPU: a long task queued first holds up three short ones under FIFO (the convoy effect); SRPT runs them first.',
    scenario: () => teaching('convoy', 'h100:1', [job('Long', 6, 3), job('S1', 1, 1), job('S2', 3, 1), job('S3', 1, 2)]),
  },
  {
    name: 'preemption',
    description: 'One GPU, preemption on: short tasks arriving later stop a long one; preemptive SRPT halves FIFO’s mean flow.',
    scenario: () =>
      teaching('preemption', 'h100:1', [job('A', 8, 10), job('B', 1, 1, { arrivalS: 1 }), job('C', 1, 3, { arrivalS: 2 })], true),
  },
  {
    name: 'tp-blocking',
    description: 'One node of 8 GPUs, TP groups of 2, 4 and 8: backfill lets SRPT start small groups around the TP-8 task until 4 s.',
    scenario: () =>
      teaching('tp-blocking', 'h100_8gpu', [
        job('A', 2, 10, { tp: 8 }),
        job('B', 3, 1, { tp: 4 }),
        job('C', 1, 1, { tp: 4 }),
        job('D', 2, 4, { tp: 2 }),
        job('E', 4, 2, { tp: 2 }),
      ]),
  },
]

/** A teaching scenario by name (own names only), or undefined. */
export function teachingScenario(name: string): TeachingScenario | undefined {
  return TEACHING_SCENARIOS.find((s) => s.name === name)
}
