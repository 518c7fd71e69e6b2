import { useEffect, useState } from 'react'
import { useAppStore } from '../store/context.tsx'

/**
 * While playback runs, text panels refresh at most this often: fast playback changes the queue
 * every frame, faster than anyone reads, and re-laying out the panels 60 times a second would
 * cost the Gantt its frames.
 */
export const PLAYING_REFRESH_MS = 100

/**
 * The step a text panel shows: the store's step at once when it is set by hand (stepping,
 * scrubbing, paused), at most every PLAYING_REFRESH_MS while playing, and the final step as
 * soon as playback stops.
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
      (s) => [s.step, s.playing] as const,
      ([, playing]) => {
        if (!playing) {
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
