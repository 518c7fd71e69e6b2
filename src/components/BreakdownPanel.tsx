import { useEffect, useMemo, useRef } from 'react'
import type { Metrics } from '../engine/results.ts'
import type { Scenario } from '../engine/types.ts'
import type { PreparedRun } from '../worker/protocol.ts'
import type { Timeline } from '../run-view/timeline.ts'
import { holdersAt } from '../run-view/holders.ts'
import { queueAt } from '../run-view/queue.ts'
import { rankingFor } from '../run-view/ranking.ts'
import { taskRecords } from '../run-view/task-records.ts'
import { stepTimes } from '../run-view/time.ts'
import { useApp } from '../store/context.tsx'
import { selectActions, selectPrepared, selectRunScenario } from '../store/selectors.ts'
import { selectResultsHidden } from '../store/slices/teaching.ts'
import { fmt3, fmtPercent, fmtTime } from './format.ts'
import { breakdownOf, METRIC_FORMULAS, type BreakdownInput, type MetricId } from './metric-breakdown.ts'

/** The final numbers as the Results table writes them. */
const FINAL: Partial<Record<MetricId, (m: Metrics) => string>> = {
  weightedFlow: (m) => fmt3(m.weighted_waiting_time),
  meanFlow: (m) => fmt3(m.average_waiting_time),
  meanDelay: (m) => fmt3(m.average_queueing_delay),
  p95Flow: (m) => fmt3(m.p95_flow_time),
  makespan: (m) => fmt3(m.makespan),
  completed: (m) => `${m.completed_count} / ${m.total_count}`,
  unfinished: (m) => String(m.unfinished_count),
  rejected: (m) => String(m.rejected_count),
  utilization: (m) => fmtPercent(m.gpu_utilization),
}

/**
 * The breakdown of the number last clicked (a Results cell or a chart readout): its formula
 * with every task's term, grouped where terms repeat, and those tasks highlighted on the Gantt.
 */
export function BreakdownPanel() {
  const target = useApp((s) => s.explained)
  const hidden = useApp(selectResultsHidden)
  const run = useApp((s) => s.run)
  const prepared = useApp(selectPrepared)
  const scenario = useApp(selectRunScenario)
  const a = useApp(selectActions)
  const ref = useRef<HTMLElement>(null)

  const shown = useMemo(() => {
    if (target === null || hidden || prepared === null || run.status !== 'done') return null
    const metric = target.metric as MetricId
    const tl = run.timelines[target.algorithm]
    if (tl === undefined || !(metric in METRIC_FORMULAS)) return null
    const records = taskRecords(tl, target.atS ?? Infinity)
    const rejected = prepared.rejections.flatMap((r, i) => (r === null ? [] : [i]))
    const step = run.endStep
    const cursor = target.atS === null ? null : stepAtTime(scenario, target.atS, step)
    const waiting = cursor === null ? undefined : waitingAt(prepared, target.algorithm, scenario, tl, cursor)
    const holding = cursor === null || metric !== 'utilization' ? undefined : [...new Set(Array.from(holdersAt(tl, cursor)).filter((h) => h >= 0))]
    const fifo = run.metrics.FIFO?.weighted_waiting_time
    const input: BreakdownInput = { tasks: scenario.tasks, records, gpuCount: tl.gpuCount, atS: target.atS, rejected, ...(waiting && { waiting }), ...(holding && { holding }), ...(fifo !== undefined && { fifoWeightedFlow: fifo }) }
    const value = valueText(metric, run.metrics[target.algorithm], input)
    return { metric, breakdown: breakdownOf(metric, value, input) }
  }, [target, hidden, prepared, run, scenario])

  // The tasks of the breakdown, marked on the Gantt while it is open.
  const tasks = shown?.breakdown.tasks
  useEffect(() => {
    if (tasks === undefined || target === null) return
    a.setHighlight({ tasks, label: `${METRIC_FORMULAS[target.metric as MetricId]?.name ?? target.metric} of ${target.algorithm}` })
    return () => a.setHighlight(null)
  }, [tasks, target, a])
  useEffect(() => {
    if (shown !== null) ref.current?.scrollIntoView?.({ block: 'nearest' })
  }, [shown])

  if (target === null || shown === null) return null
  const { name, formula } = METRIC_FORMULAS[shown.metric]
  const { breakdown } = shown
  return (
    <section className="breakdown" aria-label="Breakdown" ref={ref}>
      <div className="breakdown-head">
        <h3 className="breakdown-title">
          {name} of {target.algorithm} <span className="sub">{target.atS === null ? 'final' : `at t = ${fmtTime(target.atS)}`}</span>
        </h3>
        <button type="button" className="btn" onClick={() => a.explain(null)}>
          Close
        </button>
      </div>
      <p className="breakdown-formula">{formula}</p>
      <p className="breakdown-equation num">{breakdown.equation}</p>
      {breakdown.note !== null && <p className="hint">{breakdown.note}</p>}
      {breakdown.terms.length > 0 && (
        <ul className="breakdown-terms" aria-label="Terms by task">
          {breakdown.terms.slice(0, 40).map((t, k) => (
            <li key={k}>
              <span className="num">{t.text}</span>
              {t.tasks.length > 0 && <span className="breakdown-tasks">{names(scenario.tasks, t.tasks)}</span>}
            </li>
          ))}
        </ul>
      )}
      {breakdown.tasks.length > 0 && <p className="hint">Highlighted on the Gantt chart: the {breakdown.tasks.length} task{breakdown.tasks.length === 1 ? '' : 's'} above.</p>}
    </section>
  )
}

const names = (tasks: readonly { readonly id: string }[], list: readonly number[]) =>
  list.length <= 8 ? list.map((i) => tasks[i]!.id).join(', ') : `${list.slice(0, 8).map((i) => tasks[i]!.id).join(', ')} and ${list.length - 8} more`

function stepAtTime(scenario: Scenario, atS: number, endStep: number): number {
  const time = stepTimes(scenario)
  let lo = 0
  let hi = endStep
  // The last step whose time is at most atS (steps are what the cursor moves by).
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (time(mid) <= atS + 1e-9 * Math.max(1, atS)) lo = mid
    else hi = mid - 1
  }
  return lo
}

function waitingAt(prepared: PreparedRun, algorithm: string, scenario: Scenario, tl: Timeline, step: number): number[] {
  const ranking = rankingFor(prepared, algorithm, scenario.tasks, stepTimes(scenario), tl)
  return ranking === null ? [] : queueAt(tl, step, ranking).head
}

/** The number the breakdown explains, as the table or the chart shows it. */
function valueText(metric: MetricId, m: Metrics | undefined, input: BreakdownInput): string {
  const { records } = input
  if (input.atS === null && m !== undefined) {
    if (metric === 'vsFifo') {
      const fifo = input.fifoWeightedFlow
      if (fifo === undefined || !(fifo > 0)) return '—'
      const ratio = (fifo - m.weighted_waiting_time) / fifo
      return ratio < 0 ? `−${fmtPercent(-ratio)}` : fmtPercent(ratio)
    }
    const f = FINAL[metric]
    if (f !== undefined) return f(m)
  }
  if (metric === 'queueLength') return String(input.waiting?.length ?? 0)
  if (metric === 'utilization') {
    const held = (input.holding ?? []).reduce((n, i) => n + records.gpus[i]!, 0)
    return fmtPercent(input.gpuCount > 0 ? held / input.gpuCount : 0)
  }
  // Σ w·(C − A) by then, in input order as the engine sums it.
  let sum = 0
  for (let i = 0; i < records.completed.length; i++) if (records.completed[i] === 1) sum += input.tasks[i]!.weight * (records.completionS[i]! - input.tasks[i]!.arrivalS)
  return fmt3(sum)
}
