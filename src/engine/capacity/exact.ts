import type { Cluster } from '../catalog/clusters.ts'
import type { TaskSpec } from '../types.ts'
import type { Admission, CapacityModel, CapacityPlan } from './capacity.ts'
import { chooseVictims } from './preempt.ts'
import { chooseTp } from './tp.ts'

interface CapacityClass {
  readonly tp: number
  readonly eligibleNodes: readonly number[]
}

/**
 * Exact admission: the task's TP (chooseTp) and the nodes that can hold it. Tasks with the same
 * model, TP and memory get the same answer, so it is worked out once per kind of task.
 */
export function createExactPlan(cluster: Cluster): CapacityPlan {
  const classes: CapacityClass[] = []
  const classIds = new Map<string, number>()
  const memo = new Map<string, Admission>()
  return {
    admit(task: TaskSpec): Admission {
      const memoKey = `${task.model}|${task.tp ?? ''}|${task.memoryGB ?? ''}`
      const known = memo.get(memoKey)
      if (known !== undefined) return known
      const choice = chooseTp(task, cluster)
      let admission: Admission
      if (!choice.ok) admission = { ok: false, tp: choice.tp, reason: choice.reason }
      else {
        const key = `${choice.tp}|${choice.eligibleNodes.join(',')}`
        let classId = classIds.get(key)
        if (classId === undefined) {
          classId = classes.length
          classes.push({ tp: choice.tp, eligibleNodes: choice.eligibleNodes })
          classIds.set(key, classId)
        }
        admission = { ok: true, tp: choice.tp, gpusNeeded: choice.tp, classId }
      }
      memo.set(memoKey, admission)
      return admission
    },
    createState: () => createExactState(cluster, classes),
  }
}

/**
 * Exact accounting (default mode): a task holds `tp` GPUs, all free, all in one node. Each
 * node keeps a bitmask of its free GPUs (a node holds at most 8). Placement is best fit: the
 * eligible node with the fewest free GPUs that still holds the group (ties to the lower node),
 * which keeps whole nodes free for large TP groups; inside it, the lowest free GPUs.
 */
function createExactState(cluster: Cluster, classes: readonly CapacityClass[]): CapacityModel {
  const nodeCount = cluster.nodes.length
  const freeMask = new Int32Array(nodeCount)
  const freeCount = new Int32Array(nodeCount)
  const firstGpu = cluster.nodes.map((n) => n.gpuIndices[0]!)
  for (const n of cluster.nodes) {
    freeMask[n.index] = (1 << n.gpuIndices.length) - 1
    freeCount[n.index] = n.gpuIndices.length
  }
  let totalFree = cluster.gpus.length
  // A pick asks every class whether it fits, often many times between two changes of the
  // free GPUs: answers are kept until the next place or release.
  let version = 1
  const answeredAt = new Int32Array(classes.length)
  const answer = new Int32Array(classes.length)

  function bestNodeOf(classId: number): number {
    if (answeredAt[classId] !== version) {
      answer[classId] = bestNode(classes[classId]!)
      answeredAt[classId] = version
    }
    return answer[classId]!
  }

  function bestNode(c: CapacityClass): number {
    let best = -1
    for (const n of c.eligibleNodes) {
      const free = freeCount[n]!
      if (free >= c.tp && (best < 0 || free < freeCount[best]!)) best = n
    }
    return best
  }

  return {
    beginSchedule() {},
    canPlace(classId) {
      return bestNodeOf(classId) >= 0
    },
    place(classId) {
      const c = classes[classId]!
      const node = bestNodeOf(classId)
      version += 1
      const gpus: number[] = []
      let mask = freeMask[node]!
      for (let bit = 0; gpus.length < c.tp; bit++) {
        if (mask & (1 << bit)) {
          gpus.push(firstGpu[node]! + bit)
          mask &= ~(1 << bit)
        }
      }
      freeMask[node] = mask
      freeCount[node] = freeCount[node]! - c.tp
      totalFree -= c.tp
      return gpus
    },
    release(gpus) {
      version += 1
      for (const g of gpus) {
        const node = cluster.nodeOfGpu[g]!
        freeMask[node] = freeMask[node]! | (1 << (g - firstGpu[node]!))
        freeCount[node] = freeCount[node]! + 1
      }
      totalFree += gpus.length
    },
    freeGpuCount: () => totalFree,
    victims(classId, candidates) {
      const c = classes[classId]!
      const inNodes = candidates.map((r) => ({ task: r.task, node: cluster.nodeOfGpu[r.gpus[0]!]!, gpus: r.gpus.length }))
      return chooseVictims(c.tp, c.eligibleNodes, (n) => freeCount[n]!, inNodes)
    },
  }
}
