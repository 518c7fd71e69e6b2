import type { AppState } from './app-store.ts'
import { selectResultsHidden } from './slices/teaching.ts'

// Named selectors for what several components read; a component's own reads stay inline.

/** The run's status (running, done, ...). */
export const selectRunStatus = (s: AppState) => s.run.status
/** Every action of every slice. */
export const selectActions = (s: AppState) => s.actions
/** What the worker sent once for the run (null until then). */
export const selectPrepared = (s: AppState) => s.run.prepared
/** Where the scenario came from, as the picker shows it. */
export const selectScenarioLabel = (s: AppState) => s.scenarioLabel
/** The algorithm in the focus view, the queue and the decisions. */
export const selectFocus = (s: AppState) => s.focus
/** How tasks are coloured. */
export const selectColorBy = (s: AppState) => s.colorBy
/** The algorithms compared, in registry order. */
export const selectAlgorithms = (s: AppState) => s.algorithms
/** The task clicked, or null. */
export const selectSelectedTask = (s: AppState) => s.selectedTask
/** How many tasks the edited scenario has. */
export const selectTaskCount = (s: AppState) => s.scenario.tasks.length
/** The scenario being edited (not necessarily the one the run shows: selectRunScenario). */
export const selectScenario = (s: AppState) => s.scenario
/** The focused algorithm's timeline, once prepared. */
export const selectFocusTimeline = (s: AppState) => s.run.timelines[s.focus]
/** The tasks of the scenario the run simulates. */
export const selectRunTasks = (s: AppState) => s.run.scenario.tasks
/** The scenario the run simulates: views pair it with the timelines. */
export const selectRunScenario = (s: AppState) => s.run.scenario
/** The last step worth showing. */
export const selectEndStep = (s: AppState) => s.run.endStep
/** Whether the schedule after the cursor shows dimmed ("Show future", unless results are hidden). */
export const selectDimFuture = (s: AppState) => s.dimFuture && !selectResultsHidden(s)

/**
 * Changes when a streamed batch may change what the focused run shows at the cursor: once the
 * run is known past the cursor's step, later batches cannot (except which waiting task starts
 * next, settled when the run completes), so views of the cursor need not re-render for them.
 */
export const selectCursorVersion = (s: AppState): number => {
  const tl = s.run.timelines[s.focus]
  // An answer about a user policy's keys (run.keysVersion) changes the queue's order too.
  const keys = s.run.keysVersion * 1e6
  if (tl === undefined || s.step >= tl.knownStep) return s.run.version + keys
  return (s.run.status === 'running' ? -1 : -2) - keys
}

/**
 * Whether streamed batches can change what the views show beyond the run's progress and end:
 * while the future is shown, the cursor follows the end, or some run is not yet known past the
 * cursor. Otherwise every view shows the cursor's step (the future hidden), already final.
 */
export const selectStreamShown = (s: AppState): boolean => {
  if (selectDimFuture(s) || s.followEnd) return true
  for (const tl of Object.values(s.run.timelines)) if (tl !== undefined && s.step >= tl.knownStep) return true
  return false
}
