import { resolveCluster } from '../engine/catalog/clusters.ts'
import { findModel } from '../engine/catalog/models.ts'
import type { ClusterSpec, Scenario } from '../engine/types.ts'
import { generateWorkload, type GeneratorOptions, type Share } from '../engine/workloads/generator.ts'
import { pointValues, type SweepDefinition } from './definition.ts'
import { meanRate, meanServiceGpuS, withMeanRate } from './load.ts'

/** What the parameter's value at one point changes: the generator, the cluster, or each task's TP. */
interface PointSetting {
  readonly generator: GeneratorOptions
  readonly cluster: ClusterSpec
  readonly tpOf?: (model: string) => number
}

/** The heaviest class gets `share`; the others split the rest in their given proportions. */
export function withHeaviestShare(weights: readonly Share<number>[], share: number): Share<number>[] {
  const heaviest = weights.reduce((best, w, i) => (w.value > weights[best]!.value ? i : best), 0)
  const othersTotal = weights.reduce((s, w, i) => (i === heaviest ? s : s + w.share), 0)
  const others = weights.length - 1
  return weights.map((w, i) => ({
    value: w.value,
    share: i === heaviest ? share : othersTotal > 0 ? (w.share / othersTotal) * (1 - share) : (1 - share) / others,
  }))
}

/** Every task asks for `tp`, kept within its model's range; a model the catalog lacks takes it as is. */
const tpWithinRange = (tp: number) => (model: string) => {
  const m = findModel(model)
  return m === undefined ? tp : Math.min(m.maxTp, Math.max(m.minTp, tp))
}

function settingAt(d: SweepDefinition, value: number): PointSetting {
  const g = d.generator
  switch (d.param) {
    case 'rate':
      return { generator: { ...g, arrivals: withMeanRate(g.arrivals, g.count, value) }, cluster: d.cluster }
    case 'utilization': {
      const gpus = resolveCluster(d.cluster).gpus.length
      const ratePerS = (value * gpus) / meanServiceGpuS(g, d.cluster, d.mode)
      return { generator: { ...g, arrivals: withMeanRate(g.arrivals, g.count, ratePerS) }, cluster: d.cluster }
    }
    case 'weight-mix':
      return { generator: { ...g, weights: withHeaviestShare(g.weights, value) }, cluster: d.cluster }
    case 'tp':
      return { generator: g, cluster: d.cluster, tpOf: tpWithinRange(value) }
    case 'cluster-size':
      return { generator: g, cluster: { name: 'custom', groups: [{ gpu: d.cluster.groups[0]!.gpu, count: value }] } }
  }
}

/** The scenario of point `point` (0-based) with seed index `seed`: one per (point, seed), always the same. */
export function sweepScenario(d: SweepDefinition, point: number, seed: number): Scenario {
  const value = pointValues(d)[point]!
  const s = settingAt(d, value)
  const seedValue = d.generator.seed + seed
  const generated = generateWorkload({ ...s.generator, seed: seedValue })
  const tpOf = s.tpOf
  const tasks = tpOf === undefined ? generated : generated.map((t) => ({ ...t, tp: tpOf(t.model) }))
  return {
    name: `sweep-${d.param}-${value}-seed-${seedValue}`,
    cluster: s.cluster,
    dtS: d.dtS,
    maxTimeS: d.maxTimeS,
    mode: d.mode,
    backfill: d.backfill,
    tasks,
  }
}

/** A point as results show it: the parameter's value, and the arrival rate and offered load it comes to. */
export interface SweepPoint {
  readonly index: number
  readonly value: number
  /** Mean arrivals per second; null for arrivals all at once. */
  readonly ratePerS: number | null
  /** Arrival rate × mean service GPU-seconds / GPUs (see params.ts); null where either is not finite. */
  readonly offeredLoad: number | null
}

const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null)

export function sweepPoints(d: SweepDefinition): SweepPoint[] {
  return pointValues(d).map((value, index) => {
    const s = settingAt(d, value)
    const rate = meanRate(s.generator.arrivals, s.generator.count)
    const gpus = resolveCluster(s.cluster).gpus.length
    // Serving's service time depends on batching: its offered load has no one value.
    const load = d.mode === 'serving' ? NaN : (rate * meanServiceGpuS(s.generator, s.cluster, d.mode, s.tpOf)) / gpus
    return { index, value, ratePerS: finiteOrNull(rate), offeredLoad: finiteOrNull(load) }
  })
}

/** Problems a valid generator and cluster can still have with the parameter (field `param`). */
export function paramProblems(d: SweepDefinition): string[] {
  const out: string[] = []
  const g = d.generator
  if (d.param === 'rate' || d.param === 'utilization') {
    const rate = meanRate(g.arrivals, g.count)
    if (!(Number.isFinite(rate) && rate > 0)) out.push('needs arrivals spread in time (Poisson, bursts, time-varying or a uniform window), not all at once')
  }
  if (d.param === 'utilization' && d.mode === 'serving') {
    out.push("is defined for the job modes only: in serving mode a request's GPU time depends on its batch (sweep the arrival rate instead)")
  } else if (d.param === 'utilization') {
    const gpuS = meanServiceGpuS(g, d.cluster, d.mode)
    if (!Number.isFinite(gpuS)) out.push('needs tasks of a finite mean size: a Pareto alpha of 1 or less has none')
    else if (!(gpuS > 0)) out.push('needs work to offer: no task of this mix can run on the cluster, or every task has 0 tokens')
  }
  if (d.param === 'weight-mix' && g.weights.length < 2) out.push('needs at least two weight classes to mix')
  return out
}
