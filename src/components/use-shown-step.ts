import { useEffect, useState } from 'react'
import { flushSync } from 'react-dom'
import { useAppStore } from '../store/context.tsx'
import { inFrame } from '../timing/scheduler.ts'

/**
 * While the cursor moves on its own or under a dragging pointer, text panels refresh at most
 * this often: the queue then changes every frame, faster than anyone reads, and re-laying out the
 * panels 60 times a second would cost the Gantt its frames.
 */
export const PLAYING_REFRESH_MS = 100

/**
 * From this many tasks on, a single move's panels follow its cursor by a frame or two, one frame
 * per turn: the queue (turn 0) in the frame after the cursor, later turns (the decisions) in the
 * frame after that. The frame that moves the cursor redraws every Gantt view of a large run, and
 * laying out and painting the panels' text in it too (some 70 cells) made it overrun 16.7 ms on
 * a slow machine. Split, each frame fits, and the panels settle within 50 ms, too soon to notice
 * the order. Smaller runs keep to one frame.
 */
export const SPLIT_FRAME_TASKS = 10_000

/**
 * The step a text panel shows: the store's step at once when it is set by a single action
 * (stepping, a key, a click on the slider, paused), or a frame or two after the cursor in a run
 * of SPLIT_FRAME_TASKS or more; at most every PLAYING_REFRESH_MS while playing or while the time
 * slider is dragged, and the final step as soon as either stops.
 * `turnMs` (0 to PLAYING_REFRESH_MS) sets when in each period the panel takes its turn.
 */
export function useShownStep(turnMs = 0): number {
  const store = useAppStore()
  const [step, setStep] = useState(() => store.getState().step)
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    let cancelFrame = () => {}
    let framePending = false
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
          if (store.getState().run.scenario.tasks.length < SPLIT_FRAME_TASKS) show()
          // Rendered within that frame's callbacks (a plain update would wait for a later task).
          // One already due shows the latest step: moves as fast as a held key repeats (every
          // other frame) must not keep putting it off.
          else if (!framePending) {
            framePending = true
            cancelFrame = inFrame(turnMs > 0 ? 3 : 2, () => {
              framePending = false
              flushSync(show)
            })
          }
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
      cancelFrame()
    }
  }, [store, turnMs])
  return step
}
