import type { Cluster } from '../catalog/clusters.ts'
import type { TaskSpec } from '../types.ts'

/**
 * How long work takes: one piece of a mode (see modes/mode.ts). Asked at placement, when the
 * GPUs are known, so a model that depends on them (a roofline over the GPU type and the TP
 * group) fits the same seam as the reference's fixed rates.
 */
export interface PerformanceModel {
  readonly name: string
  /**
   * Seconds `task` runs on `gpus` (a TP group of `tp`). With no GPUs given, the estimate before
   * placement (what an estimator ranks by).
   */
  durationS(task: TaskSpec, tp: number, gpus: readonly number[]): number
}

/** A performance model for one cluster (it may read the GPU types). */
export type PerformanceFactory = (cluster: Cluster) => PerformanceModel
