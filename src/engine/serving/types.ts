/**
 * Serving mode's inputs beside the requests (which are tasks, see ../types.ts TaskSpec and
 * requests.ts): models by their architecture, deployments of replicas on TP groups, and the
 * serving knobs (docs/serving.md).
 */

/** What the roofline and the KV cache need to know of a model (BF16 figures). */
export interface ModelArchitecture {
  readonly layers: number
  readonly hidden: number
  readonly heads: number
  readonly kvHeads: number
  readonly headDim: number
  /** Parameters used per token, billions (a mixture of experts uses a few of its experts). */
  readonly activeParamsB: number
  /** Total weight bytes / 1e9, in BF16. */
  readonly weightsGB: number
}

/** A model as the scenario's `models` list defines it (or the catalog, see catalog/architectures.ts). */
export interface ServingModel extends ModelArchitecture {
  readonly name: string
}

export type Precision = 'bf16' | 'fp8'

/** `replicas` copies of `model`, each on `tp` GPUs of one node. */
export interface DeploymentSpec {
  readonly model: string
  readonly tp: number
  readonly replicas: number
  /** fp8: one byte per weight and the GPU's FP8 FLOP rate. */
  readonly dtype?: Precision
  /** fp8: KV cache of one byte per element. */
  readonly kvCacheDtype?: Precision
}

export interface SloSpec {
  readonly ttftS: number
  readonly tpotS: number
}

/** The scenario's `serving` object; every field optional (defaults in config.ts). */
export interface ServingOptions {
  readonly deployments?: readonly DeploymentSpec[]
  readonly maxNumSeqs?: number
  readonly maxBatchedTokens?: number
  readonly blockSize?: number
  readonly gpuMemoryUtilization?: number
  readonly mfu?: number
  readonly mbu?: number
  readonly iterationOverheadS?: number
  readonly allReduceLatencyS?: number
  /** Overrides the per-GPU-type default bus bandwidth (GB/s) for every replica. */
  readonly allReduceBusGBs?: number
  readonly slo?: SloSpec
}
