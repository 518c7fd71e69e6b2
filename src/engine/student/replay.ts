import type { Chooser } from '../chooser.ts'
import type { PolicyLookup } from '../policies/registry.ts'
import { createPolicyRegistry } from '../policies/registry.ts'
import type { RunResult } from '../results.ts'
import { RUNNING, type SimulationListener } from '../segments.ts'
import { prepareScenario, type PreparedScenario } from '../sim-task.ts'
import { createSimulation } from '../simulation.ts'
import type { Scenario } from '../types.ts'
import { refusal, stopPointOf, type RunSoFar, type StopPoint, type StudentPick } from './picks.ts'

/** The student's schedule's name in the Results and the comparisons. */
export const STUDENT = 'You'

/**
 * The most tasks the student schedules by hand: every pick replays the run from the start, and
 * a decision point lists every task, so past this the exercise is neither quick nor readable.
 */
export const STUDENT_MAX_TASKS = 30

/** Why the student cannot schedule this scenario by hand, or null when they can. */
export function studentRefusal(scenario: Scenario): string | null {
  if (scenario.mode !== 'exact') return `Be the scheduler works in exact mode only (this scenario is in ${scenario.mode} mode): switch the mode to exact.`
  if (scenario.preemptive === true) return 'Be the scheduler does not preempt: turn preemption off to schedule by hand.'
  if (scenario.tasks.length > STUDENT_MAX_TASKS) return `Be the scheduler takes at most ${STUDENT_MAX_TASKS} tasks (this scenario has ${scenario.tasks.length}): every pick is made by hand, one decision point at a time.`
  if (scenario.tasks.length === 0) return 'Be the scheduler needs at least one task.'
  return null
}

/**
 * The scripted policy: its order is the student's picks (a task's key is its place among them,
 * unpicked tasks last, ties to queue order). It orders the queue the page shows; the starts
 * themselves come from the chooser, pick by pick.
 */
export function scriptedPolicy(picks: readonly StudentPick[], orderOf: ArrayLike<number>): PolicyLookup {
  // The key sees a task by its queue order.
  const place = new Map<number, number>()
  picks.forEach((p, k) => place.set(orderOf[p.task]!, k))
  return createPolicyRegistry([
    {
      name: STUDENT,
      label: 'Your schedule',
      color: '#111827',
      keyLabel: 'your pick',
      summary: 'Your picks, in the order you made them.',
      higherFirst: false,
      staticKey: true,
      key: (t) => place.get(t.order) ?? Infinity,
    },
  ])
}

/** The student's picks replayed by the engine (see replayPicks). */
export interface Replay {
  /** How many of the picks were made (all, unless one was refused). */
  readonly applied: number
  /** The pick refused (its index among the picks) and why; the run stops there. */
  readonly refused: { readonly index: number; readonly reason: string } | null
  /** The decision point where the picks ran out (or the refused one's); null when the run is over. */
  readonly stop: StopPoint | null
  /** The run's results: final only when stop is null. */
  readonly result: RunResult
}

/**
 * Replays the student's picks with the engine (times, placement and metrics are the engine's
 * own): at each decision point (tasks wait and one fits on the free GPUs) the next pick starts,
 * on its node or where the placement rule puts it. The run stops at the first decision point
 * with no pick left, or at a pick that is not allowed there, and says where and why.
 */
export function replayPicks(scenario: Scenario | PreparedScenario, picks: readonly StudentPick[], listener?: SimulationListener): Replay {
  const prepared = 'plan' in scenario ? scenario : prepareScenario(scenario)
  const why = studentRefusal(prepared.scenario)
  if (why !== null) throw new Error(why)
  const n = prepared.tasks.length
  const run: RunSoFar = { startS: new Float64Array(n).fill(NaN), finishS: new Float64Array(n).fill(NaN), freed: new Uint8Array(n) }
  const watch: SimulationListener = {
    open(item, kind, step, timeS, resources, plannedEndS) {
      if (kind === RUNNING) {
        run.startS[item] = timeS
        run.finishS[item] = plannedEndS
      }
      listener?.open(item, kind, step, timeS, resources, plannedEndS)
    },
    close(item, kind, step, timeS) {
      if (kind === RUNNING) run.freed[item] = 1
      listener?.close(item, kind, step, timeS)
    },
    decided: (...args) => listener?.decided(...args),
  }
  let applied = 0
  let refused: Replay['refused'] = null
  let stop: StopPoint | null = null
  const chooser: Chooser = {
    choose(point) {
      const at = stopPointOf(prepared, point, run)
      const pick = picks[applied]
      if (pick === undefined) {
        stop = at
        return null
      }
      const reason = refusal(prepared, at, pick)
      if (reason !== null) {
        refused = { index: applied, reason }
        stop = at
        return null
      }
      applied += 1
      return { task: pick.task, node: pick.node ?? at.choices[pick.task]!.best }
    },
  }
  const result = createSimulation(prepared, STUDENT, { chooser, listener: watch, policies: scriptedPolicy(picks, prepared.orderOf) }).run()
  return { applied, refused, stop, result }
}
