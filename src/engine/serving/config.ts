import type { ServingOptions, SloSpec } from './types.ts'

/**
 * Defaults of the serving knobs. The five performance factors (mfu, mbu, iterationOverheadS,
 * allReduceLatencyS and the per-GPU bus bandwidth in catalog/gpu-serving.ts) are fitted once to
 * published measurements, the same for every model and GPU (docs/serving.md, "Calibration";
 * test/engine/serving/calibration.test.ts holds the table).
 */
export const SERVING_DEFAULTS = {
  /** Most requests running on one replica (vLLM's default on GPUs under 70 GiB, and V1's first). */
  maxNumSeqs: 256,
  /** Token budget of one iteration (vLLM V1's chunked-prefill budget). */
  maxBatchedTokens: 8192,
  /** KV-cache block, tokens (vLLM's DEFAULT_BLOCK_SIZE). */
  blockSize: 16,
  /** Share of each GPU's memory for weights + KV cache (vLLM's documented default). */
  gpuMemoryUtilization: 0.9,
  mfu: 0.44,
  mbu: 0.87,
  iterationOverheadS: 0.0025,
  allReduceLatencyS: 25e-6,
  slo: { ttftS: 0.5, tpotS: 0.05 } satisfies SloSpec,
} as const

/** The knobs of one run with every default filled in (bus bandwidth stays per GPU: see replica.ts). */
export interface ServingConfig {
  readonly maxNumSeqs: number
  readonly maxBatchedTokens: number
  readonly blockSize: number
  readonly gpuMemoryUtilization: number
  readonly mfu: number
  readonly mbu: number
  readonly iterationOverheadS: number
  readonly allReduceLatencyS: number
  /** undefined: each replica uses its GPU type's default. */
  readonly allReduceBusGBs: number | undefined
  readonly slo: SloSpec
}

export function resolveConfig(options: ServingOptions): ServingConfig {
  const d = SERVING_DEFAULTS
  return {
    maxNumSeqs: options.maxNumSeqs ?? d.maxNumSeqs,
    maxBatchedTokens: options.maxBatchedTokens ?? d.maxBatchedTokens,
    blockSize: options.blockSize ?? d.blockSize,
    gpuMemoryUtilization: options.gpuMemoryUtilization ?? d.gpuMemoryUtilization,
    mfu: options.mfu ?? d.mfu,
    mbu: options.mbu ?? d.mbu,
    iterationOverheadS: options.iterationOverheadS ?? d.iterationOverheadS,
    allReduceLatencyS: options.allReduceLatencyS ?? d.allReduceLatencyS,
    allReduceBusGBs: options.allReduceBusGBs,
    slo: { ttftS: options.slo?.ttftS ?? d.slo.ttftS, tpotS: options.slo?.tpotS ?? d.slo.tpotS },
  }
}

/** Problems with the knobs' values, each naming the field and value (empty when fine). */
export function checkConfig(c: ServingConfig): { field: string; value: number; message: string }[] {
  const out: { field: string; value: number; message: string }[] = []
  const need = (field: string, value: number, ok: boolean, message: string) => {
    if (!ok) out.push({ field, value, message })
  }
  const wholePositive = (x: number) => Number.isSafeInteger(x) && x >= 1
  const share = (x: number) => Number.isFinite(x) && x > 0 && x <= 1
  need('maxNumSeqs', c.maxNumSeqs, wholePositive(c.maxNumSeqs), 'must be a whole number >= 1')
  need('maxBatchedTokens', c.maxBatchedTokens, wholePositive(c.maxBatchedTokens), 'must be a whole number >= 1')
  need('blockSize', c.blockSize, wholePositive(c.blockSize), 'must be a whole number of tokens >= 1')
  need('gpuMemoryUtilization', c.gpuMemoryUtilization, share(c.gpuMemoryUtilization), 'must be in (0, 1]')
  need('mfu', c.mfu, share(c.mfu), 'must be in (0, 1]')
  need('mbu', c.mbu, share(c.mbu), 'must be in (0, 1]')
  const nonNegative = (x: number) => Number.isFinite(x) && x >= 0
  need('iterationOverheadS', c.iterationOverheadS, nonNegative(c.iterationOverheadS), 'must be a finite number of seconds >= 0')
  need('allReduceLatencyS', c.allReduceLatencyS, nonNegative(c.allReduceLatencyS), 'must be a finite number of seconds >= 0')
  if (c.allReduceBusGBs !== undefined) {
    need('allReduceBusGBs', c.allReduceBusGBs, Number.isFinite(c.allReduceBusGBs) && c.allReduceBusGBs > 0, 'must be a positive number of GB/s')
  }
  need('slo.ttftS', c.slo.ttftS, c.slo.ttftS > 0, 'must be a positive number of seconds')
  need('slo.tpotS', c.slo.tpotS, c.slo.tpotS > 0, 'must be a positive number of seconds')
  return out
}
