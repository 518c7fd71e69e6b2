import type { ClusterSpec, GpuGroupSpec } from '../types.ts'
import { findGpuType, type GpuType } from './gpus.ts'

/** Cluster presets (reference/README.md "Clusters"), GPUs in cluster order. */
export const CLUSTER_PRESETS: Readonly<Record<string, readonly GpuGroupSpec[]>> = {
  h100_8gpu: [{ gpu: 'H100-SXM-80GB', count: 8 }],
  h100_16gpu: [{ gpu: 'H100-SXM-80GB', count: 16 }],
  h100_32gpu: [{ gpu: 'H100-SXM-80GB', count: 32 }],
  h100_64gpu: [{ gpu: 'H100-SXM-80GB', count: 64 }],
  a100_8gpu: [{ gpu: 'A100-80GB', count: 8 }],
  a100_16gpu: [{ gpu: 'A100-80GB', count: 16 }],
  mixed_8gpu: [
    { gpu: 'H100-SXM-80GB', count: 4 },
    { gpu: 'A100-80GB', count: 2 },
    { gpu: 'A30-24GB', count: 2 },
  ],
  mixed_32gpu: [
    { gpu: 'H100-SXM-80GB', count: 16 },
    { gpu: 'A100-80GB', count: 12 },
    { gpu: 'A30-24GB', count: 4 },
  ],
}

export const CLUSTER_NAMES: readonly string[] = Object.keys(CLUSTER_PRESETS)

/** Upper bound on a custom cluster, so a typo cannot allocate millions of GPUs. */
export const MAX_CLUSTER_GPUS = 4096

export interface Node {
  readonly index: number
  readonly gpu: GpuType
  /** Global GPU indices of this node, ascending. */
  readonly gpuIndices: readonly number[]
}

/** A cluster resolved for simulation: every GPU and the nodes that group them. */
export interface Cluster {
  readonly name: string
  readonly spec: ClusterSpec
  readonly gpus: readonly GpuType[]
  readonly nodes: readonly Node[]
  /** Node index of each GPU. */
  readonly nodeOfGpu: readonly number[]
}

/** A preset by its exact name. Own properties only: `constructor` or `__proto__` is no preset. */
export function presetCluster(name: string): ClusterSpec | undefined {
  return Object.hasOwn(CLUSTER_PRESETS, name) ? { name, groups: CLUSTER_PRESETS[name]! } : undefined
}

/**
 * Lays GPUs out in cluster order and cuts each group into nodes of up to `gpusPerNode` (8):
 * a node never mixes GPU types. Throws with a readable message on an invalid description.
 */
export function resolveCluster(spec: ClusterSpec): Cluster {
  if (spec.groups.length === 0) throw new Error(`cluster ${spec.name} has no GPUs`)
  // Every group is checked, and the total, before a single GPU is laid out.
  const types = spec.groups.map((group) => {
    const type = typeof group.gpu === 'string' ? findGpuType(group.gpu) : undefined
    if (type === undefined) throw new Error(`unknown GPU type '${String(group.gpu)}' in cluster ${spec.name}`)
    if (typeof group.count !== 'number' || !Number.isInteger(group.count) || group.count < 1) {
      throw new Error(`GPU count for ${group.gpu} must be a positive whole number, got ${JSON.stringify(group.count) ?? String(group.count)}`)
    }
    return type
  })
  const total = spec.groups.reduce((sum, g) => sum + g.count, 0)
  if (total > MAX_CLUSTER_GPUS) throw new Error(`cluster ${spec.name} has more than ${MAX_CLUSTER_GPUS} GPUs (${total})`)
  const gpus: GpuType[] = []
  const nodes: Node[] = []
  const nodeOfGpu: number[] = []
  spec.groups.forEach((group, g) => {
    const type = types[g]!
    for (let left = group.count; left > 0; left -= type.gpusPerNode) {
      const size = Math.min(left, type.gpusPerNode)
      const first = gpus.length
      const gpuIndices = Array.from({ length: size }, (_, i) => first + i)
      for (let i = 0; i < size; i++) {
        gpus.push(type)
        nodeOfGpu.push(nodes.length)
      }
      nodes.push({ index: nodes.length, gpu: type, gpuIndices })
    }
  })
  return { name: spec.name, spec, gpus, nodes, nodeOfGpu }
}

/** A preset by name, or a readable error naming the presets. */
export function clusterByName(name: string): Cluster {
  const spec = presetCluster(name)
  if (spec === undefined) {
    throw new Error(`unknown cluster '${name}' (known: ${CLUSTER_NAMES.join(', ')})`)
  }
  return resolveCluster(spec)
}

/**
 * A cluster from what a user typed: a preset name, or `TYPE:COUNT[,TYPE:COUNT...]`
 * (e.g. `h100:16,a100:8`) for a custom one.
 */
export function parseClusterName(text: string): ClusterSpec {
  const name = text.trim()
  const preset = presetCluster(name)
  if (preset !== undefined) return preset
  if (!name.includes(':')) {
    throw new Error(`unknown cluster '${name}' (known: ${CLUSTER_NAMES.join(', ')}, or TYPE:COUNT like h100:16,a100:8)`)
  }
  const groups = name.split(',').map((part) => {
    const [gpu = '', countText = ''] = part.split(':').map((s) => s.trim())
    const count = Number(countText)
    if (findGpuType(gpu) === undefined) throw new Error(`unknown GPU type '${gpu}' in cluster '${name}'`)
    if (!/^\d+$/.test(countText) || count < 1) throw new Error(`GPU count '${countText}' in cluster '${name}' must be a positive whole number`)
    return { gpu: findGpuType(gpu)!.id, count }
  })
  const spec: ClusterSpec = { name: 'custom', groups }
  resolveCluster(spec)
  return spec
}
