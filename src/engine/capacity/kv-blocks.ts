import { gpuServingFigures } from '../catalog/gpu-serving.ts'
import type { GpuType } from '../catalog/gpus.ts'
import type { ServingConfig } from '../serving/config.ts'
import type { ModelArchitecture, Precision } from '../serving/types.ts'

/**
 * Serving mode's capacity resource: the KV cache of a replica in blocks (docs/serving.md,
 * "Replicas and KV capacity"). Figures are per GPU of a TP group of p GPUs; BF16 is 2 bytes
 * per element, and fp8 halves the weights (`dtype`) or the KV cache (`kvCacheDtype`). Which
 * GPUs a replica gets is the node pool's best fit (node-pool.ts), as for exact mode's tasks.
 */

/** What a deployment's replica is on one GPU type (blocks may be < 1: it does not fit). */
export interface ReplicaFigures {
  readonly kvBytesPerToken: number
  readonly weightBytes: number
  readonly blocks: number
  /** Dense peak FLOP/s of one GPU at the precision; null: the GPU has no FP8 tensor cores. */
  readonly peakFlopsPerS: number | null
  readonly busGBs: number
}

/**
 * K and V of every layer for one token on one GPU. KV heads are split over the group, or
 * replicated when there are fewer of them than GPUs (vLLM).
 */
export function kvBytesPerTokenPerGpu(m: ModelArchitecture, p: number, kvDtype: Precision = 'bf16'): number {
  return 2 * m.layers * Math.max(m.kvHeads / p, 1) * m.headDim * bytesPerElement(kvDtype)
}

export function weightBytesPerGpu(m: ModelArchitecture, p: number, dtype: Precision = 'bf16'): number {
  return ((dtype === 'fp8' ? m.weightsGB / 2 : m.weightsGB) * 1e9) / p
}

/**
 * KV blocks of one replica: what the memory share leaves after the weights, in whole blocks.
 * Negative when the weights alone exceed the share.
 */
export function kvBlocks(gpuMemoryUtilization: number, memoryGB: number, weightBytes: number, blockSize: number, kvBytesPerToken: number): number {
  return Math.floor((gpuMemoryUtilization * memoryGB * 1e9 - weightBytes) / (blockSize * kvBytesPerToken))
}

/** Blocks a request holds with c tokens computed. */
export function blocksFor(c: number, blockSize: number): number {
  return Math.ceil(c / blockSize)
}

export function replicaFigures(arch: ModelArchitecture, tp: number, dtype: Precision, kvCacheDtype: Precision, gpu: GpuType, config: ServingConfig): ReplicaFigures {
  const kvBytesPerToken = kvBytesPerTokenPerGpu(arch, tp, kvCacheDtype)
  const weightBytes = weightBytesPerGpu(arch, tp, dtype)
  const serving = gpuServingFigures(gpu.id)
  const tflops = dtype === 'fp8' ? serving.fp8Tflops : gpu.bf16Tflops
  return {
    kvBytesPerToken,
    weightBytes,
    blocks: kvBlocks(config.gpuMemoryUtilization, gpu.memoryGB, weightBytes, config.blockSize, kvBytesPerToken),
    peakFlopsPerS: tflops === null ? null : tflops * 1e12,
    busGBs: config.allReduceBusGBs ?? serving.allReduceBusGBs,
  }
}

function bytesPerElement(p: Precision): number {
  return p === 'fp8' ? 1 : 2
}
