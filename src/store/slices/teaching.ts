import { arrivalOrder } from '../../engine/sim-task.ts'
import type { TaskSpec } from '../../engine/types.ts'
import { decisionPoint, startDecisions, type DecisionPoint } from '../../run-view/decision-point.ts'
import { firstDivergence, type Divergence } from '../../run-view/divergence.ts'
import type { AppState } from '../app-store.ts'
import type { SliceCreator } from './slice.ts'

/** Tasks marked on the Gantt (by a breakdown, or a lesson page), with what they stand for. */
export interface Highlight {
  readonly tasks: readonly number[]
  readonly label: string
}

/** A number to explain: a metric of one algorithm, final (atS null) or at the cursor's time. */
export interface ExplainTarget {
  readonly metric: string
  readonly algorithm: string
  readonly atS: number | null
}

/** "Predict next": the decision asked about, and the answers given so far. */
export interface Prediction {
  readonly algorithm: string
  readonly point: DecisionPoint
  /** The task the student picked (null: not yet). */
  readonly picked: number | null
  /** The node picked for the engine's task, where that is a choice (null: not yet or no choice). */
  readonly node: number | null
}

/**
 * Teaching: predict-then-reveal (results hidden until "Reveal", "Predict next"), the number
 * explained and what it highlights, and the first divergence of two algorithms. Lesson pages
 * drive the views through these actions.
 */
export interface TeachingSlice {
  /** "Hide results": results, metric curves and the Gantt's future stay hidden until revealed. */
  readonly hideResults: boolean
  readonly revealed: boolean
  readonly highlight: Highlight | null
  readonly explained: ExplainTarget | null
  readonly prediction: Prediction | null
  /** The divergence shown (null: none); `found` null when the two never differ. */
  readonly divergence: { readonly a: string; readonly b: string; readonly found: Divergence | null } | null
  readonly actions: TeachingActions
}

export interface TeachingActions {
  setHideResults(hide: boolean): void
  reveal(): void
  setHighlight(highlight: Highlight | null): void
  /** Opens the breakdown of a number (null closes it; its highlight goes with it). */
  explain(target: ExplainTarget | null): void
  /**
   * Asks about the focused algorithm's next start: the first after the cursor (or after the
   * last one asked about, at the same step), moving the cursor to its step. False when there is none.
   */
  predictNext(): boolean
  /** The student's answer: a task, then (where it is a choice) a node. */
  answerPrediction(task: number): void
  answerNode(node: number): void
  closePrediction(): void
  /** Jumps to the first decision where two algorithms differ (see run-view/divergence.ts). */
  showDivergence(a: string, b: string): void
  closeDivergence(): void
}

/** Whether the results are hidden now: hidden and not revealed, or a prediction waits for its answer. */
export const selectResultsHidden = (s: AppState): boolean => (s.hideResults && !s.revealed) || (s.prediction !== null && s.prediction.picked === null)

/**
 * The step whose decisions a prediction asks about while it waits for its answer (null: none):
 * the views show that step as it was before them (the Gantt), or not at all (queue, decisions).
 */
export const selectPendingStep = (s: AppState): number | null => (s.prediction !== null && s.prediction.picked === null && s.prediction.point.step === s.step ? s.step : null)

/** Each task's queue order (position by arrival, then input). */
export function queueOrderOf(s: AppState): Int32Array {
  return queueOrder(s.run.scenario.tasks)
}

/** Each task's queue order (position by arrival, then input). */
export function queueOrder(tasks: readonly TaskSpec[]): Int32Array {
  const byArrival = arrivalOrder(tasks)
  const out = new Int32Array(byArrival.length)
  byArrival.forEach((t, k) => (out[t] = k))
  return out
}

export const createTeachingSlice: SliceCreator<TeachingSlice> = (set, get) => ({
  hideResults: false,
  revealed: false,
  highlight: null,
  explained: null,
  prediction: null,
  divergence: null,
  actions: {
    setHideResults: (hideResults) => set({ hideResults, revealed: false, ...(hideResults && { explained: null, highlight: null }) }),
    reveal: () => set({ revealed: true }),
    setHighlight: (highlight) => set({ highlight }),
    explain: (explained) => set(explained === null ? { explained, highlight: null } : { explained }),
    predictNext() {
      const s = get()
      const tl = s.run.timelines[s.focus]
      if (tl === undefined || s.run.status !== 'done') return false
      const starts = startDecisions(tl)
      const last = s.prediction?.algorithm === s.focus && s.prediction.point.step === s.step ? s.prediction.point.decision : -1
      // The views show a step after its decisions: the next to ask about comes after the
      // cursor's step, or later at that step once one of them has been asked about. At step 0
      // nothing has been shown to be decided yet (the run opens there).
      const next = starts.find((d) => (last >= 0 ? d > last : s.step === 0 ? true : tl.decisions.step.data[d]! > s.step))
      if (next === undefined) return false
      const point = decisionPoint(tl, next, queueOrderOf(s))
      set({ prediction: { algorithm: s.focus, point, picked: null, node: null }, step: point.step, playing: false, followEnd: false, explained: null, highlight: null })
      return true
    },
    answerPrediction: (task) => set((s) => (s.prediction === null ? {} : { prediction: { ...s.prediction, picked: task } })),
    answerNode: (node) => set((s) => (s.prediction === null ? {} : { prediction: { ...s.prediction, node } })),
    closePrediction: () => set({ prediction: null }),
    showDivergence(a, b) {
      const s = get()
      const ta = s.run.timelines[a]
      const tb = s.run.timelines[b]
      if (ta === undefined || tb === undefined) return
      const found = firstDivergence(ta, tb)
      set({ divergence: { a, b, found }, ...(found !== null && { step: found.step, playing: false, followEnd: false }) })
    },
    closeDivergence: () => set({ divergence: null }),
  },
})
