import type { PolicyLookup, PolicyRegistry } from '../engine/policies/registry.ts'
import type { Metrics } from '../engine/results.ts'
import type { PreparedScenario } from '../engine/sim-task.ts'
import { runSimulation } from '../engine/simulation.ts'
import { STUDENT } from '../engine/student/replay.ts'
import { BatchRecorder } from '../worker/recorder.ts'
import { firstDivergence, type Divergence } from './divergence.ts'
import { applyBatch, createTimeline, type Timeline } from './timeline.ts'

/** One schedule scored: the student's or a policy's, with the engine's metrics and its run as a timeline. */
export interface ScoredRun {
  readonly name: string
  readonly color: string
  readonly metrics: Metrics
  readonly timeline: Timeline
}

/** The student's finished schedule beside every policy's, and where it first left the best one. */
export interface StudentScore {
  /** The student's first, then the policies in the registry's order. */
  readonly rows: readonly ScoredRun[]
  /** The policy with the lowest weighted flow (ties to the registry's order). */
  readonly best: ScoredRun
  /** The student's first start that differs from the best policy's (a: theirs, b: the policy's); null when none does. */
  readonly divergence: Divergence | null
}

/** One policy's run of the prepared scenario, recorded as a timeline. */
export function policyRun(prepared: PreparedScenario, name: string, lookup: PolicyLookup): { metrics: Metrics; timeline: Timeline } {
  const recorder = new BatchRecorder(prepared.tasks.length)
  const result = runSimulation(prepared, name, { listener: recorder, policies: lookup })
  const timeline = createTimeline(prepared.tasks.length, prepared.cluster.gpus.length)
  applyBatch(timeline, recorder.flush(result.steps, true))
  return { metrics: result.metrics, timeline }
}

/**
 * Scores the student's schedule against every registered policy on the same scenario, each run
 * by the engine here (a scenario of at most 30 tasks). A policy written by a user runs only in
 * the simulation worker: its run is taken from the page's (`userRuns`), or left out without one.
 */
export function studentScore(
  prepared: PreparedScenario,
  student: { readonly metrics: Metrics; readonly timeline: Timeline },
  registry: PolicyRegistry,
  userRuns: Readonly<Record<string, { readonly metrics: Metrics; readonly timeline: Timeline } | undefined>>,
): StudentScore | null {
  const policies = registry.list().flatMap((p): ScoredRun[] => {
    const run = p.userCode === true ? userRuns[p.name] : policyRun(prepared, p.name, registry)
    return run === undefined ? [] : [{ name: p.name, color: p.color, ...run }]
  })
  if (policies.length === 0) return null
  const best = policies.reduce((b, p) => (p.metrics.weighted_waiting_time < b.metrics.weighted_waiting_time ? p : b))
  const you: ScoredRun = { name: STUDENT, color: '#111827', ...student }
  return { rows: [you, ...policies], best, divergence: firstDivergence(student.timeline, best.timeline) }
}
