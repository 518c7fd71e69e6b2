import type { DecisionPoint } from '../run-view/decision-point.ts'

/** A node the started task's group could have gone to: its index and free GPUs then. */
export interface NodeChoice {
  readonly node: number
  readonly free: number
}

/** Node layout as the prepared run gives it (worker/protocol.ts PreparedRun.nodes). */
type Nodes = readonly { readonly first: number; readonly count: number }[]

/** The node holding GPU `g` (-1: none). */
export function nodeOf(nodes: Nodes, g: number): number {
  return nodes.findIndex((n) => g >= n.first && g < n.first + n.count)
}

/**
 * The nodes with room for a group of `tp` GPUs just before the decision (at least `tp` free).
 * Where there are two or more, where the task starts is a choice worth asking about: the
 * engine's answer is the node of the GPUs it gave the task (its placement is best fit, see
 * engine/capacity/exact.ts).
 */
export function nodeChoices(point: DecisionPoint, nodes: Nodes, tp: number): NodeChoice[] {
  const free = new Int32Array(nodes.length)
  for (const g of point.freeGpus) {
    const n = nodeOf(nodes, g)
    if (n >= 0) free[n]! += 1
  }
  const out: NodeChoice[] = []
  nodes.forEach((_, node) => {
    if (free[node]! >= tp) out.push({ node, free: free[node]! })
  })
  return out
}

/** The node the engine started the task on (-1 when its GPUs are unknown). */
export function engineNode(point: DecisionPoint, nodes: Nodes): number {
  return point.gpus.length === 0 ? -1 : nodeOf(nodes, point.gpus[0]!)
}

/** Why best fit chose `node` among `choices`, in words. */
export function placementReason(choices: readonly NodeChoice[], node: number, tp: number): string {
  const chosen = choices.find((c) => c.node === node)
  if (chosen === undefined) return ''
  const tied = choices.filter((c) => c.free === chosen.free)
  const rule = `best fit: the node with the fewest free GPUs that still holds a group of ${tp}, which keeps whole nodes free for large groups`
  return tied.length > 1
    ? `${rule}; nodes ${tied.map((c) => c.node).join(' and ')} tie at ${chosen.free} free, and ties go to the lower node.`
    : `${rule}: node ${node}, with ${chosen.free} free.`
}
