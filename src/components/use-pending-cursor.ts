import { useEffect } from 'react'
import { stepTimes } from '../run-view/time.ts'
import { useApp, useAppStore } from '../store/context.tsx'

/** The last step at or before `atS` (steps are what the cursor moves by). */
export function stepAtOrBefore(time: (step: number) => number, atS: number, endStep: number): number {
  let lo = 0
  let hi = endStep
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (time(mid) <= atS + 1e-9 * Math.max(1, atS)) lo = mid
    else hi = mid - 1
  }
  return lo
}

/**
 * Moves the cursor to the time a lesson page or a link asked for, once the run of the scenario
 * being shown is done (before that the step for a time past the streamed part is not known).
 */
export function usePendingCursor(): void {
  const store = useAppStore()
  const pending = useApp((s) => s.pendingCursorS)
  const ready = useApp((s) => s.run.status === 'done' && s.run.scenario === s.scenario)
  useEffect(() => {
    if (pending === null || !ready) return
    const s = store.getState()
    s.actions.setStep(stepAtOrBefore(stepTimes(s.run.scenario), pending, s.run.endStep))
    s.actions.setCursorTime(null)
  }, [pending, ready, store])
  // A lesson page that has the student schedule enters the mode on its run, after the cursor moved.
  const student = useApp((s) => s.pendingStudent)
  useEffect(() => {
    if (!student || !ready || pending !== null) return
    store.setState({ pendingStudent: false })
    store.getState().actions.startStudent()
  }, [student, ready, pending, store])
}
