import { useEffect, useMemo, useState } from 'react'
import { generateWorkload, type GeneratorOptions } from '../../engine/workloads/generator.ts'
import { binSeries } from './bins.ts'
import { HistogramChart } from './HistogramChart.tsx'
import { summarize } from './summary.ts'

/** Above this many tasks the preview waits for "Generate": drawing it would stall typing. */
export const PREVIEW_MAX_TASKS = 200_000
const DEBOUNCE_MS = 200
const BINS = 30
const PREFILL_COLOR = '#2563eb'
const DECODE_COLOR = '#f59e0b'

const fmtInt = (x: number) => Math.round(x).toLocaleString('en-US')
const fmtS = (x: number) => `${Number(x.toFixed(2))} s`
const pct = (n: number, total: number) => `${Number(((100 * n) / total).toFixed(1))} %`

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
 * What the form would generate: the same call as "Generate" (same seed, same tasks), debounced
 * while the user types. `options` is null while the form has problems; the last good preview
 * stays, dimmed.
 */
export function GeneratorPreview({ options }: { options: GeneratorOptions | null }) {
  const [lastGood, setLastGood] = useState(options)
  if (options !== null && options !== lastGood) setLastGood(options)
  const shown = useDebounced(lastGood, DEBOUNCE_MS)

  const view = useMemo(() => {
    if (shown === null || shown.count > PREVIEW_MAX_TASKS) return null
    const tasks = generateWorkload(shown)
    const prefill = tasks.filter((t) => t.phase === 'prefill').map((t) => t.tokens)
    const decode = tasks.filter((t) => t.phase === 'decode').map((t) => t.tokens)
    return {
      summary: summarize(tasks),
      arrivals: binSeries([tasks.map((t) => t.arrivalS)], BINS),
      tokens: binSeries([prefill, decode], BINS, true),
    }
  }, [shown])

  const stale = options === null || options !== shown
  if (shown !== null && shown.count > PREVIEW_MAX_TASKS) {
    return <p className="hint">No preview above {fmtInt(PREVIEW_MAX_TASKS)} tasks; Generate still works.</p>
  }
  if (view === null) return <p className="hint">The preview appears once the form is valid.</p>
  const s = view.summary
  return (
    <div className={`gen-preview-body${stale ? ' stale' : ''}`} aria-busy={stale}>
      <dl className="gen-summary" aria-label="Preview summary">
        <div>
          <dt>Tasks</dt>
          <dd>
            {fmtInt(s.count)} <span className="hint">({pct(s.prefillCount, s.count)} prefill)</span>
          </dd>
        </div>
        <div>
          <dt>Arrivals</dt>
          <dd>
            {fmtS(s.firstS)} – {fmtS(s.lastS)}
          </dd>
        </div>
        <div>
          <dt>Mean tokens</dt>
          <dd>
            {s.meanPrefillTokens === null ? '—' : fmtInt(s.meanPrefillTokens)} prefill · {s.meanDecodeTokens === null ? '—' : fmtInt(s.meanDecodeTokens)} decode
          </dd>
        </div>
        <div>
          <dt>Weights</dt>
          <dd>{s.weights.map((w) => `${w.value}: ${pct(w.count, s.count)}`).join(' · ')}</dd>
        </div>
        <div>
          <dt>Models</dt>
          <dd>{s.models.map((m) => `${m.value}: ${pct(m.count, s.count)}`).join(' · ')}</dd>
        </div>
      </dl>
      <div className="gen-charts">
        {view.arrivals !== null && (
          <HistogramChart
            histogram={view.arrivals}
            series={[{ label: 'tasks', color: '#4b5563' }]}
            xLabel="arrival time (s)"
            description={`Histogram of arrival times: ${fmtInt(s.count)} tasks from ${fmtS(s.firstS)} to ${fmtS(s.lastS)}`}
          />
        )}
        {view.tokens !== null && (
          <HistogramChart
            histogram={view.tokens}
            series={[
              { label: 'prefill', color: PREFILL_COLOR },
              { label: 'decode', color: DECODE_COLOR },
            ]}
            xLabel="tokens per task"
            description="Histogram of token counts, prefill and decode stacked"
          />
        )}
      </div>
    </div>
  )
}
