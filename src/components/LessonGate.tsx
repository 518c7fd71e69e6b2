import { useId, useMemo } from 'react'
import { checkAnswer, engineAnswer, gateOptions } from '../lessons/gates.ts'
import type { Gate } from '../lessons/lesson.ts'
import type { LessonRun } from '../lessons/lesson-run.ts'
import { useApp } from '../store/context.tsx'
import { selectActions } from '../store/selectors.ts'
import { lessonBreakdown } from './lesson-breakdown.ts'

/**
 * A prediction gate: the student commits an answer (a choice, a task, or a number), then
 * "Reveal" shows the engine's answer, right or wrong, with the formula and the breakdown by
 * task (the tasks highlighted on the Gantt). The answer is the engine's, computed from the run.
 */
export function LessonGate({ gate, run }: { readonly gate: Gate; readonly run: LessonRun }) {
  const answer = useApp((s) => s.gateAnswer)
  const revealed = useApp((s) => s.gateRevealed)
  const a = useApp(selectActions)
  const id = useId()
  const options = useMemo(() => gateOptions(gate, run), [gate, run])
  const explained = useMemo(() => (gate.explain.metric === undefined ? null : lessonBreakdown(run, gate.explain.metric.id, gate.explain.metric.algorithm)), [gate, run])

  const reveal = () => {
    a.revealGate()
    if (explained !== null && explained.breakdown.tasks.length > 0) a.setHighlight({ tasks: explained.breakdown.tasks, label: explained.name })
  }
  const verdict = answer.trim() === '' ? null : checkAnswer(gate, run, answer)

  return (
    <form
      className="lesson-gate"
      aria-label="Prediction"
      onSubmit={(e) => {
        e.preventDefault()
        if (!revealed) reveal()
      }}
    >
      <p className="lesson-question" id={`${id}-q`}>
        {gate.question}
      </p>
      {gate.kind === 'number' ? (
        <label className="lesson-number">
          <span className="visually-hidden">{gate.question}</span>
          <input type="text" inputMode="decimal" value={answer} disabled={revealed} onChange={(e) => a.setGateAnswer(e.target.value)} aria-describedby={`${id}-q`} />
          {gate.unit !== '' && <span className="lesson-unit">{gate.unit}</span>}
        </label>
      ) : (
        <div role="radiogroup" aria-labelledby={`${id}-q`} className="lesson-options">
          {options.map((o) => (
            <label key={o} className="lesson-option">
              <input type="radio" name={`${id}-answer`} value={o} checked={answer === o} disabled={revealed} onChange={() => a.setGateAnswer(o)} />
              {o}
            </label>
          ))}
        </div>
      )}
      {!revealed && (
        <p className="lesson-gate-actions">
          <button type="submit" className="btn reveal-btn">
            Reveal
          </button>
          <span className="hint">{answer.trim() === '' ? 'Commit your answer first, then reveal.' : 'Answer committed: reveal the engine’s.'}</span>
        </p>
      )}
      {revealed && (
        <div className="lesson-reveal" role="status">
          <p className={`lesson-verdict ${verdict !== null && 'correct' in verdict && verdict.correct ? 'right' : 'wrong'}`}>
            {verdict === null
              ? 'No answer committed.'
              : 'invalid' in verdict
                ? `Your answer: ${verdict.invalid}.`
                : verdict.correct
                  ? `Right: ${answer.trim()}.`
                  : `Not quite: you said ${answer.trim()}.`}{' '}
            The engine’s answer: <strong className="num">{engineAnswer(gate, run)}</strong>
          </p>
          <p>{gate.explain.why(run)}</p>
          {explained !== null && (
            <div className="lesson-breakdown">
              <p className="breakdown-formula">
                {explained.name} of {gate.explain.metric!.algorithm}: {explained.formula}
              </p>
              <p className="breakdown-equation num">{explained.breakdown.equation}</p>
            </div>
          )}
        </div>
      )}
    </form>
  )
}
