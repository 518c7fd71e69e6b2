import { useEffect, useId, useRef } from 'react'
import { useApp } from '../store/context.tsx'

/**
 * Why a file was not imported, over the page: seen wherever the file was picked or dropped
 * (the editor may be scrolled out of view), and moving nothing on the page while it is shown.
 */
export function ImportProblemDialog() {
  const problem = useApp((s) => s.importProblem)
  const dismiss = useApp((s) => s.actions.setImportProblem)
  const button = useRef<HTMLButtonElement>(null)
  const titleId = useId()
  useEffect(() => {
    if (problem === null) return
    const before = document.activeElement
    button.current?.focus()
    return () => {
      if (before instanceof HTMLElement && before.isConnected) before.focus()
    }
  }, [problem])
  if (problem === null) return null
  const count = problem.lines.length
  return (
    <div className="dialog-backdrop" onClick={() => dismiss(null)}>
      <div
        className="dialog import-problem"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') dismiss(null)
        }}
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
