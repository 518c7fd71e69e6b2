import { generateWorkload, type GeneratorOptions } from '../../engine/workloads/generator.ts'
import { binSeries } from './bins.ts'
import { PreviewFigure, type PreviewFacts } from './PreviewFigure.tsx'
import { fmtInt, pct } from './preview-format.ts'
import { summarize } from './summary.ts'
import { usePreview } from './use-preview.ts'

const BINS = 30

/** What the job generator would generate, as the preview states and draws it. */
function facts(options: GeneratorOptions): PreviewFacts {
  const tasks = generateWorkload(options)
  const prefill = tasks.filter((t) => t.phase === 'prefill').map((t) => t.tokens)
  const decode = tasks.filter((t) => t.phase === 'decode').map((t) => t.tokens)
  const s = summarize(tasks)
  const mean = (x: number | null) => (x === null ? '—' : fmtInt(x))
  return {
    count: s.count,
    countNote: `${pct(s.prefillCount, s.count)} prefill`,
    firstS: s.firstS,
    lastS: s.lastS,
    tokens: ['Mean tokens', `${mean(s.meanPrefillTokens)} prefill · ${mean(s.meanDecodeTokens)} decode`],
    weights: s.weights.map((w) => [w.value, w.count]),
    models: s.models.map((m) => [m.value, m.count]),
    arrivals: binSeries([tasks.map((t) => t.arrivalS)], BINS),
    tokenHistogram: binSeries([prefill, decode], BINS, true),
  }
}

/**
 * What the form would generate: the same call as "Generate" (same seed, same tasks), debounced
 * while the user types. `options` is null while the form has problems; the last good preview
 * stays, dimmed.
 */
export function GeneratorPreview({ options }: { options: GeneratorOptions | null }) {
  return <PreviewFigure preview={usePreview(options, facts)} noun="task" tokenLabels={['prefill', 'decode']} tokensDescription="Histogram of token counts, prefill and decode stacked" />
}
