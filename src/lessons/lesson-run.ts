import type { RunResult, TaskOutcome } from '../engine/results.ts'
import { runAlgorithms } from '../engine/simulation.ts'
import type { Scenario } from '../engine/types.ts'

/**
 * The engine's run of a page's scenario, for every algorithm the page compares, with the
 * readings lesson texts and gates need. Lesson scenarios are small (at most a few dozen
 * tasks): running them here, on the page's thread, takes well under a millisecond, and gives
 * the same numbers as the worker (the same engine, deterministic).
 */
export interface LessonRun {
  readonly scenario: Scenario
  readonly results: ReadonlyMap<string, RunResult>
  /** The task's index by its id (throws on an unknown id: a lesson's typo). */
  index(id: string): number
  /** One task's outcome under an algorithm. */
  task(algorithm: string, id: string): TaskOutcome
  /** completion − arrival of a completed task. */
  flow(algorithm: string, id: string): number
  /** completion − first start: the task's work, when it ran without preemption. */
  work(algorithm: string, id: string): number
  /** The algorithm's run (throws when the page does not compare it). */
  result(algorithm: string): RunResult
  /** Σ (completion − arrival) over the completed tasks. */
  sumFlow(algorithm: string): number
}

export function lessonRun(scenario: Scenario, algorithms: readonly string[]): LessonRun {
  const results = runAlgorithms(scenario, algorithms)
  const byId = new Map(scenario.tasks.map((t, i) => [t.id, i]))
  const result = (a: string) => {
    const r = results.get(a)
    if (r === undefined) throw new Error(`the lesson page does not run ${a}`)
    return r
  }
  const index = (id: string) => {
    const i = byId.get(id)
    if (i === undefined) throw new Error(`the lesson's scenario has no task '${id}'`)
    return i
  }
  const task = (a: string, id: string) => result(a).tasks[index(id)]!
  return {
    scenario,
    results,
    index,
    task,
    flow: (a, id) => task(a, id).completionS! - scenario.tasks[index(id)]!.arrivalS,
    work: (a, id) => task(a, id).completionS! - task(a, id).startS!,
    result,
    sumFlow: (a) => result(a).tasks.reduce((sum, t) => sum + (t.completionS === null ? 0 : t.completionS - scenario.tasks[t.index]!.arrivalS), 0),
  }
}

/** Runs that lessons compare beyond their page's own (another load, the other mode), kept by key. */
const cache = new Map<string, LessonRun>()

/** lessonRun, memoized by `key` (the scenario factory must always give the same scenario for a key). */
export function cachedRun(key: string, scenario: () => Scenario, algorithms: readonly string[]): LessonRun {
  const k = `${key}|${algorithms.join(',')}`
  let run = cache.get(k)
  if (run === undefined) {
    run = lessonRun(scenario(), algorithms)
    cache.set(k, run)
  }
  return run
}

/** Numbers as lesson texts write them: at most 3 decimals, no trailing zeros (4.75, 8.5, 102). */
export const num = (x: number, digits = 3): string => String(Number(x.toFixed(digits)))
/** A ratio as a percentage with one decimal (69.6 %). */
export const pct = (x: number): string => `${(x * 100).toFixed(1)} %`

/** The id of the task that completes last under `algorithm` (the first such in input order). */
export function lastToComplete(run: LessonRun, algorithm: string): string {
  let last: TaskOutcome | null = null
  for (const t of run.result(algorithm).tasks) if (t.completionS !== null && (last === null || t.completionS > last.completionS!)) last = t
  return last?.id ?? '—'
}

/** Of `algorithms`, the one whose metric is lowest (the first in the list on a tie). */
export function lowest(run: LessonRun, algorithms: readonly string[], metric: (m: RunResult['metrics']) => number): string {
  let best = algorithms[0]!
  for (const a of algorithms) if (metric(run.result(a).metrics) < metric(run.result(best).metrics)) best = a
  return best
}

/** Of `algorithms`, the one whose metric is highest (the first in the list on a tie). */
export function highest(run: LessonRun, algorithms: readonly string[], metric: (m: RunResult['metrics']) => number): string {
  return lowest(run, algorithms, (m) => -metric(m))
}
