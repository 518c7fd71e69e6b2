import { useId, useRef } from 'react'
import { useApp } from '../store/context.tsx'
import { useModalFocus } from './use-modal-focus.ts'

/**
 * Why a file was not imported, over the page: seen wherever the file was picked or dropped
 * (the editor may be scrolled out of view), and moving nothing on the page while it is shown.
 */
export function ImportProblemDialog() {
  const problem = useApp((s) => s.importProblem)
  const dismiss = useApp((s) => s.actions.setImportProblem)
  const button = useRef<HTMLButtonElement>(null)
  const box = useRef<HTMLDivElement>(null)
  const titleId = useId()
  useModalFocus(box, problem !== null, { initial: button, onEscape: () => dismiss(null) })
  if (problem === null) return null
  const count = problem.lines.length
  return (
    <div className="dialog-backdrop" onClick={() => dismiss(null)}>
      <div
        ref={box}
        className="dialog import-problem"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id={titleId}>Import refused</h2>
        <div role="alert" className="notice error">
          <strong>
            {problem.fileName} was not imported; the scenario on screen is unchanged. {count === 1 ? 'Problem' : `${count} problems`}:
          </strong>
          <ul tabIndex={0} aria-label="Problems">
            {problem.lines.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
        </div>
        <p className="dialog-actions">
          <button ref={button} type="button" className="btn" onClick={() => dismiss(null)}>
            Dismiss
          </button>
        </p>
      </div>
    </div>
  )
}
