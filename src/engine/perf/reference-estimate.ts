import { findReferenceModel } from '../catalog/models.ts'
import type { Phase } from '../types.ts'
import type { Estimator } from './estimator.ts'

/** The FLOP rate the reference estimator assumes for every GPU. */
const ASSUMED_FLOPS_PER_S = 30e12

/**
 * The reference's remaining-time estimate for SRPT/WSRPT (README "Two modes"): FLOPs-based,
 * so it does not match the durations its loop uses. E = (prefill × Fp + decode × Fd) / 30e12
 * × min(1, 1/tp) with the model's recommended TP; infinite for a model it does not know.
 */
export function referenceEstimateS(model: string, phase: Phase, tokens: number): number {
  const m = findReferenceModel(model)
  if (m === undefined) return Infinity
  const prefillTokens = phase === 'prefill' ? tokens : 0
  const decodeTokens = phase === 'prefill' ? 0 : tokens
  const flops = prefillTokens * m.prefillFlopsPerToken + decodeTokens * m.decodeFlopsPerToken
  return (flops / ASSUMED_FLOPS_PER_S) * Math.min(1, 1 / m.recommendedTp)
}

/** What WSRPT divides by in the reference: max(0.001, E), or 1.0 for an unknown model. */
export function referenceRatioEstimateS(model: string, phase: Phase, tokens: number): number {
  if (findReferenceModel(model) === undefined) return 1.0
  return Math.max(0.001, referenceEstimateS(model, phase, tokens))
}

/** The reference's FLOPs estimate, unrelated to the durations its loop uses, WSRPT's clamp included. */
export const referenceFlops: Estimator = {
  name: 'reference-flops',
  note: 'FLOPs estimate',
  estimate: (tasks) => ({
    remaining: Float64Array.from(tasks, (t) => referenceEstimateS(t.model, t.phase, t.tokens)),
    ratioRemaining: Float64Array.from(tasks, (t) => referenceRatioEstimateS(t.model, t.phase, t.tokens)),
  }),
}
