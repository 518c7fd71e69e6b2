import { useRef } from 'react'
import { useApp } from '../store/context.tsx'
import { useModalFocus } from './use-modal-focus.ts'

/** What the page asks before running a policy a link brought (stable text). */
export const CONSENT_QUESTION = 'This link contains a policy written by someone else: run it?'
/** The same for a scenario file opened with Import. */
export const FILE_CONSENT_QUESTION = 'This file contains a policy written by someone else: run it?'

/**
 * Asks before the code of a policy written by someone else runs (issue 17), showing it. Until
 * answered, the scenario runs without it; declining keeps it that way, and the page says so.
 */
export function ConsentDialog() {
  const offer = useApp((s) => s.offeredPolicies)
  const accept = useApp((s) => s.actions.acceptPolicies)
  const decline = useApp((s) => s.actions.declinePolicies)
  const ref = useRef<HTMLButtonElement>(null)
  const box = useRef<HTMLDivElement>(null)
  // Escape declines: the safe answer is the one taken without reading.
  useModalFocus(box, offer !== null, { initial: ref, onEscape: decline })
  if (offer === null) return null
  const question = offer.from === 'file' ? FILE_CONSENT_QUESTION : CONSENT_QUESTION
  return (
    <div className="dialog-backdrop">
      <div ref={box} className="dialog consent" role="alertdialog" aria-modal="true" aria-label="Run a policy written by someone else?" aria-describedby="consent-question">
        <h2 id="consent-question">{question}</h2>
        <p className="hint">
          Its code runs only in the simulation worker, with a step budget, and cannot reach this page; still, run only code you are willing to run. Until you
          say so, the scenario runs without it.
        </p>
        {offer.policies.map((p) => (
          <section key={p.name} aria-label={`Policy ${p.name}`}>
            <h3>
              {p.name} <span className="sub">({p.higherFirst ? 'higher' : 'lower'} key first)</span>
            </h3>
            <pre>
              <code>{p.key}</code>
            </pre>
          </section>
        ))}
        <p className="dialog-buttons">
          <button type="button" className="btn" onClick={decline}>
            Open without it
          </button>{' '}
          <button ref={ref} type="button" className="btn" onClick={accept}>
            Run it
          </button>
        </p>
      </div>
    </div>
  )
}
