import type { ReactNode } from 'react'
import type { Histogram } from './bins.ts'
import { HistogramChart } from './HistogramChart.tsx'
import { fmtInt, fmtS, pct } from './preview-format.ts'
import { PREVIEW_MAX_TASKS, type Preview } from './use-preview.ts'

/** What a generator's preview states and draws of the workload it would generate. */
export interface PreviewFacts {
  readonly count: number
  /** Beside the count, in brackets (the job generator's prefill share). */
  readonly countNote?: string
  readonly firstS: number
  readonly lastS: number
  /** The token line of the summary: its term and its text. */
  readonly tokens: readonly [term: string, detail: string]
  /** Each weight and model with how many tasks or requests have it, in the order shown. */
  readonly weights: readonly (readonly [number, number])[]
  readonly models: readonly (readonly [string, number])[]
  readonly arrivals: Histogram | null
  readonly tokenHistogram: Histogram | null
}

/** The token histogram's two stacked series, in these colours. */
const TOKEN_COLORS = ['#2563eb', '#f59e0b'] as const

interface Props {
  readonly preview: Preview<PreviewFacts>
  /** What is generated, singular and lower case: "task", "request". */
  readonly noun: string
  /** The names of the token histogram's two series: "prefill", "decode". */
  readonly tokenLabels: readonly [string, string]
  /** What the token histogram shows, for screen readers. */
  readonly tokensDescription: string
}

/**
 * The body of a generator's preview (the job and the serving generators share it): a summary
 * of the workload, a histogram of arrival times and one of token counts; dimmed while stale.
 */
export function PreviewFigure({ preview, noun, tokenLabels, tokensDescription }: Props): ReactNode {
  const { view: s, tooMany, stale } = preview
  const nouns = `${noun}s`
  if (tooMany) return <p className="hint">No preview above {fmtInt(PREVIEW_MAX_TASKS)} {nouns}; Generate still works.</p>
  if (s === null) return <p className="hint">The preview appears once the form is valid.</p>
  const [tokensTerm, tokensDetail] = s.tokens
  return (
    <div className={`gen-preview-body${stale ? ' stale' : ''}`} aria-busy={stale}>
      <dl className="gen-summary" aria-label="Preview summary">
        <div>
          <dt>{nouns.charAt(0).toUpperCase() + nouns.slice(1)}</dt>
          <dd>
            {fmtInt(s.count)}
            {s.countNote !== undefined && (
              <>
                {' '}
                <span className="hint">({s.countNote})</span>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>Arrivals</dt>
          <dd>
            {fmtS(s.firstS)} – {fmtS(s.lastS)}
          </dd>
        </div>
        <div>
          <dt>{tokensTerm}</dt>
          <dd>{tokensDetail}</dd>
        </div>
        <div>
          <dt>Weights</dt>
          <dd>{s.weights.map(([w, n]) => `${w}: ${pct(n, s.count)}`).join(' · ')}</dd>
        </div>
        <div>
          <dt>Models</dt>
          <dd>{s.models.map(([m, n]) => `${m}: ${pct(n, s.count)}`).join(' · ')}</dd>
        </div>
      </dl>
      <div className="gen-charts">
        {s.arrivals !== null && (
          <HistogramChart
            histogram={s.arrivals}
            series={[{ label: nouns, color: '#4b5563' }]}
            xLabel="arrival time (s)"
            description={`Histogram of arrival times: ${fmtInt(s.count)} ${nouns} from ${fmtS(s.firstS)} to ${fmtS(s.lastS)}`}
          />
        )}
        {s.tokenHistogram !== null && (
          <HistogramChart
            histogram={s.tokenHistogram}
            series={tokenLabels.map((label, k) => ({ label, color: TOKEN_COLORS[k]! }))}
            xLabel={`tokens per ${noun}`}
            description={tokensDescription}
          />
        )}
      </div>
    </div>
  )
}
