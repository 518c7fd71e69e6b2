import type { Cluster } from '../catalog/clusters.ts'
import type { GpuType } from '../catalog/gpus.ts'
import type { ModelArchitecture, Precision } from './types.ts'

/** One model replica on its TP group, with the figures its iterations need (capacity/kv-blocks.ts). */
export interface Replica {
  /** Placement order, 0-based. */
  readonly index: number
  /** Index of its deployment in the (given or default) list. */
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

/** Nodes a replica may go on: big enough for the group, on a GPU type where it fits. */
export function eligibleNodes(cluster: Cluster, tp: number, fits: (gpu: GpuType) => boolean): number[] {
  return cluster.nodes.filter((n) => n.gpuIndices.length >= tp && fits(n.gpu)).map((n) => n.index)
}
