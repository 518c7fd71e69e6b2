import { useId } from 'react'
import type { Metrics } from '../engine/results.ts'
import { shallow } from 'zustand/shallow'
import type { AppState } from '../store/app-store.ts'
import { useApp } from '../store/context.tsx'
import { usePolicies } from './use-policies.ts'
import { timeAt } from '../run-view/time.ts'
import { AlgorithmTable, bestOf, rowsOf } from './AlgorithmTable.tsx'
import { fmt3, fmtPercent, fmtTime } from './format.ts'
import './metrics.css'
import { ServingResultsTable } from './ServingResultsTable.tsx'
import { selectResultsHidden } from '../store/slices/teaching.ts'
import type { MetricId } from './metric-breakdown.ts'
import { MetricValue } from './MetricValue.tsx'
import { useAfterPublish } from './use-after-publish.ts'

export interface Column {
  readonly label: string
  /** Which number it is, for its formula and breakdown (MetricValue). */
  readonly metric: MetricId
  /** The formula or unit, under the label. */
  readonly detail: string
  /** What the number is, in a sentence (the header's tooltip). */
  readonly title: string
  readonly value: (m: Metrics) => number
  readonly format: (x: number) => string
  /** Which end is better, to mark the best algorithm (when the runs are comparable). */
  readonly better?: 'lower' | 'higher'
}

export const COLUMNS: readonly Column[] = [
  {
    label: 'Weighted flow',
    metric: 'weightedFlow',
    detail: 'Σ w·(C − A)',
    title: 'Σ weight × (completion − arrival) over completed tasks: the reference’s weighted “waiting time”. Lower is better.',
    value: (m) => m.weighted_waiting_time,
    format: fmt3,
    better: 'lower',
  },
  {
    label: 'Mean flow',
    metric: 'meanFlow',
    detail: 'C − A',
    title: 'Mean of completion − arrival over completed tasks (the reference’s average “waiting time”).',
    value: (m) => m.average_waiting_time,
    format: fmt3,
    better: 'lower',
  },
  {
    label: 'Mean queueing delay',
    metric: 'meanDelay',
    detail: 'start − A',
    title: 'Mean time from arrival to start over completed tasks: time spent waiting in the queue.',
    value: (m) => m.average_queueing_delay,
    format: fmt3,
    better: 'lower',
  },
  {
    label: 'p95 flow',
    metric: 'p95Flow',
    detail: 'C − A',
    title: '95th percentile of completion − arrival over completed tasks: the slow tail.',
    value: (m) => m.p95_flow_time,
    format: fmt3,
    better: 'lower',
  },
  {
    label: 'Makespan',
    metric: 'makespan',
    detail: 'last C',
    title: 'Time at which the last completed task finished.',
    value: (m) => m.makespan,
    format: fmt3,
    better: 'lower',
  },
]

/** The headers of the columns after COLUMNS, in the same form. */
const MORE_HEADERS: readonly Pick<Column, 'label' | 'detail' | 'title'>[] = [
  { label: 'Completed', detail: 'of total', title: 'Tasks completed / tasks in the workload.' },
  { label: 'Unfinished', detail: 'not started', title: 'Tasks that never started before max time.' },
  { label: 'Rejected', detail: 'never fit', title: 'Tasks that can never fit on this cluster.' },
  { label: 'GPU utilization', detail: 'busy share', title: 'Busy GPU-seconds / (GPUs × makespan).' },
  { label: 'vs FIFO', detail: 'improvement', title: 'How much lower the weighted flow Σ w·(C − A) is than FIFO’s: (FIFO − this) / FIFO.' },
]

/** (FIFO − x) / FIFO of the weighted flow: how much lower than FIFO's it is. */
function improvementOverFifo(a: string, metrics: Readonly<Record<string, Metrics>>): string {
  const fifo = metrics.FIFO?.weighted_waiting_time
  const own = metrics[a]?.weighted_waiting_time
  if (a === 'FIFO' || fifo === undefined || own === undefined || !(fifo > 0)) return '—'
  const ratio = (fifo - own) / fifo
  return ratio < 0 ? `−${fmtPercent(-ratio)}` : fmtPercent(ratio)
}

/**
 * What the table shows of the run, read a frame after the rest of the page in a run of
 * SPLIT_FRAME_TASKS or more (useAfterPublish): the frame that shows such a run's end fits and
 * draws every Gantt view and rebuilds their axes, and the table's rendering and layout in it
 * too made it one of the run's longest (29 ms of thread time, 53–87 ms wall on a loaded
 * machine). The run's end is read only once it is done (it moves with every publication).
 */
const selectShownResults = (s: AppState) =>
  [s.run.status, s.run.metrics, s.run.servingMetrics, s.run.status === 'done' ? timeAt(s.run.scenario, s.run.endStep) : 0, s.run.scenario.mode === 'serving'] as const

/**
 * The final results per algorithm, exactly as the engine computed them, once the run is done;
 * with the improvement over FIFO and warnings where the numbers cannot be compared.
 */
export function ResultsTable() {
  const [status, metrics, servingMetrics, endS, serving] = useAfterPublish(selectShownResults, shallow)
  const registered = usePolicies()
  const headingId = useId()
  const hidden = useApp(selectResultsHidden)

  // The table's name stays "Results"; what its numbers are is said beside it: the final values,
  // wherever the cursor is (the charts above show the values at the cursor).
  const heading = (
    <h3 className="results-title">
      <span id={headingId}>Results</span>
      {/* While results are hidden, the run's end (its makespan) is not said either. */}
      {status === 'done' && (
        <span className="sub">{hidden ? ' final values, at the end of the run' : ` final values, at the end of the run (t = ${fmtTime(endS)}), wherever the cursor is`}</span>
      )}
    </h3>
  )
  // Predict, then reveal: not a number until the student asks for them.
  if (hidden)
    return (
      <div className="results">
        {heading}
        <p className="results-hidden">Hidden: predict first, then press Reveal (above) to see every algorithm’s results.</p>
      </div>
    )
  if (status === 'running')
    return (
      <div className="results">
        {heading}
        <p className="results-pending" role="status">
          Simulating… the final numbers appear when every algorithm has finished.
        </p>
      </div>
    )
  if (status === 'error')
    return (
      <div className="results">
        {heading}
        <p className="results-pending">No results: the simulation failed.</p>
      </div>
    )

  if (status === 'done' && serving) return <ServingResultsTable metrics={servingMetrics} />

  // In the registry's order, so the table, the charts and the algorithm list agree.
  const rows = rowsOf(registered, metrics)
  if (status !== 'done' || rows.length === 0) return null

  const counts = new Set(rows.map((r) => r.m.completed_count))
  const comparable = counts.size === 1
  // Marking a best value among runs that completed different tasks would mislead.
  const best = new Map(COLUMNS.map((c) => [c, comparable ? bestOf(rows, c.value, c.better) : new Set<string>()]))
  const bestUtilization = comparable ? bestOf(rows, (m) => m.gpu_utilization, 'higher') : new Set<string>()

  return (
    <div className="results">
      {heading}
      {!comparable && (
        <p className="notice warn" role="note">
          {`Algorithms completed different numbers of tasks (${rows.map((r) => `${r.a} ${r.m.completed_count} of ${r.m.total_count}`).join(', ')}): their sums and means over completed tasks are not comparable. A task left unfinished adds nothing to them, so fewer completions can look better.`}
        </p>
      )}
      <AlgorithmTable
        labelledBy={headingId}
        head={[...COLUMNS, ...MORE_HEADERS].map((c) => (
          <th scope="col" className="num" key={c.label} title={c.title}>
            {c.label}{' '}
            <span className="col-detail">{c.detail}</span>
          </th>
        ))}
        rows={rows}
        cells={({ a, m }) => (
          <>
            {COLUMNS.map((c) => (
              <td key={c.label} className={best.get(c)!.has(a) ? 'num best' : 'num'} data-label={c.label}>
                <MetricValue metric={c.metric} algorithm={a} atS={null}>
                  {c.format(c.value(m))}
                </MetricValue>
              </td>
            ))}
            <td className="num" data-label="Completed">
              <MetricValue metric="completed" algorithm={a} atS={null}>{`${m.completed_count} / ${m.total_count}`}</MetricValue>
            </td>
            <td className={m.unfinished_count > 0 ? 'num flagged' : 'num'} data-label="Unfinished">
              <MetricValue metric="unfinished" algorithm={a} atS={null}>
                {m.unfinished_count}
              </MetricValue>
            </td>
            <td className={m.rejected_count > 0 ? 'num flagged' : 'num'} data-label="Rejected">
              <MetricValue metric="rejected" algorithm={a} atS={null}>
                {m.rejected_count}
              </MetricValue>
            </td>
            <td className={bestUtilization.has(a) ? 'num best' : 'num'} data-label="GPU utilization">
              <MetricValue metric="utilization" algorithm={a} atS={null}>
                {fmtPercent(m.gpu_utilization)}
              </MetricValue>
            </td>
            <td className="num" data-label="vs FIFO">
              {a === 'FIFO' || metrics.FIFO === undefined ? (
                improvementOverFifo(a, metrics)
              ) : (
                <MetricValue metric="vsFifo" algorithm={a} atS={null}>
                  {improvementOverFifo(a, metrics)}
                </MetricValue>
              )}
            </td>
          </>
        )}
      />
      <p className="results-notes">
        Times in seconds, over completed tasks only. Flow time = completion − arrival (C − A; the reference calls it “waiting
        time”); queueing delay = start − arrival. <strong>Bold</strong>: the best value, shown only when every algorithm
        completed the same tasks. vs FIFO = how much lower the weighted flow is than FIFO’s, (FIFO − this) / FIFO. Unfinished = never started before max time. Rejected = can never fit on this cluster, whatever
        the algorithm.
      </p>
    </div>
  )
}
