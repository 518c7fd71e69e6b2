import type { Cluster } from '../catalog/clusters.ts'
import { gpuServingFigures } from '../catalog/gpu-serving.ts'
import type { GpuType } from '../catalog/gpus.ts'
import type { ServingConfig } from './config.ts'
import { kvBlocks, kvBytesPerTokenPerGpu, weightBytesPerGpu } from './kv.ts'
import type { ModelArchitecture, Precision } from './types.ts'

/** One model replica on its TP group, with the figures its iterations need. */
export interface Replica {
  /** Placement order, 0-based. */
  readonly index: number
  /** Index of its deployment in the (explicit or default) list. */
  readonly deployment: number
  readonly model: string
  readonly arch: ModelArchitecture
  readonly tp: number
  /** Global GPU indices, ascending. */
  readonly gpus: readonly number[]
  readonly gpu: GpuType
  readonly dtype: Precision
  readonly kvCacheDtype: Precision
  readonly kvBytesPerToken: number
  readonly weightBytes: number
  /** KV blocks of this replica (per GPU of the group; every GPU holds its share of each block). */
  readonly blocks: number
  /** Dense peak FLOP/s of one GPU at the replica's precision (before mfu). */
  readonly peakFlopsPerS: number
  readonly busGBs: number
}

/** What a deployment's replica would be on one GPU type (blocks may be < 1: it does not fit). */
export interface ReplicaFigures {
  readonly kvBytesPerToken: number
  readonly weightBytes: number
  readonly blocks: number
  /** null: the GPU cannot run the precision (fp8 without FP8 tensor cores). */
  readonly peakFlopsPerS: number | null
  readonly busGBs: number
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

/** Nodes a replica may go on: big enough for the group, on a GPU type where it fits. */
export function eligibleNodes(cluster: Cluster, tp: number, fits: (gpu: GpuType) => boolean): number[] {
  return cluster.nodes.filter((n) => n.gpuIndices.length >= tp && fits(n.gpu)).map((n) => n.index)
}

/**
 * GPUs free per node, and best-fit placement as exact mode places a task (capacity/exact.ts):
 * the eligible node with the fewest free GPUs that still holds the group, ties to the lower
 * node; inside it, its lowest free GPUs. Replicas keep their GPUs for the whole run.
 */
export function createNodePool(cluster: Cluster) {
  const free = cluster.nodes.map((n) => [...n.gpuIndices])
  return {
    /** The node a group of `tp` would go on, or -1. */
    bestNode(nodes: readonly number[], tp: number): number {
      let best = -1
      for (const n of nodes) if (free[n]!.length >= tp && (best < 0 || free[n]!.length < free[best]!.length)) best = n
      return best
    },
    take(node: number, tp: number): number[] {
      return free[node]!.splice(0, tp)
    },
    freeCount: () => free.reduce((s, f) => s + f.length, 0),
  }
}
