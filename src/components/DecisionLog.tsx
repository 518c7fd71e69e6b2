import { useApp } from '../store/context.tsx'
import { useFocusAtCursor, type FocusAtCursor } from './use-focus-at-cursor.ts'
import { explainContextFor, explainStep } from './explain.ts'
import { selectPendingStep } from '../store/slices/teaching.ts'

/** The sentences of the focused algorithm's decisions at the step. */
function explainAt({ focus, step, tl, prepared, scenario }: FocusAtCursor) {
  if (tl === undefined || prepared === null) return []
  const ctx = explainContextFor(prepared, scenario, focus, tl)
  return ctx === null ? [] : explainStep(tl, step, ctx)
}

/**
 * Why the focused algorithm did what it did at the cursor, one sentence per decision. The
 * list is an aria-live region, so screen readers hear each step's decisions as the cursor moves.
 */
export function DecisionLog() {
  const { focus, step, value: lines } = useFocusAtCursor(explainAt)
  // A prediction waiting for its answer: this step's decisions are what it asks about.
  const pending = useApp(selectPendingStep)

  return (
    <>
      <h2 className="panel-title">
        Decisions <span className="sub">{focus} at the cursor</span>
      </h2>
      {/* Focusable: a long step's list scrolls, and a keyboard must be able to scroll it. */}
      <ul className="decision-list" aria-live="polite" aria-label="Decision explanations" tabIndex={0}>
        {pending === step ? (
          <li className="hint">Hidden until you answer the prediction above.</li>
        ) : lines.length === 0 ? (
          <li className="hint">No scheduling decision at this step. Shift + → jumps to the next one.</li>
        ) : (
          lines.map((l, i) => (
            <li key={i} className={l.kind}>
              {l.text}
            </li>
          ))
        )}
      </ul>
    </>
  )
}
