import type { ServingRunInfo } from '../run-view/serving.ts'
import type { GanttNodeSpec, RowGroup } from './gantt-layout.ts'

/**
 * A serving run's Gantt rows: a group per replica in placement order ("Replica 0", its model
 * and TP), then the GPUs no replica holds, grouped last as "Unused" (none: no such group).
 */
export function replicaGroups(info: Pick<ServingRunInfo, 'models' | 'replicas'>, nodes: readonly GanttNodeSpec[]): RowGroup[] {
  const gpuCount = nodes.reduce((n, node) => Math.max(n, node.first + node.count), 0)
  const held = new Uint8Array(gpuCount)
  const groups: RowGroup[] = info.replicas.map((r, k) => {
    for (const g of r.gpus) held[g] = 1
    return { name: `Replica ${k}`, sub: `${info.models[r.model]} · TP ${r.tp}`, gpus: r.gpus }
  })
  const unused = unusedGpus(held)
  if (unused.length > 0) groups.push({ name: 'Unused', sub: 'no replica', gpus: unused })
  return groups
}

/** The GPUs not marked held. */
function unusedGpus(held: Uint8Array): number[] {
  const out: number[] = []
  held.forEach((h, g) => {
    if (h === 0) out.push(g)
  })
  return out
}
