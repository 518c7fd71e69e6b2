import { fixedRateDurationS } from '../perf/fixed-rate.ts'
import type { Mode, TaskSpec } from '../types.ts'

/**
 * Limits on magnitudes, checked before any work so that a typo gives a message instead of a
 * hang, a crash or an answer that is not a finite number. Each is far beyond a real workload.
 */

/** Tasks in one scenario (a file, a link, the generator). */
export const MAX_TASKS = 1_000_000
/** Tokens of one task: 1e9 prefill tokens run for 1e6 s (11.6 days). */
export const MAX_TOKENS = 1e9
/** A task's weight; with the other limits every weighted sum stays far below 1e308. */
export const MAX_WEIGHT = 1e9
/** Arrival times, dt and max time, in seconds (about 31.7 years). */
export const MAX_TIME_S = 1e9
/**
 * Steps one run may cover. Step numbers are kept in 32-bit integer columns (the page's
 * timelines), so this stays below 2^31 − 1; it also bounds the reference clock, which walks
 * its float time one dt at a time.
 */
export const MAX_STEPS = 1e9

/** 1e9 → "1,000,000,000"; small or fractional numbers as they are. */
export const fmtLimit = (x: number): string => (Number.isInteger(x) && x < 1e21 ? x.toLocaleString('en-US') : String(x))

/** A number as short as it reads well in a message: 7000000001 → 7.0e9. */
const fmtCount = (x: number) => (x < 1e6 ? String(Number(x.toPrecision(6))) : x.toExponential(1).replace('e+', 'e'))

/** What the step limit needs to know about a scenario. */
export interface ScaleInput {
  readonly dtS: number
  /** Infinity: until every task has finished. */
  readonly maxTimeS: number
  readonly tasks: readonly TaskSpec[]
  /**
   * Serving mode runs on event times, not steps: dt only samples it, so its cost does not grow
   * with the steps, and its length cannot be told before it runs (the task count is checked;
   * the horizon's steps, by checkTiming).
   */
  readonly mode?: Mode
}

/**
 * The latest time a run can reach, from which its step count follows. With a horizon, tasks
 * that start before it may run past it by up to the longest task. Without one, the run ends by
 * the last arrival plus all the work done one task at a time: after the last arrival some task
 * is running whenever one waits (a task that can never fit is rejected before the run).
 */
export function latestTimeS(s: ScaleInput): { endS: number; why: string } {
  let lastArrival = 0
  let totalWork = 0
  let longest = 0
  for (const t of s.tasks) {
    const d = fixedRateDurationS(t.phase, t.tokens)
    lastArrival = Math.max(lastArrival, t.arrivalS)
    totalWork += d
    longest = Math.max(longest, d)
  }
  const allWork = lastArrival + totalWork
  if (allWork <= s.maxTimeS) {
    return { endS: allWork + longest, why: `the last arrival at ${fmtCount(lastArrival)} s plus all the work done one task at a time, ${fmtCount(totalWork)} s` }
  }
  return { endS: s.maxTimeS + longest, why: `the max time ${fmtCount(s.maxTimeS)} s plus the longest task, ${fmtCount(longest)} s` }
}

/**
 * Problems of size that no single field shows: too many tasks, or more steps than a run may
 * cover, each said of the scenario ("holds ...", "could run ..."). Empty when fine. Fields that are themselves invalid (NaN, negative) are left to the
 * field checks, which report them.
 */
export function checkScale(s: ScaleInput): string[] {
  const out: string[] = []
  if (s.tasks.length > MAX_TASKS) out.push(`holds ${fmtLimit(s.tasks.length)} tasks; the limit is ${fmtLimit(MAX_TASKS)}`)
  if (s.mode === 'serving' || !(s.dtS > 0 && s.dtS <= MAX_TIME_S) || !(s.maxTimeS > 0)) return out
  const { endS, why } = latestTimeS(s)
  const steps = endS / s.dtS
  if (!Number.isFinite(endS)) out.push('has a task whose arrival or tokens are not finite numbers')
  else if (steps > MAX_STEPS) {
    const hint = Number.isFinite(s.maxTimeS) ? 'or a shorter max time' : 'or set a max time'
    out.push(
      `could run until ${fmtCount(endS)} s (${why}): ${fmtCount(steps)} steps of dt ${s.dtS} s, ` +
        `more than the limit of ${fmtLimit(MAX_STEPS)} steps; use a dt of at least ${(endS / MAX_STEPS).toPrecision(2)} s ${hint}`,
    )
  }
  return out
}

/** Throws with the problems of checkScale: the engine's own guard, whoever calls it. */
export function assertScale(s: ScaleInput): void {
  const problems = checkScale(s)
  if (problems.length > 0) throw new Error(`This scenario cannot be simulated: it ${problems.join('; it ')}.`)
}
