import { useMemo, useState } from 'react'
import { policies } from '../engine/policies/registry.ts'
import { workLeftOn } from '../run-view/work-left.ts'
import { useApp } from '../store/context.tsx'
import { selectActions, selectPrepared, selectRunScenario } from '../store/selectors.ts'
import { explainContextFor, explainDecision } from './explain.ts'
import { fmtKey, fmtTime } from './format.ts'
import { engineNode, nodeChoices, placementReason } from './predict.ts'
import './teach.css'

/** Waiting tasks offered as answers (in queue order); teaching scenarios have at most 10. */
const MAX_CHOICES = 40

/**
 * "Predict next": the question (which waiting task does the focused policy start next, then,
 * where it is a choice, on which node), each candidate with what the policies rank by, and once
 * answered the engine's pick and why. The answer is the engine's run, read off its segments.
 */
export function PredictPanel() {
  const prediction = useApp((s) => s.prediction)
  const run = useApp((s) => s.run)
  const prepared = useApp(selectPrepared)
  const scenario = useApp(selectRunScenario)
  const a = useApp(selectActions)
  const [none, setNone] = useState(false)

  const view = useMemo(() => {
    if (prediction === null || prepared === null) return null
    const tl = run.timelines[prediction.algorithm]
    if (tl === undefined) return null
    const ctx = explainContextFor(prepared, scenario, prediction.algorithm, tl)
    if (ctx === null) return null
    const { point } = prediction
    const now = ctx.timeOfStep(point.step)
    const work = (i: number) => (prepared.preemptive ? workLeftOn(tl, i, point.step, now, prepared.remaining[i]!) : prepared.remaining[i]!)
    const candidates = point.candidates.slice(0, MAX_CHOICES).map((i) => ({ i, spec: scenario.tasks[i]!, work: work(i), tp: prepared.tp[i]! }))
    const ranked = ctx.ranking.sort(point.candidates, point.step).map((i) => ({ i, key: ctx.keyAt(i, point.step) }))
    const tp = prepared.tp[point.task]!
    const choices = scenario.mode === 'exact' ? nodeChoices(point, prepared.nodes, tp) : []
    return { ctx, candidates, ranked, tp, choices, node: engineNode(point, prepared.nodes), why: explainDecision(tl, point.decision, ctx).text }
  }, [prediction, prepared, run, scenario])

  if (prediction === null || view === null) return null
  const { point, algorithm, picked } = prediction
  const policy = policies.get(algorithm)
  const id = (i: number) => scenario.tasks[i]!.id
  const t = fmtTime(view.ctx.timeOfStep(point.step))
  const askNode = picked !== null && view.choices.length > 1
  const next = () => setNone(!a.predictNext())
  const keyText = (key: number) => (policy.keyLabel.endsWith('(s)') ? fmtTime(key) : fmtKey(key))

  return (
    <section className="predict" aria-label="Prediction">
      <div className="predict-head">
        <h3 className="predict-title">
          Predict: which task does {algorithm} start next, at t = {t}?
        </h3>
        <button type="button" className="btn" onClick={a.closePrediction}>
          Close
        </button>
      </div>
      <p className="hint">
        {point.freeGpus.length} GPU{point.freeGpus.length === 1 ? '' : 's'} free
        {point.startedBefore.length > 0 && ` after ${point.startedBefore.map(id).join(', ')} started at this step`}
        {point.arrived.length > 0 && `; ${point.arrived.map(id).join(', ')} just arrived`}. {algorithm} ranks by {policy.keyLabel}: {policy.summary}
      </p>
      <ul className="predict-choices" aria-label="Waiting tasks">
        {view.candidates.map((c) => {
          const state = picked === null ? undefined : c.i === point.task ? 'engine' : c.i === picked ? 'wrong' : undefined
          return (
            <li key={c.i}>
              <button type="button" className="btn predict-choice" data-state={state} disabled={picked !== null} aria-pressed={picked === c.i} onClick={() => a.answerPrediction(c.i)}>
                <span className="predict-id">{c.spec.id}</span>
                <span className="predict-facts num">
                  arrived {fmtTime(c.spec.arrivalS)} · weight {fmtKey(c.spec.weight)} · work {fmtTime(c.work)}
                  {scenario.mode === 'exact' && ` · TP ${c.tp}`}
                </span>
              </button>
            </li>
          )
        })}
      </ul>
      {point.candidates.length > MAX_CHOICES && <p className="hint">The first {MAX_CHOICES} of {point.candidates.length} waiting tasks, in queue order.</p>}
      {picked !== null && (
        <div className="predict-answer" role="status">
          <p className={picked === point.task ? 'predict-right' : 'predict-wrong'}>
            {picked === point.task ? `Right: ${algorithm} starts ${id(point.task)}.` : `Not this time: ${algorithm} starts ${id(point.task)}, not ${id(picked)}.`}
          </p>
          <p>{view.why}</p>
          {point.preempted.length > 0 && (
            <p>
              To make room it preempts {point.preempted.map(id).join(' and ')}: {point.preempted.length === 1 ? 'it waits' : 'they wait'} again with the work left.
            </p>
          )}
          <p className="predict-ranking num">
            {algorithm}’s order by {policy.keyLabel}: {view.ranked.map((r) => `${id(r.i)} ${keyText(r.key)}`).join(' · ')}
          </p>
        </div>
      )}
      {askNode && (
        <div className="predict-nodes">
          <p>And on which node does {id(point.task)} (TP {view.tp}) start?</p>
          <div className="predict-node-buttons">
            {view.choices.map((c) => (
              <button
                key={c.node}
                type="button"
                className="btn predict-choice"
                disabled={prediction.node !== null}
                aria-pressed={prediction.node === c.node}
                data-state={prediction.node === null ? undefined : c.node === view.node ? 'engine' : c.node === prediction.node ? 'wrong' : undefined}
                onClick={() => a.answerNode(c.node)}
              >
                Node {c.node} ({c.free} free)
              </button>
            ))}
          </div>
          {prediction.node !== null && (
            <p role="status" className={prediction.node === view.node ? 'predict-right' : 'predict-wrong'}>
              {prediction.node === view.node ? 'Right' : 'Not this time'}: node {view.node} ({point.gpus.map((g) => `GPU ${g}`).join(', ')}). The engine places by {placementReason(view.choices, view.node, view.tp)}
            </p>
          )}
        </div>
      )}
      {picked !== null && (!askNode || prediction.node !== null) && (
        <div className="predict-next">
          <button type="button" className="btn" onClick={next}>
            Next question
          </button>
          {none && <span className="hint">{algorithm} starts nothing after this.</span>}
        </div>
      )}
    </section>
  )
}
