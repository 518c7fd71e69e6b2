import { createRng } from '../rng.ts'
import { requestTask } from '../serving/requests.ts'
import type { TaskSpec } from '../types.ts'
import { checkGeneratorParts, pick, roundTime, sampleArrivals, sampleTokens, type GeneratorBase, type TokenDistribution } from './generator.ts'

/**
 * Serving mode's generator (docs/serving.md "Generating requests"): the job generator's
 * arrivals, weights and models, with a prompt and an output length per request instead of a
 * phase and its tokens.
 */
export interface ServingGeneratorOptions extends GeneratorBase {
  readonly inputTokens: TokenDistribution
  readonly outputTokens: TokenDistribution
  /** Prefix of generated ids (q1, q2, ...). */
  readonly idPrefix?: string
}

type Problem = { field: string; message: string }

/** Problems with the options, each naming the field (the job generator's rules, and whole lengths of at least 1); empty when fine. */
export function checkServingGeneratorOptions(o: ServingGeneratorOptions): Problem[] {
  const lengths = [['inputTokens', o.inputTokens], ['outputTokens', o.outputTokens]] as const
  return checkGeneratorParts(o, lengths, (out) => {
    for (const [name, d] of lengths) {
      // A request has at least one prompt and one output token: a fixed or uniform 0 is refused,
      // not raised quietly to 1.
      if (d.kind === 'fixed' && d.value < 1) out.push({ field: `${name}.value`, message: 'must be at least 1 token' })
      if (d.kind === 'uniform' && d.min < 1) out.push({ field: `${name}.min`, message: 'must be at least 1 token' })
    }
  })
}

/**
 * Seeded requests: arrivals from the process, then per request in arrival order its model,
 * weight, prompt and output length, drawn in that order from one stream. The same options
 * (seed included) give the same requests in the page, a worker and the CLI. A log-normal or
 * Pareto draw below 1 token counts as 1. Throws with the first problem when the options are
 * invalid (check them first for a full list).
 */
export function generateServingWorkload(o: ServingGeneratorOptions): TaskSpec[] {
  const problems = checkServingGeneratorOptions(o)
  if (problems.length > 0) throw new Error(`generator ${problems[0]!.field} ${problems[0]!.message}`)
  const rng = createRng(o.seed)
  const arrivals = sampleArrivals(rng, o.arrivals, o.count)
  const prefix = o.idPrefix ?? 'q'
  return arrivals.map((t, i) => {
    const model = pick(rng, o.models)
    const weight = pick(rng, o.weights)
    const input = Math.max(1, sampleTokens(rng, o.inputTokens))
    const output = Math.max(1, sampleTokens(rng, o.outputTokens))
    return requestTask(`${prefix}${i + 1}`, model, weight, roundTime(t), input, output)
  })
}

/** A preset's lengths and arrivals; the form keeps its count, seed, weights and models. */
export interface ServingPreset {
  readonly name: string
  readonly about: string
  readonly arrivals: GeneratorBase['arrivals']
  readonly inputTokens: TokenDistribution
  readonly outputTokens: TokenDistribution
}

/**
 * The presets' figures (docs/serving.md "Generating requests" says where they come from):
 * - Chat: ShareGPT-like. vLLM's paper (Kwon et al., SOSP 2023, §6.1) gives ShareGPT means of
 *   161 prompt and 338 output tokens; the 10 ShareGPT prompts of the calibration (docs/serving.md)
 *   average 137 in, 187 out. Log-normal medians 110 and 220 with spreads 0.9 and 0.7 give means
 *   of 165 and 281 and ShareGPT's long tails.
 * - Long-context RAG: retrieved passages make prompts of thousands of tokens (median 8,000,
 *   within Llama 3's 8K-128K windows) with short answers (median 150).
 * - Reasoning: short questions (median 200) and long chains of thought (median 4,000 tokens).
 */
export const SERVING_PRESETS: readonly ServingPreset[] = [
  {
    name: 'Chat',
    about: 'ShareGPT-like conversations: prompts of ~110 tokens (median), answers of ~220, both with long tails.',
    arrivals: { kind: 'poisson', ratePerS: 5 },
    inputTokens: { kind: 'lognormal', median: 110, sigma: 0.9 },
    outputTokens: { kind: 'lognormal', median: 220, sigma: 0.7 },
  },
  {
    name: 'Long-context RAG',
    about: 'Retrieval-augmented questions: long prompts (~8,000 tokens) and short answers (~150).',
    arrivals: { kind: 'poisson', ratePerS: 1 },
    inputTokens: { kind: 'lognormal', median: 8000, sigma: 0.4 },
    outputTokens: { kind: 'lognormal', median: 150, sigma: 0.5 },
  },
  {
    name: 'Reasoning',
    about: 'Reasoning models: short questions (~200 tokens) and long chains of thought (~4,000).',
    arrivals: { kind: 'poisson', ratePerS: 1 },
    inputTokens: { kind: 'lognormal', median: 200, sigma: 0.6 },
    outputTokens: { kind: 'lognormal', median: 4000, sigma: 0.6 },
  },
]

/** The form's starting point: the Chat preset, 200 requests, weights 1 and 10, on Llama3-8B. */
export const DEFAULT_SERVING_GENERATOR: ServingGeneratorOptions = {
  count: 200,
  seed: 42,
  arrivals: SERVING_PRESETS[0]!.arrivals,
  inputTokens: SERVING_PRESETS[0]!.inputTokens,
  outputTokens: SERVING_PRESETS[0]!.outputTokens,
  weights: [
    { value: 1, share: 0.7 },
    { value: 10, share: 0.3 },
  ],
  models: [{ value: 'Llama3-8B', share: 1 }],
}
