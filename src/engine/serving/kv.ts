import type { ModelArchitecture, Precision } from './types.ts'

/**
 * Memory of one replica (per GPU of its TP group of p GPUs). BF16 is 2 bytes per element;
 * fp8 halves weights (`dtype`) or the KV cache (`kvCacheDtype`).
 */

/** K and V of every layer for one token on one GPU. KV heads are split over the group, or
 * replicated when there are fewer of them than GPUs (vLLM). */
export function kvBytesPerTokenPerGpu(m: ModelArchitecture, p: number, kvDtype: Precision = 'bf16'): number {
  return 2 * m.layers * Math.max(m.kvHeads / p, 1) * m.headDim * bytesPerElement(kvDtype)
}

export function weightBytesPerGpu(m: ModelArchitecture, p: number, dtype: Precision = 'bf16'): number {
  return ((dtype === 'fp8' ? m.weightsGB / 2 : m.weightsGB) * 1e9) / p
}

/** KV blocks of one replica: what the memory share leaves after the weights, in whole blocks.
 * Negative when the weights alone exceed the share. */
export function kvBlocks(gpuMemoryUtilization: number, memoryGB: number, weightBytes: number, blockSize: number, kvBytesPerToken: number): number {
  return Math.floor((gpuMemoryUtilization * memoryGB * 1e9 - weightBytes) / (blockSize * kvBytesPerToken))
}

/** Blocks a request holds with c tokens computed. */
export function blocksFor(c: number, blockSize: number): number {
  return Math.ceil(c / blockSize)
}

function bytesPerElement(p: Precision): number {
  return p === 'fp8' ? 1 : 2
}
