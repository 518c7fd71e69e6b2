import { adjacentDecisionStep } from '../../run-view/decisions.ts'
import { DEFAULT_SPEED } from '../defaults.ts'
import type { SliceCreator } from './slice.ts'

/** The time cursor, shared by every view and algorithm, and how it moves. */
export interface PlaybackSlice {
  /** The cursor, a step index. */
  readonly step: number
  readonly playing: boolean
  /** The time slider is being dragged: text panels refresh at a reading pace until it is let go. */
  readonly dragging: boolean
  /** Simulated seconds per real second; 0 = one step per frame. */
  readonly speed: number
  /** Keep the cursor at the end while a run streams in ("Run to end" pressed). */
  readonly followEnd: boolean
  readonly actions: PlaybackActions
}

export interface PlaybackActions {
  setStep(step: number): void
  setDragging(dragging: boolean): void
  stepBy(delta: number): void
  /**
   * Moves the cursor to the previous (-1) or next (+1) step where the focused algorithm starts a
   * task. False (cursor unmoved) when there is none that way.
   */
  stepDecision(dir: -1 | 1): boolean
  play(): void
  pause(): void
  togglePlay(): void
  runToEnd(): void
  reset(): void
  setSpeed(speed: number): void
}

export const createPlaybackSlice: SliceCreator<PlaybackSlice> = (set, get, options) => {
  const clampStep = (step: number) => Math.max(0, Math.min(Math.round(step), get().run.endStep))
  const actions: PlaybackActions = {
    setStep: (step) => set({ step: clampStep(step), followEnd: false }),
    setDragging: (dragging) => set({ dragging }),
    stepBy: (delta) => set((s) => ({ step: clampStep(s.step + delta), followEnd: false, playing: false })),
    stepDecision(dir) {
      const s = get()
      const tl = s.run.timelines[s.focus]
      const target = tl === undefined ? null : adjacentDecisionStep(tl, s.step, dir)
      if (target === null) return false
      set({ step: clampStep(target), followEnd: false, playing: false })
      return true
    },
    play: () =>
      set((s) => ({
        playing: true,
        followEnd: false,
        // Play from the start again once the end is reached.
        step: s.step >= s.run.endStep && s.run.status === 'done' ? 0 : s.step,
      })),
    pause: () => set({ playing: false }),
    togglePlay: () => (get().playing ? actions.pause() : actions.play()),
    // Follows the end of a run still streaming in, or owed to an edit (the runner waits for
    // typing to pause): the end of the run before would put the cursor near the new run's start.
    runToEnd: () => set((s) => ({ step: s.run.endStep, playing: false, followEnd: s.run.status !== 'done' || s.run.scenario !== s.scenario })),
    reset: () => set({ step: 0, playing: false, followEnd: false }),
    setSpeed: (speed) => set({ speed }),
  }
  return { step: 0, playing: false, dragging: false, speed: options.speed ?? DEFAULT_SPEED, followEnd: false, actions }
}
