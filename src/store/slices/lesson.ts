import type { Scenario } from '../../engine/types.ts'
import { lessonById, type Lesson } from '../../lessons/index.ts'
import type { SliceCreator } from './slice.ts'

/** Where the class is: a lesson and its page (0-based). */
export interface LessonAt {
  readonly id: string
  readonly page: number
}

/** What leaving a lesson restores: the view as it was before it started. */
interface BeforeLesson {
  readonly scenario: Scenario
  readonly label: string
  readonly algorithms: readonly string[]
  readonly focus: string
  readonly hideResults: boolean
}

/**
 * Lessons and presentation mode: the lesson open and its page (each page sets the live view
 * through the other slices' actions), the lesson index, the projector's presentation mode,
 * and a cursor time waiting for its run (a page's or a link's: the step is known only once
 * the run is in).
 */
export interface LessonSlice {
  readonly lesson: LessonAt | null
  readonly lessonsOpen: boolean
  readonly presentation: boolean
  /** Seconds the cursor moves to once the run of the current scenario is done (null: none). */
  readonly pendingCursorS: number | null
  /** A lesson page enters "Be the scheduler" once the run of its scenario is done. */
  readonly pendingStudent: boolean
  readonly beforeLesson: BeforeLesson | null
  /** The current page's prediction gate: the answer typed or picked, and whether it is revealed. */
  readonly gateAnswer: string
  readonly gateRevealed: boolean
  readonly actions: LessonActions
}

export interface LessonActions {
  setLessonsOpen(open: boolean): void
  /** Opens a lesson at a page (clamped to its pages); false for an unknown lesson. */
  startLesson(id: string, page?: number): boolean
  goToPage(page: number): void
  /** Next (+1) or previous (−1) page; false at either end. */
  turnPage(delta: 1 | -1): boolean
  /** Leaves the lesson and restores the view from before it. */
  leaveLesson(): void
  setPresentation(on: boolean): void
  /** Moves the cursor to a time once the current scenario's run is done. */
  setCursorTime(seconds: number | null): void
  setGateAnswer(answer: string): void
  /** Reveals the gate's answer (and the results, with it). */
  revealGate(): void
}

/** Two scenarios equal as data (lesson scenarios are small): the same page need not re-run. */
const sameScenario = (a: Scenario, b: Scenario) => a === b || JSON.stringify(a) === JSON.stringify(b)

export const createLessonSlice: SliceCreator<LessonSlice> = (set, get, options) => {
  /** Sets the live view to a page of a lesson, through the other slices' actions. */
  function applyPage(lesson: Lesson, page: number): void {
    const p = lesson.pages[page]!
    const v = p.view
    const s = get()
    const scenario = v.scenario()
    const sameAlgorithms = s.algorithms.length === v.algorithms.length && s.algorithms.every((x, i) => x === v.algorithms[i])
    if (s.scenarioLabel !== v.label || !sameAlgorithms || !sameScenario(s.scenario, scenario)) s.actions.setScenario(scenario, v.label, v.algorithms)
    const a = get().actions
    a.setFocus(v.focus)
    a.explain(null)
    a.closePrediction()
    a.closeDivergence()
    a.closeStudent()
    a.setHideResults(v.hideResults ?? true)
    const ids = new Map(get().scenario.tasks.map((t, i) => [t.id, i]))
    const tasks = (v.highlight ?? []).flatMap((id) => (ids.has(id) ? [ids.get(id)!] : []))
    a.setHighlight(tasks.length === 0 ? null : { tasks, label: p.title })
    set({ lesson: { id: lesson.id, page }, pendingCursorS: v.atS, pendingStudent: v.student === true, playing: false, followEnd: false, viewS: null, gateAnswer: '', gateRevealed: false })
  }

  const actions: LessonActions = {
    setLessonsOpen: (lessonsOpen) => set({ lessonsOpen }),
    startLesson(id, page = 0) {
      const lesson = lessonById(id)
      if (lesson === undefined) return false
      const s = get()
      if (s.lesson === null) {
        set({ beforeLesson: { scenario: s.scenario, label: s.scenarioLabel, algorithms: s.algorithms, focus: s.focus, hideResults: s.hideResults } })
      }
      set({ lessonsOpen: false })
      applyPage(lesson, Math.max(0, Math.min(Math.trunc(page), lesson.pages.length - 1)))
      return true
    },
    goToPage(page) {
      const at = get().lesson
      const lesson = at === null ? undefined : lessonById(at.id)
      if (lesson === undefined) return
      applyPage(lesson, Math.max(0, Math.min(page, lesson.pages.length - 1)))
    },
    turnPage(delta) {
      const at = get().lesson
      const lesson = at === null ? undefined : lessonById(at.id)
      if (lesson === undefined || at === null) return false
      const page = at.page + delta
      if (page < 0 || page >= lesson.pages.length) return false
      applyPage(lesson, page)
      return true
    },
    leaveLesson() {
      const before = get().beforeLesson
      const a = get().actions
      a.explain(null)
      a.closePrediction()
      a.setHighlight(null)
      if (before !== null) {
        a.setScenario(before.scenario, before.label, before.algorithms)
        a.setFocus(before.algorithms.includes(before.focus) ? before.focus : before.algorithms[0]!)
        a.setHideResults(before.hideResults)
      } else a.setHideResults(false)
      a.closeStudent()
      set({ lesson: null, beforeLesson: null, pendingCursorS: null, pendingStudent: false, gateAnswer: '', gateRevealed: false })
    },
    setPresentation: (presentation) => set({ presentation }),
    setCursorTime: (pendingCursorS) => set({ pendingCursorS }),
    setGateAnswer: (gateAnswer) => set({ gateAnswer }),
    revealGate() {
      set({ gateRevealed: true })
      get().actions.reveal()
    },
  }
  return {
    lesson: null,
    lessonsOpen: false,
    presentation: options.presentation ?? false,
    pendingCursorS: options.cursorS ?? null,
    pendingStudent: false,
    beforeLesson: null,
    gateAnswer: '',
    gateRevealed: false,
    actions,
  }
}

/** Whether the current lesson page has a prediction gate not yet revealed. */
export const selectGateOpen = (s: { readonly lesson: LessonAt | null; readonly gateRevealed: boolean }): boolean => {
  if (s.lesson === null || s.gateRevealed) return false
  return lessonById(s.lesson.id)?.pages[s.lesson.page]?.gate !== undefined
}
