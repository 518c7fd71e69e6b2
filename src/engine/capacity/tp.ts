import type { Cluster, Node } from '../catalog/clusters.ts'
import { findModel, memoryPerGpuGB, MODELS } from '../catalog/models.ts'
import type { TaskSpec } from '../types.ts'

export type TpChoice =
  | { readonly ok: true; readonly tp: number; readonly eligibleNodes: readonly number[] }
  | { readonly ok: false; readonly tp: number; readonly reason: string }

const fmtGB = (x: number) => `${Number(x.toFixed(1))} GB`

/** Nodes that can hold a TP group of `tp` GPUs, each with `shareGB` of memory. */
function nodesFor(cluster: Cluster, tp: number, shareGB: number): Node[] {
  // 1e-9 keeps 80 GB / 1 = 80 fitting an 80 GB GPU despite float noise.
  return cluster.nodes.filter((n) => n.gpuIndices.length >= tp && shareGB <= n.gpu.memoryGB * (1 + 1e-9))
}

/** TPs to try when the task names none: recommended first, then the model's range upwards. */
function candidateTps(rec: number, minTp: number, maxTp: number): number[] {
  const out = [rec]
  for (let tp = minTp; tp <= maxTp; tp *= 2) if (tp !== rec) out.push(tp)
  return out
}

/**
 * Exact mode: a task's TP and the nodes that can run it. An explicit TP is kept; otherwise the
 * model's recommended TP where it fits, else the smallest TP in its range that fits. Where
 * nothing fits, the reason names what is needed and what the cluster offers.
 */
export function chooseTp(task: TaskSpec, cluster: Cluster): TpChoice {
  const model = findModel(task.model)
  const largestNode = Math.max(...cluster.nodes.map((n) => n.gpuIndices.length))
  if (model === undefined && task.tp === undefined) {
    return {
      ok: false,
      tp: 1,
      reason: `unknown model '${task.model}': give the task a TP, or use a catalog model (${MODELS.map((m) => m.name).join(', ')})`,
    }
  }
  const weightsGB = model?.weightsGB ?? task.memoryGB ?? 0
  const name = model?.name ?? task.model
  if (task.tp !== undefined && model !== undefined && (task.tp < model.minTp || task.tp > model.maxTp)) {
    return { ok: false, tp: task.tp, reason: `TP ${task.tp} is outside ${name}'s range ${model.minTp}–${model.maxTp}` }
  }
  const tps = task.tp !== undefined ? [task.tp] : candidateTps(model!.recommendedTp, model!.minTp, model!.maxTp)
  for (const tp of tps) {
    const nodes = nodesFor(cluster, tp, memoryPerGpuGB(weightsGB, tp))
    if (nodes.length > 0) return { ok: true, tp, eligibleNodes: nodes.map((n) => n.index) }
  }
  // Explain the most generous attempt: the largest TP some node is big enough for.
  const placeable = tps.filter((tp) => tp <= largestNode)
  if (placeable.length === 0) {
    const tp = Math.min(...tps)
    return { ok: false, tp, reason: `TP ${tp} needs ${tp} GPUs in one node; the largest node here has ${largestNode}` }
  }
  const tp = Math.max(...placeable)
  const share = memoryPerGpuGB(weightsGB, tp)
  const bestMem = Math.max(...cluster.nodes.filter((n) => n.gpuIndices.length >= tp).map((n) => n.gpu.memoryGB))
  return {
    ok: false,
    tp,
    reason: `${name} needs ${fmtGB(share)} per GPU at TP ${tp} (${fmtGB(weightsGB)} / ${tp}); the GPUs here hold at most ${fmtGB(bestMem)}`,
  }
}
