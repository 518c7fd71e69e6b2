import { useEffect, useMemo } from 'react'
import { policies } from '../engine/policies/registry.ts'
import { decisionPoint } from '../run-view/decision-point.ts'
import { holdersAt } from '../run-view/holders.ts'
import { queueAt } from '../run-view/queue.ts'
import type { Timeline } from '../run-view/timeline.ts'
import { timeAt } from '../run-view/time.ts'
import type { Scenario } from '../engine/types.ts'
import type { PreparedRun } from '../worker/protocol.ts'
import { useApp } from '../store/context.tsx'
import { selectActions, selectPrepared, selectRunScenario } from '../store/selectors.ts'
import { queueOrder } from '../store/slices/teaching.ts'
import { explainContextFor, explainDecision, explainStep } from './explain.ts'
import { fmtKey, fmtTime } from './format.ts'
import './teach.css'

/** Queue entries shown per side. */
const SHOWN = 12

interface Side {
  readonly algorithm: string
  readonly color: string
  /** The waiting tasks just before its decision, best first, with their keys. */
  readonly queue: readonly { readonly task: number; readonly key: number }[]
  readonly queueLength: number
  readonly picked: number
  readonly sentence: string
}

/** One algorithm's side at the divergence: its queue before its decision, and the reason. */
function sideOf(prepared: PreparedRun, scenario: Scenario, algorithm: string, tl: Timeline, decision: number, step: number, orderOf: Int32Array): Side | null {
  const ctx = explainContextFor(prepared, scenario, algorithm, tl)
  if (ctx === null) return null
  const color = policies.has(algorithm) ? policies.get(algorithm).color : '#6b7280'
  if (decision >= 0) {
    const point = decisionPoint(tl, decision, orderOf)
    const ranked = ctx.ranking.sort(point.candidates, step)
    return {
      algorithm,
      color,
      queue: ranked.slice(0, SHOWN).map((task) => ({ task, key: ctx.keyAt(task, step) })),
      queueLength: ranked.length,
      picked: point.task,
      sentence: explainDecision(tl, decision, ctx).text,
    }
  }
  // It starts nothing here: its queue after the step, and why (a wait sentence, or what holds it).
  const queue = queueAt(tl, step, ctx.ranking, SHOWN)
  const lines = explainStep(tl, step, ctx).filter((l) => l.kind === 'wait')
  const free = Array.from(holdersAt(tl, step)).filter((h) => h < 0).length
  const t = fmtTime(ctx.timeOfStep(step))
  const sentence =
    lines[0]?.text ??
    (queue.length === 0
      ? `t = ${t}: ${algorithm} has nothing waiting: every task that arrived by now has started.`
      : `t = ${t}: ${algorithm} starts nothing: ${free === 0 ? 'every GPU is busy' : `${free} GPU${free === 1 ? '' : 's'} free, too few for the head of its queue`}.`)
  return { algorithm, color, queue: queue.head.map((task) => ({ task, key: ctx.keyAt(task, step) })), queueLength: queue.length, picked: -1, sentence }
}

/**
 * "First divergence": where two algorithms first start different tasks (or at different
 * times), both queues side by side just before their decisions, each with its policy's reason;
 * the two picks are highlighted on the Gantt.
 */
export function DivergencePanel() {
  const divergence = useApp((s) => s.divergence)
  const run = useApp((s) => s.run)
  const prepared = useApp(selectPrepared)
  const scenario = useApp(selectRunScenario)
  const a = useApp(selectActions)

  const sides = useMemo(() => {
    const found = divergence?.found
    if (divergence === null || found == null || prepared === null) return null
    const orderOf = queueOrder(scenario.tasks)
    const ta = run.timelines[divergence.a]
    const tb = run.timelines[divergence.b]
    if (ta === undefined || tb === undefined) return null
    const sa = sideOf(prepared, scenario, divergence.a, ta, found.a, found.step, orderOf)
    const sb = sideOf(prepared, scenario, divergence.b, tb, found.b, found.step, orderOf)
    return sa === null || sb === null ? null : [sa, sb]
  }, [divergence, prepared, run, scenario])

  const picks = useMemo(() => (sides === null ? null : sides.map((s) => s.picked).filter((p) => p >= 0)), [sides])
  useEffect(() => {
    if (picks === null || picks.length === 0) return
    a.setHighlight({ tasks: picks, label: 'First divergence' })
    return () => a.setHighlight(null)
  }, [picks, a])

  if (divergence === null) return null
  const id = (i: number) => scenario.tasks[i]!.id
  const found = divergence.found
  const t = found === null ? '' : fmtTime(timeAt(scenario, found.step))
  return (
    <section className="divergence" aria-label="First divergence">
      <div className="divergence-head">
        <h3 className="divergence-title">
          {found === null
            ? `${divergence.a} and ${divergence.b} never diverge`
            : `First divergence of ${divergence.a} and ${divergence.b}: t = ${t}`}
        </h3>
        <button type="button" className="btn" onClick={a.closeDivergence}>
          Close
        </button>
      </div>
      {found === null ? (
        <p>They start the same tasks at the same times throughout this run.</p>
      ) : (
        <>
          <p className="hint">
            {found.shared === 0 ? 'Their very first starts differ.' : `They agreed on the first ${found.shared} start${found.shared === 1 ? '' : 's'}.`} Each queue is shown just before its
            decision, best first by its own key; the picks are highlighted on the Gantt.
          </p>
          {sides !== null && (
            <div className="divergence-sides">
              {sides.map((side) => (
                <div key={side.algorithm} className="divergence-side" style={{ borderLeftColor: side.color }} aria-label={`${side.algorithm} at the divergence`} role="group">
                  <h4>
                    {side.algorithm} {side.picked >= 0 ? `starts ${id(side.picked)}` : 'starts nothing'}
                  </h4>
                  <p>{side.sentence}</p>
                  <ol className="divergence-queue" aria-label={`${side.algorithm}'s queue`}>
                    {side.queue.map((q) => (
                      <li key={q.task} className={q.task === side.picked ? 'picked' : undefined}>
                        <span>{id(q.task)}</span>
                        <span className="key">
                          {policies.has(side.algorithm) ? policies.get(side.algorithm).keyLabel : 'key'} {fmtKey(q.key)}
                        </span>
                      </li>
                    ))}
                  </ol>
                  {side.queueLength > side.queue.length && <p className="hint">and {side.queueLength - side.queue.length} more waiting</p>}
                </div>
              ))}
            </div>
          )}
        </>
      )}
    </section>
  )
}
