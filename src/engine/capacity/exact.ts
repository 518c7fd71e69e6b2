import type { Cluster } from '../catalog/clusters.ts'
import type { TaskSpec } from '../types.ts'
import type { Admission, CapacityModel, CapacityPlan } from './capacity.ts'
import { createNodePool } from './node-pool.ts'
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
 * Exact accounting (default mode): a task holds `tp` GPUs, all free, all in one node, placed
 * by the node pool's best fit (node-pool.ts), on the nodes its class is eligible for.
 */
function createExactState(cluster: Cluster, classes: readonly CapacityClass[]): CapacityModel {
  const pool = createNodePool(cluster)
  // A pick asks every class whether it fits, often many times between two changes of the
  // free GPUs: answers are kept until the next place or release.
  let version = 1
  const answeredAt = new Int32Array(classes.length)
  const answer = new Int32Array(classes.length)

  function bestNodeOf(classId: number): number {
    if (answeredAt[classId] !== version) {
      const c = classes[classId]!
      answer[classId] = pool.bestNode(c.eligibleNodes, c.tp)
      answeredAt[classId] = version
    }
    return answer[classId]!
  }

  return {
    beginSchedule() {},
    canPlace(classId) {
      return bestNodeOf(classId) >= 0
    },
    place(classId) {
      const node = bestNodeOf(classId)
      version += 1
      return pool.take(node, classes[classId]!.tp)
    },
    release(gpus) {
      version += 1
      pool.release(gpus)
    },
    freeGpuCount: () => pool.freeGpuCount(),
    nodesOf(classId) {
      const c = classes[classId]!
      return { nodes: c.eligibleNodes.map((node) => ({ node, free: pool.freeIn(node) })), best: bestNodeOf(classId) }
    },
    placeOn(classId, node) {
      version += 1
      return pool.take(node, classes[classId]!.tp)
    },
    victims(classId, candidates) {
      const c = classes[classId]!
      const inNodes = candidates.map((r) => ({ task: r.task, node: cluster.nodeOfGpu[r.gpus[0]!]!, gpus: r.gpus.length }))
      return chooseVictims(c.tp, c.eligibleNodes, (n) => pool.freeIn(n), inNodes)
    },
  }
}
