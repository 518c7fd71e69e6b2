import type { ServingConfig } from '../serving/config.ts'
import type { Replica } from '../serving/replica.ts'

/**
 * Serving mode's performance model: the roofline step time of one iteration on a replica of TP
 * p, for a batch of T tokens where each request brings s new tokens after c computed ones
 * (docs/serving.md, "Step time"):
 *
 *   flops   = 2 · activeParams · T + 4 · layers · heads · headDim · Σ (s·c + s·(s+1)/2)
 *   bytes   = weightBytesPerGpu + kvBytesPerTokenPerGpu · Σ (c + s)          (per GPU)
 *   compute = flops / p / (peak · mfu);   memory = bytes / (bandwidth · mbu)
 *   comm    = 0 if p = 1, else 2 · layers · (latency + 2 (p−1)/p · T · hidden · 2 B / bus)
 *   step    = max(compute, memory) + comm + iterationOverhead
 *
 * The attention term counts each new token attending to everything before it (c cached and the
 * new ones up to itself); comm is Megatron's two all-reduces per layer, each a ring over the
 * group moving the batch's activations. The sums come in already added up (the loop keeps
 * them as it builds the batch): `attentionPairs` = Σ (s·c + s·(s+1)/2), `contextTokens` = Σ (c + s).
 */
export function stepTimeS(replica: Replica, config: ServingConfig, tokens: number, attentionPairs: number, contextTokens: number): number {
  const { arch, tp } = replica
  const flops = 2 * arch.activeParamsB * 1e9 * tokens + 4 * arch.layers * arch.heads * arch.headDim * attentionPairs
  const bytes = replica.weightBytes + replica.kvBytesPerToken * contextTokens
  const compute = flops / tp / (replica.peakFlopsPerS * config.mfu)
  const memory = bytes / (replica.gpu.bandwidthGBs * 1e9 * config.mbu)
  const comm = tp === 1 ? 0 : 2 * arch.layers * (config.allReduceLatencyS + (((2 * (tp - 1)) / tp) * tokens * arch.hidden * 2) / (replica.busGBs * 1e9))
  return Math.max(compute, memory) + comm + config.iterationOverheadS
}

/** s · c + s · (s + 1) / 2: the (new token, attended token) pairs of s tokens after c. */
export function attentionPairs(s: number, c: number): number {
  return s * c + (s * (s + 1)) / 2
}

/** The step time of a batch, as a preset names it (modes/serving.ts). */
export type StepTimeModel = typeof stepTimeS
