import type { Scenario } from '../engine/types.ts'
import type { LessonRun } from './lesson-run.ts'

/**
 * A lesson: a sequence of pages, each a short text with the formula it teaches, bound to the
 * live view. Lessons are data: every number a page shows is filled in from the engine's run of
 * the page's scenario (`LessonRun`), never typed into the text. README "Teaching with SchedScope".
 */
export interface Lesson {
  /** Stable: links and saved state name a lesson by it. */
  readonly id: string
  readonly title: string
  /** One line for the lesson index. */
  readonly summary: string
  readonly pages: readonly LessonPage[]
}

/** What a page sets in the live view (through the store's actions). */
export interface LessonView {
  /** The scenario's name in the picker. */
  readonly label: string
  readonly scenario: () => Scenario
  /** Registered policy names, compared side by side. */
  readonly algorithms: readonly string[]
  /** The algorithm in the focus view, the queue and the decisions. */
  readonly focus: string
  /** Where the time cursor goes once the run is in, in seconds. */
  readonly atS: number
  /** Task ids marked on the Gantt. */
  readonly highlight?: readonly string[]
  /** "Hide results" on this page (default: on). */
  readonly hideResults?: boolean
  /** Enter "Be the scheduler" on the page's scenario once its run is in (StudentPanel). */
  readonly student?: boolean
}

export interface LessonPage {
  readonly title: string
  /** The formula the page teaches, in words and symbols. */
  readonly formula: string
  readonly view: LessonView
  /** The page's text, filled from the engine's run of the page's scenario. */
  readonly text: (run: LessonRun) => string
  /** More text once the page's gate is revealed (what would give the answer away before). */
  readonly after?: (run: LessonRun) => string
  readonly gate?: Gate
}

/** The numbers a gate's reveal explains with a breakdown (the Results table's metrics). */
export type GateMetric = 'weightedFlow' | 'meanFlow' | 'meanDelay'

/** What the reveal explains: a metric of an algorithm (its formula and breakdown), and why. */
export interface GateExplanation {
  readonly metric?: { readonly id: GateMetric; readonly algorithm: string }
  readonly why: (run: LessonRun) => string
}

/**
 * A prediction gate: the student commits an answer before the reveal. The right answer is
 * computed from the engine's run each time it is asked for, never stored.
 */
export type Gate =
  | {
      readonly kind: 'choice'
      readonly question: string
      readonly options: (run: LessonRun) => readonly string[]
      readonly answer: (run: LessonRun) => string
      readonly explain: GateExplanation
    }
  | {
      readonly kind: 'number'
      readonly question: string
      /** Accepted distance from the engine's number. */
      readonly tolerance: number
      readonly unit: string
      readonly answer: (run: LessonRun) => number
      readonly explain: GateExplanation
    }
  | {
      /** Which waiting task does `algorithm` start next after `afterS`? */
      readonly kind: 'next-task'
      readonly question: string
      readonly algorithm: string
      readonly afterS: number
      readonly explain: GateExplanation
    }
