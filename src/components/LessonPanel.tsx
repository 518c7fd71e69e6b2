import { useMemo } from 'react'
import { lessonById } from '../lessons/index.ts'
import { lessonRun } from '../lessons/lesson-run.ts'
import { useApp } from '../store/context.tsx'
import { selectActions } from '../store/selectors.ts'
import { LessonGate } from './LessonGate.tsx'
import './lessons.css'

/**
 * The current lesson page: its title, the formula it teaches, its text (every number in it
 * from the engine's run of the page's scenario), its prediction gate, and the page controls.
 * The live view below shows what the page set.
 */
export function LessonPanel() {
  const at = useApp((s) => s.lesson)
  const revealed = useApp((s) => s.gateRevealed)
  const a = useApp(selectActions)
  const lesson = at === null ? undefined : lessonById(at.id)
  const page = lesson?.pages[at!.page]
  // The page's scenario, run here by the same engine as the worker's (small scenarios).
  const run = useMemo(() => (page === undefined ? null : lessonRun(page.view.scenario(), page.view.algorithms)), [page])
  if (at === null || lesson === undefined || page === undefined || run === null) return null
  const last = lesson.pages.length - 1
  const showAfter = page.after !== undefined && (page.gate === undefined || revealed)
  return (
    <section className="panel lesson-panel" aria-label="Lesson">
      <h2 className="lesson-title">{page.title}</h2>
      <p className="lesson-where">
        {lesson.title} · page {at.page + 1} of {lesson.pages.length}
      </p>
      <p className="lesson-formula">{page.formula}</p>
      <p className="lesson-text">{page.text(run)}</p>
      {page.gate !== undefined && <LessonGate key={`${at.id}:${at.page}`} gate={page.gate} run={run} />}
      {showAfter && <p className="lesson-text">{page.after!(run)}</p>}
      <nav className="lesson-nav" aria-label="Lesson pages">
        <button type="button" className="btn" disabled={at.page === 0} onClick={() => a.turnPage(-1)}>
          Previous page
        </button>
        <button type="button" className="btn" disabled={at.page === last} onClick={() => a.turnPage(1)}>
          Next page
        </button>
        <span className="lesson-nav-gap" />
        <button type="button" className="btn" onClick={() => a.setLessonsOpen(true)}>
          All lessons
        </button>
        <button type="button" className="btn" onClick={a.leaveLesson}>
          Leave lesson
        </button>
      </nav>
    </section>
  )
}
