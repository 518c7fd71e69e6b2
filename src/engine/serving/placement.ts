import { chooseTp } from '../capacity/tp.ts'
import type { Cluster } from '../catalog/clusters.ts'
import { findModel } from '../catalog/models.ts'
import type { GpuType } from '../catalog/gpus.ts'
import type { InputIssue } from '../workloads/errors.ts'
import type { ServingConfig } from './config.ts'
import type { BookModel, ModelBook } from './model-book.ts'
import { replicaFigures } from '../capacity/kv-blocks.ts'
import { createNodePool, type NodePool } from '../capacity/node-pool.ts'
import type { TaskSpec } from '../types.ts'
import { eligibleNodes, type Replica } from './replica.ts'
import type { DeploymentSpec, ModelArchitecture } from './types.ts'

interface Checked {
  readonly spec: DeploymentSpec
  readonly model: BookModel
  readonly arch: ModelArchitecture
  readonly nodes: readonly number[]
}

const where = (i: number) => `serving.deployments[${i}]`
const fmtGB = (bytes: number) => `${Number((bytes / 1e9).toFixed(2))} GB`

/**
 * Places the deployments, in the order given, replica by replica (best fit: capacity/node-pool.ts),
 * or the default ones when none are given. Returns the replicas, or the configuration errors,
 * each naming its deployment, field and value.
 */
export function placeDeployments(
  cluster: Cluster,
  book: ModelBook,
  config: ServingConfig,
  explicit: readonly DeploymentSpec[] | undefined,
  requests: readonly TaskSpec[],
): { replicas: Replica[]; deployments: DeploymentSpec[]; issues: InputIssue[] } {
  const issues: InputIssue[] = []
  const pool = createNodePool(cluster)
  const replicas: Replica[] = []
  const place = (c: Checked, deployment: number): boolean => {
    const node = pool.bestNode(c.nodes, c.spec.tp)
    if (node < 0) return false
    const gpus = pool.take(node, c.spec.tp)
    const gpu = cluster.nodes[node]!.gpu
    const dtype = c.spec.dtype ?? 'bf16'
    const kvCacheDtype = c.spec.kvCacheDtype ?? 'bf16'
    const f = replicaFigures(c.arch, c.spec.tp, dtype, kvCacheDtype, gpu, config)
    replicas.push({ index: replicas.length, deployment, model: c.model.name, arch: c.arch, tp: c.spec.tp, gpus, gpu, dtype, kvCacheDtype, ...f, peakFlopsPerS: f.peakFlopsPerS! })
    return true
  }

  if (explicit !== undefined) {
    const seen = new Map<string, number>()
    const checked = explicit.map((spec, i) => {
      const c = checkDeployment(spec, i, cluster, book, config, issues)
      if (c !== undefined) {
        const first = seen.get(c.model.name)
        if (first !== undefined) issues.push({ where: where(i), field: 'model', value: spec.model, message: `a second deployment of ${c.model.name} (first at ${where(first)}); give one deployment more replicas instead` })
        else seen.set(c.model.name, i)
      }
      return c
    })
    if (issues.length > 0) return { replicas, deployments: [...explicit], issues }
    checked.forEach((c, i) => {
      for (let k = 0; k < c!.spec.replicas; k++) {
        if (!place(c!, i)) {
          issues.push({ where: where(i), field: 'replicas', value: String(c!.spec.replicas), message: `replica ${k + 1} of ${c!.model.name} TP ${c!.spec.tp} does not fit: ${leftIn(c!.nodes, pool)}` })
          break
        }
      }
    })
    return { replicas, deployments: [...explicit], issues }
  }
  return { replicas, ...placeDefault(cluster, book, config, requests, place), issues }
}

/**
 * Why a replica found no node: the free GPUs of the nodes it may go on, none holding its group
 * ("2 GPUs left in node 1, 1 in node 3"; the first four such nodes, then how many more).
 */
function leftIn(nodes: readonly number[], pool: NodePool): string {
  const left = nodes.filter((n) => pool.freeIn(n) > 0)
  if (left.length === 0) return nodes.length === 1 ? `no GPU left in node ${nodes[0]}, the one node it fits on` : `no GPU left in the ${nodes.length} nodes it fits on`
  const parts = left.slice(0, 4).map((n, j) => (j === 0 ? `${pool.freeIn(n)} ${pool.freeIn(n) === 1 ? 'GPU' : 'GPUs'} left in node ${n}` : `${pool.freeIn(n)} in node ${n}`))
  if (left.length > 4) parts.push(`${left.length - 4} more nodes with fewer`)
  return parts.join(', ')
}

/** Default: each distinct model at exact mode's TP, then one replica of each in turn while any fits. */
function placeDefault(cluster: Cluster, book: ModelBook, config: ServingConfig, requests: readonly TaskSpec[], place: (c: Checked, d: number) => boolean) {
  const models = new Map<string, BookModel>()
  for (const r of requests) {
    const m = book.find(r.model)
    if (m !== undefined && m.arch !== undefined && !models.has(m.name)) models.set(m.name, m)
  }
  const candidates: Checked[] = []
  for (const model of models.values()) {
    const tp = defaultTp(model, model.arch!, cluster, config)
    if (tp === undefined) continue
    const spec: DeploymentSpec = { model: model.name, tp, replicas: 0 }
    const nodes = eligibleNodes(cluster, tp, (gpu) => fitsOn(spec, model.arch!, gpu, config))
    if (nodes.length > 0) candidates.push({ spec, model, arch: model.arch!, nodes })
  }
  const counts = candidates.map(() => 0)
  for (let placed = true; placed; ) {
    placed = false
    candidates.forEach((c, d) => {
      if (place(c, d)) {
        counts[d]! += 1
        placed = true
      }
    })
  }
  const deployments = candidates.map((c, d) => ({ ...c.spec, replicas: counts[d]! }))
  return { deployments }
}

/**
 * The TP exact mode picks for a request of this model (capacity/tp.ts), which knows catalog
 * names only (a scenario model that replaces a catalog entry keeps its name's TP); for a
 * scenario's own model, the smallest power of two that fits.
 */
function defaultTp(model: BookModel, arch: ModelArchitecture, cluster: Cluster, config: ServingConfig): number | undefined {
  if (findModel(model.name) !== undefined) {
    const choice = chooseTp({ id: '', model: model.name, weight: 1, arrivalS: 0, phase: 'prefill', tokens: 0 }, cluster)
    return choice.ok ? choice.tp : undefined
  }
  const largest = Math.max(...cluster.nodes.map((n) => n.gpuIndices.length))
  for (let tp = 1; tp <= largest; tp *= 2) {
    const spec: DeploymentSpec = { model: model.name, tp, replicas: 0 }
    if (eligibleNodes(cluster, tp, (gpu) => fitsOn(spec, arch, gpu, config)).length > 0) return tp
  }
  return undefined
}

function fitsOn(spec: DeploymentSpec, arch: ModelArchitecture, gpu: GpuType, config: ServingConfig): boolean {
  const f = replicaFigures(arch, spec.tp, spec.dtype ?? 'bf16', spec.kvCacheDtype ?? 'bf16', gpu, config)
  return f.blocks >= 1 && f.peakFlopsPerS !== null
}

function checkDeployment(spec: DeploymentSpec, i: number, cluster: Cluster, book: ModelBook, config: ServingConfig, issues: InputIssue[]): Checked | undefined {
  const bad = (field: string, value: unknown, message: string) => {
    issues.push({ where: where(i), field, value: String(value), message })
    return undefined
  }
  if (!Number.isSafeInteger(spec.tp) || spec.tp < 1) return bad('tp', spec.tp, 'must be a whole number of GPUs >= 1')
  if (!Number.isSafeInteger(spec.replicas) || spec.replicas < 1) return bad('replicas', spec.replicas, 'must be a whole number >= 1')
  for (const field of ['dtype', 'kvCacheDtype'] as const) {
    const v = spec[field]
    if (v !== undefined && v !== 'bf16' && v !== 'fp8') return bad(field, v, "must be 'bf16' or 'fp8'")
  }
  const model = book.find(spec.model)
  if (model === undefined) return bad('model', spec.model, "unknown model: define it in the scenario's models, or use a catalog model")
  if (model.arch === undefined) return bad('model', spec.model, `${model.name} has no architecture figures in the catalog: define it in the scenario's models`)
  const arch = model.arch
  const largest = Math.max(...cluster.nodes.map((n) => n.gpuIndices.length))
  if (spec.tp > largest) return bad('tp', spec.tp, `a TP group must fit in one node; the largest node here has ${largest} GPUs`)
  const types = [...new Set(cluster.nodes.filter((n) => n.gpuIndices.length >= spec.tp).map((n) => n.gpu))]
  const figures = types.map((gpu) => ({ gpu, f: replicaFigures(arch, spec.tp, spec.dtype ?? 'bf16', spec.kvCacheDtype ?? 'bf16', gpu, config) }))
  const withPrecision = figures.filter((x) => x.f.peakFlopsPerS !== null)
  if (withPrecision.length === 0) return bad('dtype', spec.dtype, `fp8 needs a GPU with FP8 tensor cores; ${types.map((g) => g.label).join(', ')} have none`)
  const fitting = withPrecision.filter((x) => x.f.blocks >= 1)
  if (fitting.length === 0) {
    const best = withPrecision.reduce((a, b) => (b.gpu.memoryGB > a.gpu.memoryGB ? b : a))
    const share = config.gpuMemoryUtilization * best.gpu.memoryGB * 1e9
    if (best.f.weightBytes > share) {
      return bad('tp', spec.tp, `${model.name}'s weights need ${fmtGB(best.f.weightBytes)} per GPU at TP ${spec.tp}, over the ${fmtGB(share)} that gpuMemoryUtilization ${config.gpuMemoryUtilization} leaves of a ${best.gpu.label}`)
    }
    return bad('tp', spec.tp, `${model.name} at TP ${spec.tp} leaves ${fmtGB(share - best.f.weightBytes)} per GPU of a ${best.gpu.label}, no room for one KV block of ${config.blockSize} tokens (${fmtGB(config.blockSize * best.f.kvBytesPerToken)})`)
  }
  const ok = new Set(fitting.map((x) => x.gpu))
  return { spec, model, arch, nodes: eligibleNodes(cluster, spec.tp, (gpu) => ok.has(gpu)) }
}
