import { useState } from 'react'
import { useApp } from '../store/context.tsx'
import { selectActions, selectAlgorithms, selectRunStatus } from '../store/selectors.ts'
import { selectGateOpen } from '../store/slices/lesson.ts'
import { selectResultsHidden } from '../store/slices/teaching.ts'

/**
 * Predict, then reveal: "Hide results" keeps the results, the metric curves and the Gantt's
 * future hidden until "Reveal"; "Predict next" asks which task the focused algorithm starts
 * next; "First divergence" jumps to where two algorithms first decide differently.
 */
export function TeachBar() {
  const hideResults = useApp((s) => s.hideResults)
  const revealed = useApp((s) => s.revealed)
  const hidden = useApp(selectResultsHidden)
  // A lesson page's prediction gate has its own Reveal, which checks the answer first.
  const gateOpen = useApp(selectGateOpen)
  const status = useApp(selectRunStatus)
  const algorithms = useApp(selectAlgorithms)
  const focus = useApp((s) => s.focus)
  const a = useApp(selectActions)
  const [none, setNone] = useState<string | null>(null)
  const [pair, setPair] = useState<readonly [string, string] | null>(null)
  // The pair asked about, kept to the algorithms compared.
  const first = pair !== null && algorithms.includes(pair[0]) ? pair[0] : algorithms[0]!
  const second = pair !== null && algorithms.includes(pair[1]) && pair[1] !== first ? pair[1] : (algorithms.find((x) => x !== first) ?? first)
  const done = status === 'done'

  const blocked = useApp((s) => s.studentBlocked)
  const studentOn = useApp((s) => s.student !== null)

  const predict = () => {
    const asked = a.predictNext()
    setNone(asked ? null : `${focus} starts nothing after the cursor.`)
  }

  return (
    <div className="teach-bar" role="toolbar" aria-label="Teaching">
      <label className="switch" title="Hide the results, the metric curves and the schedule after the cursor until you reveal them">
        <input type="checkbox" role="switch" checked={hideResults} onChange={(e) => a.setHideResults(e.target.checked)} />
        Hide results
      </label>
      {hideResults && !revealed && !gateOpen && (
        <button type="button" className="btn reveal-btn" onClick={a.reveal} title="Show the results, the curves and the future">
          Reveal
        </button>
      )}
      {hideResults && revealed && <span className="teach-state">Revealed</span>}
      {hidden && !hideResults && <span className="teach-state">Results hidden until you answer</span>}
      <span className="teach-sep" aria-hidden="true" />
      <button type="button" className="btn" onClick={predict} disabled={!done} title={`Which task does ${focus} start next? Answer, then see whether the engine agrees`}>
        Predict next
      </button>
      {none !== null && <span className="teach-state">{none}</span>}
      <span className="teach-sep" aria-hidden="true" />
      <button type="button" className="btn" onClick={() => (studentOn ? a.closeStudent() : a.startStudent())} disabled={!done} aria-pressed={studentOn} title="Pick which task starts at each decision point yourself, then compare your schedule with the policies">
        Be the scheduler
      </button>
      {blocked !== null && (
        <span className="teach-state" role="status">
          {blocked}
        </span>
      )}
      {algorithms.length > 1 && (
        <>
          <span className="teach-sep" aria-hidden="true" />
          <label className="teach-field">
            Compare
            <select value={first} onChange={(e) => setPair([e.target.value, second])}>
              {algorithms.map((x) => (
                <option key={x}>{x}</option>
              ))}
            </select>
          </label>
          <label className="teach-field">
            with
            <select value={second} onChange={(e) => setPair([first, e.target.value])}>
              {algorithms
                .filter((x) => x !== first)
                .map((x) => (
                  <option key={x}>{x}</option>
                ))}
            </select>
          </label>
          <button type="button" className="btn" disabled={!done || first === second} onClick={() => a.showDivergence(first, second)} title="Jump to the first decision where the two differ">
            First divergence
          </button>
        </>
      )}
    </div>
  )
}
