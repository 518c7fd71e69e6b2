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
