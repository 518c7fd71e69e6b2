import type { Cluster } from '../catalog/clusters.ts'

/**
 * The free GPUs of each node, and the one placement rule every mode shares: a group of `size`
 * GPUs goes on the eligible node with the fewest free GPUs that still holds it (best fit, ties
 * to the lower node), which keeps whole nodes free for large groups; inside it, on its lowest
 * free GPUs. Exact mode places tasks with it (exact.ts), serving mode its replicas
 * (serving/placement.ts). A node holds at most 8 GPUs: its free ones are a bitmask.
 */
export interface NodePool {
  /** The node a group of `size` would go on, among `eligible` (node indices), or -1. */
  bestNode(eligible: readonly number[], size: number): number
  /** Takes `size` free GPUs of `node` (after bestNode chose it); their indices, ascending. */
  take(node: number, size: number): number[]
  release(gpus: readonly number[]): void
  freeGpuCount(): number
  /** Free GPUs in `node` (preemption asks which victims make room there). */
  freeIn(node: number): number
}

export function createNodePool(cluster: Cluster): NodePool {
  const nodeCount = cluster.nodes.length
  const freeMask = new Int32Array(nodeCount)
  const freeCount = new Int32Array(nodeCount)
  const firstGpu = cluster.nodes.map((n) => n.gpuIndices[0]!)
  for (const n of cluster.nodes) {
    freeMask[n.index] = (1 << n.gpuIndices.length) - 1
    freeCount[n.index] = n.gpuIndices.length
  }
  let totalFree = cluster.gpus.length
  return {
    bestNode(eligible, size) {
      let best = -1
      for (const n of eligible) {
        const free = freeCount[n]!
        if (free >= size && (best < 0 || free < freeCount[best]!)) best = n
      }
      return best
    },
    take(node, size) {
      const gpus: number[] = []
      let mask = freeMask[node]!
      for (let bit = 0; gpus.length < size; bit++) {
        if (mask & (1 << bit)) {
          gpus.push(firstGpu[node]! + bit)
          mask &= ~(1 << bit)
        }
      }
      freeMask[node] = mask
      freeCount[node] = freeCount[node]! - size
      totalFree -= size
      return gpus
    },
    release(gpus) {
      for (const g of gpus) {
        const node = cluster.nodeOfGpu[g]!
        freeMask[node] = freeMask[node]! | (1 << (g - firstGpu[node]!))
        freeCount[node] = freeCount[node]! + 1
      }
      totalFree += gpus.length
    },
    freeGpuCount: () => totalFree,
    freeIn: (node) => freeCount[node]!,
  }
}
