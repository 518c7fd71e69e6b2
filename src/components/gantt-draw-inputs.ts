import type { AppState } from '../store/app-store.ts'
import { fullView } from '../store/view-window.ts'
import { selectDimFuture } from '../store/selectors.ts'
import { selectPendingStep } from '../store/slices/teaching.ts'

/**
 * Everything in the store one Gantt view's drawing depends on (compared shallowly); React does
 * not re-render for these. A streamed batch changes the drawing only while the cursor is at or
 * past what the run has settled, or the future is shown: with it hidden, the view shows the
 * tasks started by the cursor, cut there, and those are final once the run is known past the
 * cursor. So a run streaming in behind a cursor left at its start (an import) redraws the views
 * once, not five canvases per published batch; likewise the run's end counts only through the
 * time window it decides (which grows in round steps).
 */
export const ganttDrawInputs = (algorithm: string) => (s: AppState): readonly unknown[] => {
  // A run just prepared has nothing to show until its first batch: the views wait for it
  // rather than redraw twice in two frames.
  const prepared = s.run.timelines[algorithm]
  const tl = prepared !== undefined && prepared.knownStep === 0 && s.run.status === 'running' ? undefined : prepared
  const dimFuture = selectDimFuture(s)
  const settled = tl !== undefined && !dimFuture && s.step < tl.knownStep
  const [t0S, t1S] = s.viewS ?? fullView(s)
  return [
    tl,
    settled ? (s.run.status === 'running' ? -1 : -2) : s.run.version,
    t0S,
    t1S,
    s.step,
    dimFuture,
    s.selectedTask,
    s.hoveredTask,
    s.highlight,
    selectPendingStep(s),
    s.run.scenario.dtS,
  ]
}

/**
 * What a publication changes among ganttDrawInputs: the run's version, and the window's end when
 * the window follows the run (`windowFromRun`: not zoomed). See publishedAlone.
 */
export const ganttPublished = (windowFromRun: boolean): readonly number[] => (windowFromRun ? [1, 3] : [1])
