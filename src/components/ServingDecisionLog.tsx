import { describeServingDecision, servingDecisionsAt } from '../run-view/serving-decisions.ts'
import { useFocusAtCursor, type FocusAtCursor } from './use-focus-at-cursor.ts'
import { MOUNT_TURNS, useMountTurn } from './use-mount-turn.ts'

/** Decisions listed at one step at most (a burst of admissions); the rest are counted. */
const SHOWN = 50

/** The first SHOWN of the focused algorithm's decisions at the step as sentences, and how many there are. */
function decisionsAt({ focus, step, tl, prepared, scenario }: FocusAtCursor): { shown: string[]; count: number } {
  const info = prepared?.serving
  if (tl === undefined || prepared === null || info === undefined) return { shown: [], count: 0 }
  const at = servingDecisionsAt(tl, step)
  const context = {
    policy: focus,
    ids: scenario.tasks.map((t) => t.id),
    modelNames: Array.from(info.requestModel, (m, r) => (m >= 0 ? info.models[m]! : scenario.tasks[r]!.model)),
    rejections: prepared.rejections,
  }
  const shown = at.slice(0, SHOWN).map((d) => `t = ${Number(tl.serving.decisionTimeS.data[d]!.toFixed(3))} s: ${describeServingDecision(tl, d, context)}`)
  return { shown, count: at.length }
}

/**
 * Serving mode's decisions at the cursor for the focused algorithm: admissions, preemptions,
 * finishes and rejections, each a sentence with its time and reason.
 */
export function ServingDecisionLog() {
  const { focus, value: lines } = useFocusAtCursor(decisionsAt, useMountTurn(MOUNT_TURNS.decisions))

  return (
    <>
      <h2 className="panel-title">
        Decisions <span className="sub">{focus} at the cursor</span>
      </h2>
      <ul className="decision-list" aria-live="polite" aria-label="Decision explanations">
        {lines.count === 0 ? (
          <li className="hint">No admission, preemption or finish at this step.</li>
        ) : (
          lines.shown.map((text, i) => <li key={i}>{text}</li>)
        )}
        {lines.count > lines.shown.length && <li className="hint">{`and ${lines.count - lines.shown.length} more at this step`}</li>}
      </ul>
    </>
  )
}
