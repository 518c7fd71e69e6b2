import type { Timeline } from '../run-view/timeline.ts'
import type { AppState } from './app-store.ts'

/** Step index → simulated seconds (the UI's time axis; the exact clock's definition). */
export const timeOfStep = (step: number, dtS: number) => step * dtS

export const selectDt = (s: AppState) => s.scenario.dtS
export const selectStep = (s: AppState) => s.step
export const selectEndStep = (s: AppState) => s.run.endStep
export const selectPrepared = (s: AppState) => s.run.prepared
export const selectVersion = (s: AppState) => s.run.version
export const selectActions = (s: AppState) => s.actions
export const selectTimeline = (a: string) => (s: AppState): Timeline | undefined => s.run.timelines[a]

/**
 * Changes when a streamed batch may change what the focused run shows at the cursor: once the
 * run is known past the cursor's step, later batches cannot (except which waiting task starts
 * next, settled when the run completes), so views of the cursor need not re-render for them.
 */
export const selectCursorVersion = (s: AppState): number => {
  const tl = s.run.timelines[s.focus]
  if (tl === undefined || s.step >= tl.knownStep) return s.run.version
  return s.run.status === 'running' ? -1 : -2
}

/**
 * Whether streamed batches can change what the views show beyond the run's progress and end:
 * while the future is shown, the cursor follows the end, or some run is not yet known past the
 * cursor. Otherwise every view shows the cursor's step (the future hidden), already final.
 */
export const selectStreamShown = (s: AppState): boolean => {
  if (s.dimFuture || s.followEnd) return true
  for (const tl of Object.values(s.run.timelines)) if (tl !== undefined && s.step >= tl.knownStep) return true
  return false
}

/** Steps with a decision that started a task, at or before `limit` known steps. */
function startDecisionSteps(tl: Timeline): Int32Array {
  const out: number[] = []
  let last = -1
  for (let d = 0; d < tl.decisions.length; d++) {
    const step = tl.decisions.step.data[d]!
    if (tl.decisions.task.data[d]! >= 0 && step !== last) out.push((last = step))
  }
  return Int32Array.from(out)
}

/** The nearest step before (dir -1) or after (dir +1) `step` where the policy started a task. */
export function adjacentDecisionStep(tl: Timeline, step: number, dir: -1 | 1): number | null {
  const steps = startDecisionSteps(tl)
  if (dir > 0) {
    for (const s of steps) if (s > step) return s
    return null
  }
  for (let i = steps.length - 1; i >= 0; i--) if (steps[i]! < step) return steps[i]!
  return null
}
