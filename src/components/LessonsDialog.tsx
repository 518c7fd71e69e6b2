import { useRef } from 'react'
import { LESSONS } from '../lessons/index.ts'
import { useApp } from '../store/context.tsx'
import { selectActions } from '../store/selectors.ts'
import { useModalFocus } from './use-modal-focus.ts'

/** The lesson index: one button per lesson, with its one-line summary. */
export function LessonsDialog() {
  const open = useApp((s) => s.lessonsOpen)
  const current = useApp((s) => s.lesson?.id ?? null)
  const a = useApp(selectActions)
  const ref = useRef<HTMLButtonElement>(null)
  const box = useRef<HTMLDivElement>(null)
  useModalFocus(box, open, { initial: ref, onEscape: () => a.setLessonsOpen(false) })
  if (!open) return null
  return (
    <div className="dialog-backdrop" onClick={() => a.setLessonsOpen(false)}>
      <div ref={box} className="dialog lessons-dialog" role="dialog" aria-modal="true" aria-label="Lessons" onClick={(e) => e.stopPropagation()}>
        <h2>Lessons</h2>
        <p className="hint">Each lesson sets up the live view page by page; results stay hidden until you predict and reveal.</p>
        <ul className="lesson-list">
          {LESSONS.map((l, i) => (
            <li key={l.id}>
              <button
                ref={i === 0 ? ref : undefined}
                type="button"
                className="lesson-link"
                aria-current={l.id === current ? 'true' : undefined}
                aria-describedby={`lesson-summary-${l.id}`}
                onClick={() => a.startLesson(l.id)}
              >
                <span className="lesson-link-title">{l.title}</span>
                <span className="lesson-link-summary" id={`lesson-summary-${l.id}`}>
                  {l.summary}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <p style={{ textAlign: 'right', marginBottom: 0 }}>
          <button type="button" className="btn" onClick={() => a.setLessonsOpen(false)}>
            Close
          </button>
        </p>
      </div>
    </div>
  )
}
