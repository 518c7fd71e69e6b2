import { useCallback, useId, useLayoutEffect, useMemo, useRef } from 'react'
import { drawLineChart } from '../charts/line-chart.ts'
import { policies } from '../engine/policies/registry.ts'
import type { StepSeries } from '../run-view/series.ts'
import { servingLatencies, servingOutcomeColumns, type ServingLatencies } from '../run-view/serving-outcomes.ts'
import { useApp } from '../store/context.tsx'
import { selectAlgorithms, selectPrepared, selectRunStatus } from '../store/selectors.ts'
import { ServingTimeCharts } from './ServingTimeCharts.tsx'
import { useSlicedPerAlgorithm } from './use-sliced-per-algorithm.ts'
import { useWidth } from './use-width.ts'
import { fmtSig } from './format.ts'
import './metrics.css'

/** The median of a sorted sample, interpolated between ranks as the engine's percentiles are. */
const median = (s: Float64Array) => {
  const r = (s.length - 1) / 2
  const lo = Math.floor(r)
  return s[lo]! + (s[Math.ceil(r)]! - s[lo]!) * (r - lo)
}

const CHARTS: readonly { key: keyof ServingLatencies; title: string; xLabel: string }[] = [
  { key: 'ttft', title: 'TTFT distribution', xLabel: 'time to first token (s)' },
  { key: 'tpot', title: 'TPOT distribution', xLabel: 'time per output token (s)' },
  { key: 'e2e', title: 'E2E distribution', xLabel: 'end-to-end latency (s)' },
]

/** Each sample's CDF, made once: a chart draws every line again as each algorithm's comes. */
const cdfs = new WeakMap<Float64Array, StepSeries>()

/** A sorted sample as a CDF step series: 0 before the first value, k/n from the k-th. */
export function cdfSeries(sorted: Float64Array): StepSeries {
  let known = cdfs.get(sorted)
  if (known === undefined) cdfs.set(sorted, (known = makeCdf(sorted)))
  return known
}

function makeCdf(sorted: Float64Array): StepSeries {
  const n = sorted.length
  const t = new Float64Array(n + 1)
  const v = new Float64Array(n + 1)
  for (let k = 0; k < n; k++) {
    t[k + 1] = sorted[k]!
    v[k + 1] = (k + 1) / n
  }
  return { t, v }
}

/**
 * Serving mode's metric charts once the run is done: per algorithm the CDF of TTFT, TPOT and
 * E2E over completed requests, every algorithm on one x scale per chart; then the curves over
 * time (ServingTimeCharts).
 */
export function ServingMetricCharts() {
  const status = useApp(selectRunStatus)
  const prepared = useApp(selectPrepared)
  const algorithms = useApp(selectAlgorithms)
  const timelines = useApp((s) => s.run.timelines)
  // One algorithm per idle slice once the run is done (use-sliced-per-algorithm.ts); each is
  // drawn as it is ready.
  const info = status === 'done' ? prepared?.serving : undefined
  const shown = useMemo(() => (info === undefined ? null : algorithms.filter((a) => timelines[a] !== undefined)), [info, algorithms, timelines])
  const compute = useCallback(
    function* (a: string): Generator<void, ServingLatencies> {
      const columns = servingOutcomeColumns(timelines[a]!, info!)
      yield
      return servingLatencies(columns, info!)
    },
    [info, timelines],
  )
  const ready = useSlicedPerAlgorithm(shown, compute)
  const latencies = useMemo(() => (ready === null || ready.length === 0 ? null : ready.map(({ a, value }) => ({ a, l: value }))), [ready])

  return (
    <>
      <h2 className="panel-title">
        Metrics <span className="sub">latency distributions over completed requests, then rates, batches and KV use over time; every algorithm on the same scales</span>
      </h2>
      {latencies === null ? (
        <p className="hint">The distributions show when every algorithm has finished.</p>
      ) : (
        <div className="metric-charts">
          {CHARTS.map((c) => (
            <CdfChart key={c.key} title={c.title} xLabel={c.xLabel} lines={latencies.map(({ a, l }) => ({ key: a, color: policies.has(a) ? policies.get(a).color : '#64748b', sorted: l[c.key] }))} />
          ))}
        </div>
      )}
      <ServingTimeCharts />
    </>
  )
}

interface CdfLine {
  readonly key: string
  readonly color: string
  readonly sorted: Float64Array
}

function CdfChart({ title, xLabel, lines }: { title: string; xLabel: string; lines: readonly CdfLine[] }) {
  const ref = useRef<SVGSVGElement>(null)
  const [boxRef, width] = useWidth<HTMLDivElement>(360)
  const id = `cdf${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`
  const xMax = Math.max(1e-9, ...lines.map((l) => (l.sorted.length > 0 ? l.sorted[l.sorted.length - 1]! : 0)))
  useLayoutEffect(() => {
    if (ref.current === null) return
    drawLineChart(ref.current, {
      id,
      width,
      height: 220,
      xDomain: [0, xMax],
      yMax: 1,
      xLabel,
      yLabel: 'share of requests',
      yFormat: (v) => `${Math.round(v * 100)} %`,
      lines: lines.map((l) => ({ key: l.key, color: l.color, points: cdfSeries(l.sorted) })),
      cursorS: xMax,
      future: 'dimmed',
    })
  }, [id, width, xMax, xLabel, lines])
  return (
    <figure className="metric-chart" aria-label={title}>
      <h3 className="metric-title">{title}</h3>
      <p className="metric-explain">Share of completed requests at or below each latency.</p>
      <div className="metric-svg-box" ref={boxRef}>
        <svg ref={ref} role="img" aria-label={`${title}: ${lines.map((l) => `${l.key} ${l.sorted.length} requests`).join(', ')}`} />
      </div>
      <ul className="metric-readout" aria-label={`${title} medians`}>
        {lines.map((l) => (
          <li key={l.key}>
            <span className="metric-swatch" style={{ background: l.color }} aria-hidden="true" />
            {`${l.key} median ${l.sorted.length === 0 ? '—' : fmtSig(median(l.sorted))} s`}
          </li>
        ))}
      </ul>
    </figure>
  )
}
