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
 */
export function useShownStep(): number {
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
        } else if (timer === undefined) timer = setTimeout(show, Math.max(0, shownAt + PLAYING_REFRESH_MS - performance.now()))
      },
      { equalityFn: (a, b) => a[0] === b[0] && a[1] === b[1] },
    )
    // The step may have moved between the first render and this subscription.
    setStep(store.getState().step)
    return () => {
      unsubscribe()
      clearTimeout(timer)
    }
  }, [store])
  return step
}
