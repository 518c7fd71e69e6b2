import { useEffect, useState } from 'react'
import { useAppStore } from '../store/context.tsx'

/**
 * While the cursor moves on its own or under a dragging pointer, text panels refresh at most
 * this often: the queue then changes every frame, faster than anyone reads, and re-laying out the
 * panels 60 times a second would cost the Gantt its frames.
 */
export const PLAYING_REFRESH_MS = 100

/**
 * The step a text panel shows: the store's step at once when it is set by a single action
 * (stepping, a key, a click on the slider, paused), at most every PLAYING_REFRESH_MS while
 * playing or while the time slider is dragged, and the final step as soon as either stops.
 * `turnMs` (0 to PLAYING_REFRESH_MS) sets when in each period the panel takes its turn.
 */
export function useShownStep(turnMs = 0): number {
  const store = useAppStore()
  const [step, setStep] = useState(() => store.getState().step)
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    let shownAt = -Infinity
    const show = () => {
      timer = undefined
      shownAt = performance.now()
      setStep(store.getState().step)
    }
    const unsubscribe = store.subscribe(
      (s) => [s.step, s.playing || s.dragging] as const,
      ([, moving]) => {
        if (!moving) {
          clearTimeout(timer)
          show()
        } else if (timer === undefined) {
          const now = performance.now()
          // The first change after a pause shows at once; later ones wait for the panel's turn:
          // the first slot of its cadence at least PLAYING_REFRESH_MS after the last show, so
          // panels with different turns never all redraw in one frame.
          const due = shownAt + PLAYING_REFRESH_MS
          const slot = Math.ceil((due - turnMs) / PLAYING_REFRESH_MS) * PLAYING_REFRESH_MS + turnMs
          timer = setTimeout(show, due <= now ? 0 : slot - now)
        }
      },
      { equalityFn: (a, b) => a[0] === b[0] && a[1] === b[1] },
    )
    // The step may have moved between the first render and this subscription.
    setStep(store.getState().step)
    return () => {
      unsubscribe()
      clearTimeout(timer)
    }
  }, [store, turnMs])
  return step
}
