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
   * Seconds task `task` (its index) runs on `gpus` (a TP group of `tp`). With no GPUs given,
   * the estimate before placement (what an estimator ranks by).
   */
  durationS(task: number, tp: number, gpus: readonly number[]): number
}

/**
 * A performance model for one cluster and task list. It works out what it can once per task
 * (the loop asks at every start: reading columns there, not task objects, keeps the loop fast).
 */
export type PerformanceFactory = (cluster: Cluster, tasks: readonly TaskSpec[]) => PerformanceModel
