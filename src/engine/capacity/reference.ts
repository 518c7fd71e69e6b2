import type { Cluster } from '../catalog/clusters.ts'
import { referenceRecommendedTp } from '../catalog/models.ts'
import { IndexHeap } from '../heap.ts'
import type { CapacityModel, CapacityPlan } from './capacity.ts'

/** The reference gives every task two GPUs, whatever its TP. */
const GPUS_PER_TASK = 2

/**
 * The reference's accounting, quirks included (README "Two modes"): at the start
 * of each schedule stage `slots = floor(free / 2) - running`, which counts running tasks twice
 * (their GPUs are already missing from `free`); each start takes the first two free GPUs in
 * cluster order and uses one slot. No memory or node check; nothing is ever rejected.
 */
export function createReferencePlan(cluster: Cluster): CapacityPlan {
  return {
    admit: (task) => ({ ok: true, tp: referenceRecommendedTp(task.model), gpusNeeded: GPUS_PER_TASK, classId: 0 }),
    createState: () => createReferenceState(cluster),
  }
}

function createReferenceState(cluster: Cluster): CapacityModel {
  const free = new IndexHeap((a, b) => a < b)
  for (let g = 0; g < cluster.gpus.length; g++) free.push(g)
  let slots = 0
  return {
    beginSchedule(runningCount) {
      slots = Math.floor(free.size / GPUS_PER_TASK) - runningCount
    },
    canPlace: () => slots > 0,
    place() {
      slots -= 1
      return [free.pop(), free.pop()]
    },
    release(gpus) {
      for (const g of gpus) free.push(g)
    },
    freeGpuCount: () => free.size,
  }
}
