import { createRng } from '../rng.ts'
import type { TaskSpec } from '../types.ts'
import { requestTask } from './requests.ts'

export interface RequestGenerator {
  readonly count: number
  readonly seed: number
  readonly model: string
  /** Poisson arrivals at this rate (requests per second). */
  readonly ratePerS: number
  /** Log-normal token counts: medians and the log-space spread. */
  readonly medianInputTokens: number
  readonly medianOutputTokens: number
  readonly sigma: number
}

/**
 * Seeded requests: Poisson arrivals (exponential gaps), log-normal prompt and output lengths
 * (median × e^(σ·z), rounded, at least 1), weights 1, 2 or 5. Same seed, same requests anywhere.
 */
export function generateRequests(g: RequestGenerator): TaskSpec[] {
  const rng = createRng(g.seed)
  const out: TaskSpec[] = []
  let t = 0
  const length = (median: number) => Math.max(1, Math.round(median * Math.exp(g.sigma * rng.normal())))
  for (let i = 0; i < g.count; i++) {
    t += -Math.log(1 - rng.next()) / g.ratePerS
    const weight = [1, 2, 5][Math.floor(rng.next() * 3)]!
    out.push(requestTask(`q${i + 1}`, g.model, weight, t, length(g.medianInputTokens), length(g.medianOutputTokens)))
  }
  return out
}
