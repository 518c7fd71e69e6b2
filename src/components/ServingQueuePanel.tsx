import { useMemo } from 'react'
import { policies } from '../engine/policies/registry.ts'
import { replicaAt } from '../run-view/serving.ts'
import { remoteServingQueueAt, servingQueueAt } from '../run-view/serving-queue.ts'
import { timeAt } from '../run-view/time.ts'
import { useApp } from '../store/context.tsx'
import { selectAlgorithms, selectCursorVersion, selectFocus, selectFocusTimeline, selectRunScenario } from '../store/selectors.ts'
import { fmtKey, fmtTime } from './format.ts'
import { MOUNT_TURNS, useMountTurn } from './use-mount-turn.ts'
import { useShownStep } from './use-shown-step.ts'

/** Requests listed per queue, and replicas whose batch is listed (the rest are counted). */
export const QUEUE_SHOWN = 20
export const REPLICAS_SHOWN = 8
/**
 * Entries of a replica's batch listed (the rest are counted): a batch holds up to max_num_seqs
 * requests, and eight replicas' batches listed whole made the panel 13,000 px tall at a busy
 * instant of a 10,000-request run, the page relaid out and moved under the reader as it played.
 */
export const BATCH_SHOWN = 8
const KIND_NAMES = ['prefill', 'decode', 'recompute']

/**
 * Serving mode's queue panel, for the focused algorithm at the cursor: each model's waiting
 * requests in the policy's order with the key each has then, and each replica's running batch
 * with the tokens each request computes in this iteration.
 */
export function ServingQueuePanel() {
  const focus = useApp(selectFocus)
  const algorithms = useApp(selectAlgorithms)
  const setFocus = useApp((s) => s.actions.setFocus)
  const tl = useApp(selectFocusTimeline)
  // Until its mount turn the panel reads as before the run was prepared.
  const infoNow = useApp((s) => s.run.prepared?.serving)
  const info = useMountTurn(MOUNT_TURNS.queue) ? infoNow : undefined
  const scenario = useApp(selectRunScenario)
  const version = useApp(selectCursorVersion)
  const step = useShownStep()
  const remote = useApp((s) => s.run.prepared?.remoteKeys)
  const policy = policies.has(focus) ? policies.get(focus) : null
  const nowS = timeAt(scenario, step)

  const view = useMemo(() => {
    if (tl === undefined || info === undefined || policy === null) return null
    // A policy written in the browser has its key only in the simulation worker: the keys at
    // this step are asked of it (null until every one is back: no order shown before).
    const queues =
      policy.userCode === true
        ? info.models.map((_, m) =>
            remote === undefined ? null : remoteServingQueueAt(tl, info, m, step, (requests, generated) => remote.keysAt(focus, step, requests, generated), policy.higherFirst, QUEUE_SHOWN),
          )
        : info.models.map((_, m) => servingQueueAt(tl, info, m, step, nowS, policy, QUEUE_SHOWN))
    return {
      queues,
      // What the first key that threw here said (the worker's answer names the policy and line).
      error: policy.userCode === true ? remote?.errorAt(focus, step) : undefined,
      batches: info.replicas.slice(0, REPLICAS_SHOWN).map((_, r) => replicaAt(tl, info, r, step)),
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tl, info, policy, remote, focus, step, nowS, version])

  const id = (r: number) => scenario.tasks[r]?.id ?? String(r)
  return (
    <>
      <h2 className="panel-title">
        Queue{' '}
        <span className="sub">
          ranked by{' '}
          <select aria-label="Focused algorithm" value={focus} onChange={(e) => setFocus(e.target.value)}>
            {algorithms.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </span>
      </h2>
      {view === null || info === undefined || policy === null ? (
        <p className="hint">The queues show once the serving run has started.</p>
      ) : (
        <>
          {view.error !== undefined && (
            <p className="notice warn" role="note">{`The key failed at t = ${fmtTime(nowS)} for the requests marked “failed” (listed last): ${view.error}`}</p>
          )}
          {info.models.map((model, m) => {
            const q = view.queues[m]!
            if (q === null)
              return (
                <div key={model} className="serving-queue">
                  <h3 className="serving-queue-title">{`${model}: ranking at t = ${fmtTime(nowS)}…`}</h3>
                  <p className="hint">{`${focus}'s key runs in the simulation worker; the order shows once it has answered.`}</p>
                </div>
              )
            return (
              <div key={model} className="serving-queue">
                <h3 className="serving-queue-title">
                  {`${model}: ${q.length} waiting at t = ${fmtTime(nowS)}`}
                </h3>
                {q.length > 0 && (
                  <table className="queue-table" aria-label={`${model} queue`}>
                    <thead>
                      <tr>
                        <th scope="col">#</th>
                        <th scope="col">Request</th>
                        <th scope="col" className="num" title={policy.summary}>
                          {policy.servingKeyLabel}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {q.head.map((e, k) => (
                        <tr key={e.request}>
                          <td className="num">{k + 1}</td>
                          <td>{id(e.request)}</td>
                          <td className="num">{e.key === null ? 'failed' : fmtKey(e.key)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
                {q.length > q.head.length && <p className="hint">{`and ${q.length - q.head.length} more`}</p>}
              </div>
            )
          })}
          {/* In a box of its own height: the page around it stays put as the batches change. */}
          <div className="serving-batches" tabIndex={0} role="group" aria-label="Running batches">
            {view.batches.map((b, r) => {
              const replica = info.replicas[r]!
              return (
                <div key={r} className="serving-batch">
                  <h3 className="serving-queue-title">
                    {`Replica ${r} (${info.models[replica.model]}): ${b.segment < 0 ? 'idle' : `batch of ${b.requests.length}, ${b.tokens.reduce((x, y) => x + y, 0)} tokens this iteration`}`}
                  </h3>
                  {b.requests.length > 0 && (
                    <table className="queue-table" aria-label={`Replica ${r} batch`}>
                      <thead>
                        <tr>
                          <th scope="col">Request</th>
                          <th scope="col">Work</th>
                          <th scope="col" className="num">
                            Tokens
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {b.requests.slice(0, BATCH_SHOWN).map((q, k) => (
                          <tr key={q}>
                            <td>{id(q)}</td>
                            <td>{KIND_NAMES[b.kinds[k]!]}</td>
                            <td className="num">{b.tokens[k]}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                  {b.requests.length > BATCH_SHOWN && <p className="hint">{`and ${b.requests.length - BATCH_SHOWN} more in the batch`}</p>}
                </div>
              )
            })}
            {info.replicas.length > REPLICAS_SHOWN && <p className="hint">{`${REPLICAS_SHOWN} of ${info.replicas.length} replicas listed.`}</p>}
          </div>
        </>
      )}
    </>
  )
}
