import { useEffect, useMemo, useState } from 'react'
import { generateServingWorkload, type ServingGeneratorOptions } from '../../engine/workloads/serving-generator.ts'
import { binSeries } from './bins.ts'
import { PREVIEW_MAX_TASKS } from './GeneratorPreview.tsx'
import { HistogramChart } from './HistogramChart.tsx'

const DEBOUNCE_MS = 200
const BINS = 30
const INPUT_COLOR = '#2563eb'
const OUTPUT_COLOR = '#f59e0b'

const fmtInt = (x: number) => Math.round(x).toLocaleString('en-US')
const fmtS = (x: number) => `${Number(x.toFixed(2))} s`
const pct = (n: number, total: number) => `${Number(((100 * n) / total).toFixed(1))} %`
const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length === 0 ? 0 : (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2
}
const tally = <T,>(xs: readonly T[]) => [...xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<T, number>())]

/** The value, once it has stopped changing for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const id = setTimeout(() => setSettled(value), ms)
    return () => clearTimeout(id)
  }, [value, ms])
  return settled
}

/**
 * What the serving form would generate: the same call as "Generate" (same seed, same requests),
 * debounced while typing; the last good preview stays, dimmed, while the form has problems.
 */
export function ServingGeneratorPreview({ options }: { options: ServingGeneratorOptions | null }) {
  const [lastGood, setLastGood] = useState(options)
  if (options !== null && options !== lastGood) setLastGood(options)
  const shown = useDebounced(lastGood, DEBOUNCE_MS)
  const view = useMemo(() => {
    if (shown === null || shown.count > PREVIEW_MAX_TASKS) return null
    const tasks = generateServingWorkload(shown)
    const input = tasks.map((t) => t.inputTokens!)
    const output = tasks.map((t) => t.outputTokens!)
    return {
      count: tasks.length,
      firstS: tasks[0]?.arrivalS ?? 0,
      lastS: tasks.at(-1)?.arrivalS ?? 0,
      medianIn: median(input),
      medianOut: median(output),
      weights: tally(tasks.map((t) => t.weight)).sort((a, b) => a[0] - b[0]),
      models: tally(tasks.map((t) => t.model)),
      arrivals: binSeries([tasks.map((t) => t.arrivalS)], BINS),
      tokens: binSeries([input, output], BINS, true),
    }
  }, [shown])

  const stale = options === null || options !== shown
  if (shown !== null && shown.count > PREVIEW_MAX_TASKS) return <p className="hint">No preview above {fmtInt(PREVIEW_MAX_TASKS)} requests; Generate still works.</p>
  if (view === null) return <p className="hint">The preview appears once the form is valid.</p>
  return (
    <div className={`gen-preview-body${stale ? ' stale' : ''}`} aria-busy={stale}>
      <dl className="gen-summary" aria-label="Preview summary">
        <div>
          <dt>Requests</dt>
          <dd>{fmtInt(view.count)}</dd>
        </div>
        <div>
          <dt>Arrivals</dt>
          <dd>
            {fmtS(view.firstS)} – {fmtS(view.lastS)}
          </dd>
        </div>
        <div>
          <dt>Median tokens</dt>
          <dd>
            {fmtInt(view.medianIn)} in · {fmtInt(view.medianOut)} out
          </dd>
        </div>
        <div>
          <dt>Weights</dt>
          <dd>{view.weights.map(([w, n]) => `${w}: ${pct(n, view.count)}`).join(' · ')}</dd>
        </div>
        <div>
          <dt>Models</dt>
          <dd>{view.models.map(([m, n]) => `${m}: ${pct(n, view.count)}`).join(' · ')}</dd>
        </div>
      </dl>
      <div className="gen-charts">
        {view.arrivals !== null && (
          <HistogramChart
            histogram={view.arrivals}
            series={[{ label: 'requests', color: '#4b5563' }]}
            xLabel="arrival time (s)"
            description={`Histogram of arrival times: ${fmtInt(view.count)} requests from ${fmtS(view.firstS)} to ${fmtS(view.lastS)}`}
          />
        )}
        {view.tokens !== null && (
          <HistogramChart
            histogram={view.tokens}
            series={[
              { label: 'input', color: INPUT_COLOR },
              { label: 'output', color: OUTPUT_COLOR },
            ]}
            xLabel="tokens per request"
            description="Histogram of input and output tokens per request, stacked"
          />
        )}
      </div>
    </div>
  )
}
