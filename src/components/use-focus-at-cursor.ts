import { useMemo } from 'react'
import { useApp } from '../store/context.tsx'
import { selectCursorVersion, selectFocus, selectFocusTimeline, selectPrepared, selectRunScenario } from '../store/selectors.ts'
import { PLAYING_REFRESH_MS, useShownStep } from './use-shown-step.ts'

/** What a panel about the focused algorithm's doings at the cursor reads of the run. */
export interface FocusAtCursor {
  readonly focus: string
  /** The step shown, following playback at half the text panels' refresh pace. */
  readonly step: number
  readonly tl: ReturnType<typeof selectFocusTimeline>
  readonly prepared: ReturnType<typeof selectPrepared>
  readonly scenario: ReturnType<typeof selectRunScenario>
}

/**
 * The focused algorithm's run at the shown step, and `compute` of it: recomputed when any of
 * those changes, or when a streamed batch may change what the cursor shows (the timeline fills
 * in place). `compute` must depend on its argument alone. Until `ready` (the panel's mount
 * turn, use-mount-turn.ts) the run reads as not prepared yet.
 */
export function useFocusAtCursor<T>(compute: (at: FocusAtCursor) => T, ready = true): FocusAtCursor & { readonly value: T } {
  const focus = useApp(selectFocus)
  const step = useShownStep(PLAYING_REFRESH_MS / 2)
  const tl = useApp(selectFocusTimeline)
  const preparedNow = useApp(selectPrepared)
  const prepared = ready ? preparedNow : null
  // Re-rendered for a streamed batch only while it can change what the cursor shows.
  const version = useApp(selectCursorVersion)
  const scenario = useApp(selectRunScenario)
  const value = useMemo(
    () => compute({ focus, step, tl, prepared, scenario }),
    // version: the timeline fills in place while the run streams; compute reads only its argument
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [tl, prepared, focus, step, scenario, version],
  )
  return { focus, step, tl, prepared, scenario, value }
}
