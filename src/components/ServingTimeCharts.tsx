import { memo, useCallback, useMemo } from 'react'
import type { ChartLine } from '../charts/line-chart.ts'
import { policies } from '../engine/policies/registry.ts'
import { SERVING_DEFAULTS } from '../engine/serving/config.ts'
import { valueAt, type StepSeries } from '../run-view/series.ts'
import { servingSeriesSteps, type ServingSeries } from '../run-view/serving-series.ts'
import { servingOutcomes } from '../run-view/serving-outcomes.ts'
import { timeAt, windowEndS } from '../run-view/time.ts'
import { useApp } from '../store/context.tsx'
import { selectAlgorithms, selectDimFuture, selectEndStep, selectPrepared, selectRunScenario, selectRunStatus } from '../store/selectors.ts'
import { fmtSig, fmtTick } from './format.ts'
import { TimeLineFigure } from './TimeLineFigure.tsx'
import { useShownStep } from './use-shown-step.ts'
import { useSlicedPerAlgorithm } from './use-sliced-per-algorithm.ts'

const CHART_HEIGHT = 220
const percent = (share: number) => `${fmtSig(Number((share * 100).toPrecision(3)))} %`
/** About this many buckets over the time axis. */
const BUCKETS = 40

/** The bucket of the rate curves: horizon / BUCKETS rounded up to 1, 2 or 5 × 10^k seconds. */
export function bucketFor(horizonS: number): number {
  const raw = Math.max(horizonS, 1e-6) / BUCKETS
  const p = 10 ** Math.floor(Math.log10(raw))
  const m = [1, 2, 5, 10].find((x) => x * p >= raw * (1 - 1e-12))!
  return Number((m * p).toPrecision(12))
}

interface Spec {
  readonly key: 'throughput' | 'goodput' | 'batchSize' | 'kvUse'
  readonly title: string
  readonly explain: (bucketS: number) => string
  readonly yLabel: string
  readonly yMax?: number
  readonly yFormat?: (v: number) => string
  /** The readout at the cursor: the curve's value, and for a rate the run's rate so far. */
  readonly readout: (s: ServingSeries, atS: number) => string
}

const SPECS: readonly Spec[] = [
  {
    key: 'throughput',
    title: 'Throughput over time',
    explain: (b) => `Output tokens per second, per ${fmtSig(b)} s bucket (a token counts when its iteration ends). So far: output tokens of the requests finished by then over the latest finish; at the end, the Results’ Throughput.`,
    yLabel: 'output tokens/s',
    yFormat: fmtTick,
    readout: (s, t) => `${fmtSig(valueAt(s.throughput, t))} tok/s (so far ${fmtSig(valueAt(s.throughputSoFar, t))})`,
  },
  {
    key: 'goodput',
    title: 'Goodput over time',
    explain: (b) => `Requests per second finishing within both SLOs (TTFT and TPOT), per ${fmtSig(b)} s bucket. So far: the same count over the latest finish; at the end, the Results’ Goodput.`,
    yLabel: 'requests/s within SLO',
    yFormat: fmtTick,
    readout: (s, t) => `${fmtSig(valueAt(s.goodput, t))} req/s (so far ${fmtSig(valueAt(s.goodputSoFar, t))})`,
  },
  {
    key: 'batchSize',
    title: 'Batch size over time',
    explain: () => 'Requests in the iterations running at each moment, summed over replicas.',
    yLabel: 'requests in batches',
    readout: (s, t) => `${fmtSig(valueAt(s.batchSize, t))} requests`,
  },
  {
    key: 'kvUse',
    title: 'KV use over time',
    explain: () => 'Share of all replicas’ KV blocks held by requests at each moment (the axis reaches the highest share).',
    yLabel: 'KV blocks held (%)',
    // Up to the highest share, not 100 %: a large pool held at 0.3 % would draw flat. Ticks
    // without the sign, which the label carries: "0.12 %" would run into it.
    yFormat: (v) => fmtSig(Number((v * 100).toPrecision(3))),
    readout: (s, t) => `${percent(valueAt(s.kvUse, t))} held`,
  },
]

/**
 * Serving mode's curves over time, one line per algorithm, every chart on the run's time axis
 * and one y scale for all algorithms, with the time cursor and the values at it.
 */
export function ServingTimeCharts() {
  const status = useApp(selectRunStatus)
  const prepared = useApp(selectPrepared)
  const algorithms = useApp(selectAlgorithms)
  const timelines = useApp((s) => s.run.timelines)
  const scenario = useApp(selectRunScenario)
  const endStep = useApp(selectEndStep)
  const dimFuture = useApp(selectDimFuture)
  const step = useShownStep()
  const horizonS = windowEndS(scenario, Math.max(1, endStep))
  const bucketS = bucketFor(horizonS)
  // One algorithm per idle slice once the run is done (use-sliced-per-algorithm.ts), in the
  // registry's order; each is drawn as it is ready.
  const info = status === 'done' ? prepared?.serving : undefined
  const shown = useMemo(() => (info === undefined ? null : policies.names().filter((a) => algorithms.includes(a) && timelines[a] !== undefined)), [info, algorithms, timelines])
  const compute = useCallback(
    function* (a: string): Generator<void, ServingSeries> {
      const slo = { ...SERVING_DEFAULTS.slo, ...scenario.serving?.slo }
      const outcomes = servingOutcomes(timelines[a]!, info!)
      yield
      return yield* servingSeriesSteps(timelines[a]!, info!, outcomes, slo, bucketS)
    },
    [info, timelines, scenario, bucketS],
  )
  const ready = useSlicedPerAlgorithm(shown, compute)
  const runs = useMemo(() => (ready === null || ready.length === 0 ? null : ready.map(({ a, value }) => ({ a, s: value }))), [ready])
  // Until then the distributions above say what is coming.
  if (runs === null) return null
  return (
    <div className="metric-charts four">
      {SPECS.map((spec) => (
        <TimeChart key={spec.key} spec={spec} runs={runs} bucketS={bucketS} xMax={horizonS} cursorS={timeAt(scenario, step)} dimFuture={dimFuture} />
      ))}
    </div>
  )
}

interface TimeChartProps {
  readonly spec: Spec
  readonly runs: readonly { readonly a: string; readonly s: ServingSeries }[]
  readonly bucketS: number
  readonly xMax: number
  readonly cursorS: number
  readonly dimFuture: boolean
}

const TimeChart = memo(function TimeChart({ spec, runs, bucketS, xMax, cursorS, dimFuture }: TimeChartProps) {
  const lines = useMemo(
    (): ChartLine[] => runs.map(({ a, s }) => ({ key: a, color: policies.has(a) ? policies.get(a).color : '#64748b', points: s[spec.key] as StepSeries })),
    [runs, spec.key],
  )
  const xDomain = useMemo((): readonly [number, number] => [0, xMax], [xMax])
  return (
    <TimeLineFigure
      title={spec.title}
      explain={spec.explain(bucketS)}
      label={`${spec.title}, one line per algorithm`}
      lines={lines}
      xDomain={xDomain}
      {...(spec.yMax !== undefined && { yMax: spec.yMax })}
      yLabel={spec.yLabel}
      {...(spec.yFormat && { yFormat: spec.yFormat })}
      yIntegers={spec.key === 'batchSize'}
      height={CHART_HEIGHT}
      fallbackWidth={360}
      idPrefix="stc"
      cursorS={cursorS}
      dimFuture={dimFuture}
      readout={(l, k) => `${l.key} ${spec.readout(runs[k]!.s, cursorS)}`}
    />
  )
})
