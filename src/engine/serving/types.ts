import type { ClusterSpec } from '../types.ts'

/**
 * Serving mode's inputs (docs/serving.md): requests with a prompt and an output, models by
 * their architecture, deployments of replicas on TP groups, and the serving knobs.
 */

/** One inference request. Tokens are whole numbers >= 1; weight > 0; arrival >= 0 (s). */
export interface RequestSpec {
  readonly id: string
  readonly model: string
  readonly weight: number
  readonly arrivalS: number
  /** P: prompt tokens. */
  readonly inputTokens: number
  /** O: tokens to generate (the first is sampled at the end of the prefill). */
  readonly outputTokens: number
}

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

/** A model as the scenario's `models` list defines it (or the catalog, see models.ts). */
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

/** Everything a serving run needs. `maxTimeS` may be Infinity. */
export interface ServingScenario {
  readonly name: string
  readonly cluster: ClusterSpec
  /** Sampling step of snapshots and playback; the engine itself runs on exact event times. */
  readonly dtS: number
  readonly maxTimeS: number
  readonly models: readonly ServingModel[]
  readonly serving: ServingOptions
  readonly requests: readonly RequestSpec[]
}

/** A scenario file in serving mode, with the algorithms it asks for. */
export interface ServingDocument {
  readonly scenario: ServingScenario
  readonly algorithms: readonly string[]
}
