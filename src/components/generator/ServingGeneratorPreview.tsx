import { generateServingWorkload, type ServingGeneratorOptions } from '../../engine/workloads/serving-generator.ts'
import { binSeries } from './bins.ts'
import { PreviewFigure, type PreviewFacts } from './PreviewFigure.tsx'
import { fmtInt } from './preview-format.ts'
import { usePreview } from './use-preview.ts'

const BINS = 30

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length === 0 ? 0 : (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2
}
const tally = <T,>(xs: readonly T[]) => [...xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<T, number>())]

/** What the serving generator would generate, as the preview states and draws it. */
function facts(options: ServingGeneratorOptions): PreviewFacts {
  const tasks = generateServingWorkload(options)
  const input = tasks.map((t) => t.inputTokens!)
  const output = tasks.map((t) => t.outputTokens!)
  return {
    count: tasks.length,
    firstS: tasks[0]?.arrivalS ?? 0,
    lastS: tasks.at(-1)?.arrivalS ?? 0,
    tokens: ['Median tokens', `${fmtInt(median(input))} in · ${fmtInt(median(output))} out`],
    weights: tally(tasks.map((t) => t.weight)).sort((a, b) => a[0] - b[0]),
    models: tally(tasks.map((t) => t.model)),
    arrivals: binSeries([tasks.map((t) => t.arrivalS)], BINS),
    tokenHistogram: binSeries([input, output], BINS, true),
  }
}

/**
 * What the serving form would generate: the same call as "Generate" (same seed, same requests),
 * debounced while typing; the last good preview stays, dimmed, while the form has problems.
 */
export function ServingGeneratorPreview({ options }: { options: ServingGeneratorOptions | null }) {
  return <PreviewFigure preview={usePreview(options, facts)} noun="request" tokenLabels={['input', 'output']} tokensDescription="Histogram of input and output tokens per request, stacked" />
}
