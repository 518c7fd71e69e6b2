import { useEffect, useMemo, useState } from 'react'
import { coloringFor } from '../charts/colors.ts'
import { policies } from '../engine/policies/registry.ts'
import { holdersAt } from '../run-view/holders.ts'
import { clusterAt, referenceSlots } from '../run-view/idle.ts'
import { presetOf } from '../engine/modes/mode.ts'
import { nextToStart, queueAt } from '../run-view/queue.ts'
import { indexQueue } from '../run-view/queue-index.ts'
import { keyReadsEstimate, rankingFor } from '../run-view/ranking.ts'
import { stepTimes, timeAt } from '../run-view/time.ts'
import { useApp } from '../store/context.tsx'
import { selectAlgorithms, selectColorBy, selectCursorVersion, selectFocus, selectFocusTimeline, selectPrepared, selectRunScenario, selectRunStatus, selectSelectedTask } from '../store/selectors.ts'
import { useShownStep } from './use-shown-step.ts'
import { fmtKey, fmtTime } from './format.ts'
import { runSliced } from '../timing/scheduler.ts'

const SHOWN = 100
/** Row height (styles.css): rows are windowed, so only those in view are in the page. */
const ROW_PX = 25
/**
 * Height of the scroll box (its max-height in styles.css). Used as is rather than read from the
 * box: reading clientHeight while rendering would force a layout on every scrub.
 */
const VIEW_PX = 330

/** The waiting tasks at the cursor, in the order the focused algorithm ranks them. */
export function QueuePanel() {
  const focus = useApp(selectFocus)
  const step = useShownStep()
  const tl = useApp(selectFocusTimeline)
  const prepared = useApp(selectPrepared)
  // Re-rendered for a streamed batch only while it can change what the cursor shows.
  const version = useApp(selectCursorVersion)
  const scenario = useApp(selectRunScenario)
  const colorBy = useApp(selectColorBy)
  const selected = useApp(selectSelectedTask)
  const select = useApp((s) => s.actions.select)
  const setFocus = useApp((s) => s.actions.setFocus)
  const algorithms = useApp(selectAlgorithms)
  const status = useApp(selectRunStatus)
  // A policy disposed at run time may still be focused until the next run.
  const policy = policies.has(focus) ? policies.get(focus) : null
  const [scrollTop, setScrollTop] = useState(0)

  const colors = useMemo(
    () => coloringFor(scenario.tasks, colorBy).taskColor,
    [colorBy, scenario.tasks],
  )

  // Once the run is over, its queue is indexed in idle time (a pass over every task): scrubbing
  // then reads it without one per frame. (`status` re-runs this when the run ends: tl.done is
  // set on the same timeline object.)
  const ranking = useMemo(
    () => (prepared === null ? null : rankingFor(prepared, focus, scenario.tasks, stepTimes(scenario), tl)),
    [prepared, focus, scenario, tl],
  )
  useEffect(() => {
    const order = ranking?.order
    if (tl === undefined || !tl.done || order == null) return
    return runSliced(() => {
      indexQueue(tl, order)
      return true
    })
  }, [tl, ranking, status])

  const rejectedCount = useMemo(() => prepared?.rejections.reduce((n, r) => n + (r === null ? 0 : 1), 0) ?? 0, [prepared])
  const view = useMemo(() => {
    if (tl === undefined || prepared === null || ranking === null) return null
    const queue = queueAt(tl, step, ranking, SHOWN)
    const cluster = clusterAt(holdersAt(tl, step), prepared.nodes)
    // The task that actually starts next (backfill may start one below the head).
    const nextStart = nextToStart(tl, queue.head, step)
    // A policy written in the browser: what the first key that threw at this step said (the worker's answer).
    const keyError = policy?.userCode === true ? prepared.remoteKeys?.errorAt(focus, step) : undefined
    return { queue, cluster, nextStart, keys: queue.head.map((i) => ranking.keyAt(i, step)), keyError }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tl, prepared, ranking, step, version])

  const title = (
    <h2 className="panel-title">
      Queue{' '}
      <span className="sub">
        ranked by{' '}
        {algorithms.length > 1 ? (
          <select aria-label="Focused algorithm" value={focus} title={policy?.summary} onChange={(e) => setFocus(e.target.value)}>
            {algorithms.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        ) : (
          focus
        )}
      </span>
    </h2>
  )
  // Until a new run is prepared, the same frame with blanks: the panel neither collapses nor
  // grows back (the page below would jump, and the browser would lay it out twice).
  if (view === null)
    return (
      <>
        {title}
        <div className="queue-summary">
          <span>
            <strong>–</strong> waiting
          </span>
          <span>
            <strong>–</strong> GPUs free
          </span>
          <span>
            <strong>–</strong> running
          </span>
        </div>
        <p className="hint">{status === 'error' ? 'No queue: the simulation failed.' : status === 'cancelled' ? 'The run was cancelled.' : 'Simulating…'}</p>
      </>
    )
  const { queue, cluster } = view
  const { free, freePerNode, running } = cluster
  const pastHorizon = step >= prepared!.horizonStep
  // A key read off the mode's estimate, where that is not the time tasks run, says so.
  const preset = presetOf(scenario.mode)
  // A policy written in the browser has no key on the page (the worker runs it): never asked.
  const estimateNote = policy !== null && policy.userCode !== true && preset.kind === 'jobs' && keyReadsEstimate(policy) ? preset.estimator.note : undefined
  // Only the rows in view: every row in the page is text to lay out and paint again on each
  // cursor move (at 64× the head changes every frame). The header sticks over the top of the
  // box, whatever its height, so the rows in view lie between scrollTop − ROW_PX and
  // scrollTop + VIEW_PX (one spare row above).
  const first = Math.max(0, Math.floor(scrollTop / ROW_PX) - 1)
  const last = Math.min(queue.head.length, Math.ceil((scrollTop + VIEW_PX) / ROW_PX))
  return (
    <>
      {title}
      <div className="queue-summary">
        <span>
          <strong>{queue.length}</strong> waiting
        </span>
        <span>
          <strong>{free}</strong> of {prepared!.gpuCount} GPUs free
          {freePerNode.length > 1 && ` (per node: ${freePerNode.join(', ')})`}
        </span>
        <span>
          <strong>{running}</strong> running
        </span>
        {scenario.mode === 'reference' && (
          <span title="The reference's loop starts at most ⌊free GPUs / 2⌋ − running tasks in a step: it counts running tasks twice, as their GPUs are already not free. At 0 or below, no task starts.">
            reference slots <strong>{referenceSlots(cluster)}</strong> = ⌊{free} free / 2⌋ − {running} running
          </span>
        )}
        {rejectedCount > 0 && (
          <span className="tag" title="Tasks that can never fit on this cluster">
            {rejectedCount} rejected
          </span>
        )}
      </div>
      {pastHorizon && (
        <p className="notice warn" role="note">
          Past the max time of {fmtTime(scenario.maxTimeS)}: no task starts any more
          {queue.length === 0 ? '.' : queue.length === 1 ? '; the task waiting stays unfinished.' : `; the ${queue.length} tasks waiting stay unfinished.`}
        </p>
      )}
      {view.keyError !== undefined && (
        <p className="notice warn" role="note">{`The key failed at t = ${fmtTime(timeAt(scenario, step))} for the tasks marked “failed” (listed last): ${view.keyError}`}</p>
      )}
      {queue.length === 0 ? (
        <p className="hint">Nobody is waiting at t = {fmtTime(timeAt(scenario, step))}.</p>
      ) : (
        // Focusable, so that a long queue scrolls from the keyboard too.
        <div className="queue-scroll" role="group" aria-label="Waiting tasks" tabIndex={0} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
          <table className="queue-table" aria-label={`Queue ranked by ${focus}`}>
            {/* Fixed widths: the ranking column always shows; a long id is cut (its title has it all). */}
            <colgroup>
              <col className="q-rank" />
              <col />
              <col className="q-weight" />
              <col className="q-tokens" />
              <col className="q-key" />
            </colgroup>
            <thead>
              <tr>
                <th className="num">#</th>
                <th>Task</th>
                <th className="num">Weight</th>
                <th className="num">Tokens</th>
                <th className="num" title={estimateNote === undefined ? policy?.summary : `${policy?.summary ?? ''} Here it ranks by the ${estimateNote} of the remaining time, not by the time a task runs.`}>
                  {policy?.keyLabel ?? 'key'}
                  {estimateNote !== undefined && (
                    <>
                      {' '}
                      <span className="key-note" aria-hidden="true">
                        est.
                      </span>
                      <span className="visually-hidden">{estimateNote}</span>
                    </>
                  )}
                </th>
              </tr>
            </thead>
            <tbody>
              {first > 0 && <Spacer px={first * ROW_PX} />}
              {queue.head.slice(first, last).map((i, k) => {
                const rank = first + k
                const t = scenario.tasks[i]!
                const classes = [rank === 0 ? 'head-pick' : '', i === view.nextStart ? 'next-start' : '', i === selected ? 'selected' : ''].join(' ')
                // Keyed by place, not by task: when the cursor moves, the rows in view keep their
                // elements and only their text changes (new elements for every row cost a frame).
                return (
                  <tr key={rank} className={classes} onClick={() => select(i)}>
                    <td className="num">{rank + 1}</td>
                    <td title={`${t.id}: ${t.model}, ${t.phase}, arrived ${fmtTime(t.arrivalS)}`}>
                      {/* A long id is cut short, never its tag. */}
                      <div className="q-task">
                        <span className="task-swatch" style={{ background: colors[i] }} aria-hidden="true" />
                        <span className="q-id">{t.id}</span>
                        {rank === 0 && <span className="tag pick">next pick</span>}
                        {i === view.nextStart && rank !== 0 && <span className="tag next">starts next</span>}
                      </div>
                    </td>
                    <td className="num">{fmtKey(t.weight)}</td>
                    {/* One text node, not three: each changed node is laid out and painted. */}
                    <td className="num">{`${t.tokens} ${t.phase === 'prefill' ? 'P' : 'D'}`}</td>
                    {/* NaN: a key asked of the worker, failed there (its answer said why) or not back yet. */}
                    <td className="num">{Number.isNaN(view.keys[rank]!) ? (view.keyError === undefined ? '…' : 'failed') : fmtKey(view.keys[rank]!)}</td>
                  </tr>
                )
              })}
              {last < queue.head.length && <Spacer px={(queue.head.length - last) * ROW_PX} />}
            </tbody>
          </table>
          {queue.length > queue.head.length && <p className="hint">… and {queue.length - queue.head.length} more</p>}
        </div>
      )}
    </>
  )
}

/** Stands for the rows scrolled out of view, so the scroll bar keeps its size. */
function Spacer({ px }: { px: number }) {
  return (
    <tr aria-hidden="true" className="queue-spacer">
      <td colSpan={5} style={{ height: px }} />
    </tr>
  )
}
