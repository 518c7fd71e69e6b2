import { useShownStep } from './use-shown-step.ts'
import { memo, useEffect, useMemo, useRef, useState } from 'react'
import type { ChartLine } from '../charts/line-chart.ts'
import { valueAt, type AlgorithmSeries } from '../run-view/series.ts'
import type { PreparedRun } from '../worker/protocol.ts'
import { seriesComputer, snapshotTimeline, type SeriesResult } from '../worker/series-client.ts'
import { policies } from '../engine/policies/registry.ts'
import { policyColor } from '../charts/palette.ts'
import { timeAt, windowEndS } from '../run-view/time.ts'
import { useApp } from '../store/context.tsx'
import { fmt3, fmtPercent, fmtTick, fmtTime } from './format.ts'
import { TimeLineFigure } from './TimeLineFigure.tsx'
import './metrics.css'
import { selectDimFuture, selectEndStep, selectPrepared, selectRunScenario, selectRunStatus, selectRunTasks } from '../store/selectors.ts'
import { selectResultsHidden } from '../store/slices/teaching.ts'
import type { MetricId } from './metric-breakdown.ts'
import { MetricValue } from './MetricValue.tsx'

/**
 * While a run streams, recompute the curves at most this often (each pass is O(n log n)), and
 * never more than a tenth of the time: big runs redraw less often rather than stall the page.
 */
const STREAM_REDRAW_MS = 250
const MAX_BUSY_SHARE = 0.1
const CHART_HEIGHT = 230

interface Curves {
  /** The run they were computed from: curves of an earlier run are never shown with this one. */
  readonly prepared: PreparedRun
  readonly byAlgorithm: SeriesResult
  /** Wall time from request to curves (the work runs elsewhere; this paces streamed updates). */
  readonly costMs: number
  /** Why there are none, if their computation failed. */
  readonly error?: string
}
/** Width before the first measurement (and in jsdom, which lays nothing out). */
const FALLBACK_WIDTH = 380

interface ChartSpec {
  readonly key: keyof AlgorithmSeries
  /** The number its readout explains (MetricValue). */
  readonly metric: MetricId
  readonly title: string
  readonly explain: (gpuCount: number) => string
  readonly yLabel: string
  readonly integers?: boolean
  /** Fixed top of the y axis (else the largest value of any algorithm). */
  readonly yMax?: number
  readonly yFormat?: (v: number) => string
  readonly format: (v: number) => string
}

const CHARTS: readonly ChartSpec[] = [
  {
    key: 'weightedFlow',
    metric: 'weightedFlow',
    title: 'Weighted flow time, accumulated',
    explain: () =>
      'Σ weight × (completion − arrival) over the tasks completed so far; lower is better. The reference calls this flow time C − A “waiting time”.',
    yLabel: 'Σ w·(C − A)  (s)',
    yFormat: fmtTick,
    format: fmt3,
  },
  {
    key: 'queueLength',
    metric: 'queueLength',
    title: 'Queue length',
    explain: () => 'Tasks that have arrived but not started, after each step’s scheduling. Rejected tasks never join the queue.',
    yLabel: 'tasks waiting',
    integers: true,
    format: String,
  },
  {
    key: 'utilization',
    metric: 'utilization',
    title: 'GPU utilization',
    explain: (gpus) => `Share of the cluster’s ${gpus} GPUs held by running tasks at each moment.`,
    yLabel: 'GPUs busy',
    yMax: 1,
    yFormat: (v) => `${Math.round(v * 100)} %`,
    format: fmtPercent,
  },
]

/**
 * The three metric curves of every algorithm of the run, side by side on shared scales: the
 * same time axis on all charts, one y axis per chart for all algorithms, and the time cursor.
 */
export function MetricCharts() {
  const status = useApp(selectRunStatus)
  const prepared = useApp(selectPrepared)
  const timelines = useApp((s) => s.run.timelines)
  const version = useApp((s) => s.run.version)
  const endStep = useApp(selectEndStep)
  const tasks = useApp(selectRunTasks)
  const timing = useApp(selectRunScenario)
  // The cursor and readouts follow playback at the pace of the text panels.
  const step = useShownStep()
  const dimFuture = useApp(selectDimFuture)
  const hidden = useApp(selectResultsHidden)
  const lastCostMs = useRef(0)
  const throttleMs = status === 'running' ? Math.max(STREAM_REDRAW_MS, lastCostMs.current / MAX_BUSY_SHARE) : 0
  const throttledVersion = useThrottled(version, throttleMs)
  const throttledEndStep = useThrottled(endStep, throttleMs)
  // Below the fold, while the run moves, the whole panel is held (App.tsx, HeldOffscreen).
  const shown = { prepared, timelines, tasks, timing, step, version: throttledVersion, endStep: throttledEndStep }
  const shownVersion = shown.version
  const shownEndStep = shown.endStep

  // The curves are computed off the page's thread (a worker) from copies of the timelines.
  const [curves, setCurves] = useState<Curves | null>(null)
  const columns = useMemo(
    () => ({ weight: Float64Array.from(shown.tasks, (t) => t.weight), arrivalS: Float64Array.from(shown.tasks, (t) => t.arrivalS) }),
    [shown.tasks],
  )
  useEffect(() => {
    const { prepared, timelines, tasks, timing } = shown
    if (prepared === null) {
      setCurves(null)
      return
    }
    // Canonical order, so lines, legends and the table list the algorithms alike.
    const runs = policies.names().filter((a) => prepared.algorithms.includes(a)).flatMap((algorithm) => {
      const tl = timelines[algorithm]
      // The scenario may already be edited while the old run is still shown: never mix them.
      return tl === undefined || tl.taskCount !== tasks.length ? [] : [{ algorithm, timeline: snapshotTimeline(tl) }]
    })
    let live = true
    const startMs = performance.now()
    void seriesComputer()({ runs, ...columns, timing: { mode: timing.mode, dtS: timing.dtS } }).then(
      (byAlgorithm) => {
        if (live) setCurves({ prepared, byAlgorithm, costMs: performance.now() - startMs })
      },
      (e: unknown) => {
        if (live) setCurves({ prepared, byAlgorithm: [], costMs: performance.now() - startMs, error: e instanceof Error ? e.message : String(e) })
      },
    )
    return () => {
      live = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `shown` is a fresh object each render; these are its parts
  }, [shown.prepared, shown.timelines, shown.tasks, shown.timing, shownVersion, columns])
  useEffect(() => {
    lastCostMs.current = curves?.costMs ?? 0
  }, [curves])

  const xDomain = useMemo((): readonly [number, number] => [0, windowEndS(shown.timing, Math.max(1, shownEndStep))], [shownEndStep, shown.timing])
  const cursorS = timeAt(shown.timing, shown.step)

  let body
  if (hidden) body = <p className="results-hidden">The curves are hidden: predict first, then press Reveal (above).</p>
  else if (status === 'error') body = <p className="metrics-empty">No curves: the simulation failed (see the message above).</p>
  else if (curves?.error !== undefined && curves.prepared === shown.prepared) body = <p className="metrics-empty">The curves could not be drawn: {curves.error}. Reload the page to try again.</p>
  else if (curves === null || curves.prepared !== shown.prepared || curves.byAlgorithm.length === 0) {
    if (status === 'running') body = <p className="metrics-empty pending">Simulating…</p>
    else if (shown.prepared !== null && curves?.prepared !== shown.prepared) body = <p className="metrics-empty pending">Drawing the curves…</p>
    else body = <p className="metrics-empty">No run yet.</p>
  } else
    body = (
      <div className="metric-charts">
        {CHARTS.map((spec) => (
          <MetricChart
            key={spec.key}
            spec={spec}
            gpuCount={curves.prepared.gpuCount}
            byAlgorithm={curves.byAlgorithm}
            xDomain={xDomain}
            cursorS={cursorS}
            dimFuture={dimFuture}
          />
        ))}
      </div>
    )

  return (
    <>
      <h2 className="panel-title">
        Metrics{' '}
        <span className="sub">
          every algorithm on the same scales; curves and values at the cursor, <CursorTime />; the Results table below holds the final values
        </span>
      </h2>
      <div>{body}</div>
    </>
  )
}

interface MetricChartProps {
  readonly spec: ChartSpec
  readonly gpuCount: number
  readonly byAlgorithm: readonly { readonly algorithm: string; readonly series: AlgorithmSeries }[]
  readonly xDomain: readonly [number, number]
  readonly cursorS: number
  readonly dimFuture: boolean
}

// Memoised: while a run streams the parent re-renders per batch, but a chart's props change
// only when its curves do.
const MetricChart = memo(function MetricChart({ spec, gpuCount, byAlgorithm, xDomain, cursorS, dimFuture }: MetricChartProps) {
  const presentation = useApp((s) => s.presentation)
  const lines = useMemo(
    (): ChartLine[] =>
      byAlgorithm.map(({ algorithm, series }) => ({ key: algorithm, color: policies.has(algorithm) ? policyColor(algorithm, policies.get(algorithm).color, policies.names().indexOf(algorithm), presentation) : '#111827', points: series[spec.key] })),
    [byAlgorithm, spec.key, presentation],
  )
  return (
    <TimeLineFigure
      title={spec.title}
      explain={spec.explain(gpuCount)}
      label={`${spec.title} over time, one line per algorithm`}
      lines={lines}
      xDomain={xDomain}
      {...(spec.yMax !== undefined && { yMax: spec.yMax })}
      yLabel={spec.yLabel}
      {...(spec.yFormat && { yFormat: spec.yFormat })}
      yIntegers={spec.integers === true}
      height={CHART_HEIGHT}
      fallbackWidth={FALLBACK_WIDTH}
      idPrefix="chart"
      cursorS={cursorS}
      dimFuture={dimFuture}
      readout={(l) => (
        <>
          {`${l.key} `}
          <MetricValue metric={spec.metric} algorithm={l.key} atS={cursorS}>
            {spec.format(valueAt(l.points, cursorS))}
          </MetricValue>
        </>
      )}
    />
  )
})

/**
 * The cursor's time as the playback bar shows it, in a component of its own: it follows every
 * frame of playback (the charts' readouts refresh at a reading pace), re-rendering one text.
 */
function CursorTime() {
  const step = useApp((s) => s.step)
  const timing = useApp(selectRunScenario)
  return (
    <>
      t = <span className="num">{fmtTime(timeAt(timing, step))}</span>
    </>
  )
}

/** The value, updated at most once every `ms` (the latest value wins); at once when ms is 0. */
function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value)
  const lastAt = useRef(0)
  useEffect(() => {
    if (ms <= 0 || Object.is(value, shown)) return
    // Every new value re-arms the same deadline, so updates keep flowing while values stream.
    const timer = setTimeout(() => {
      lastAt.current = Date.now()
      setShown(value)
    }, Math.max(0, lastAt.current + ms - Date.now()))
    return () => clearTimeout(timer)
  }, [value, shown, ms])
  return ms <= 0 ? value : shown
}
