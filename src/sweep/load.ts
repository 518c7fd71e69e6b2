import { resolveCluster } from '../engine/catalog/clusters.ts'
import { jobPresetOf } from '../engine/modes/mode.ts'
import type { ClusterSpec, Mode, Phase, TaskSpec } from '../engine/types.ts'
import type { ArrivalProcess, GeneratorOptions, TokenDistribution } from '../engine/workloads/generator.ts'

/**
 * Tasks per second an arrival process brings on average; Infinity for a process with no rate
 * (every task at one instant, or a window of no length).
 */
export function meanRate(a: ArrivalProcess, count: number): number {
  switch (a.kind) {
    case 'all-at-once':
      return Infinity
    case 'uniform':
      return a.toS > a.fromS ? count / (a.toS - a.fromS) : Infinity
    case 'poisson':
      return a.ratePerS
    case 'bursts':
      return a.ratePerS + a.size / a.everyS
    case 'varying':
      return (a.minPerS + a.maxPerS) / 2
  }
}

/**
 * The same process sped up or slowed down in time so that it brings `ratePerS` tasks per
 * second on average: every time in it divided, every rate multiplied, by one factor. A
 * Poisson process simply gets the new rate. Throws for a process that has no rate to change.
 */
export function withMeanRate(a: ArrivalProcess, count: number, ratePerS: number): ArrivalProcess {
  const current = meanRate(a, count)
  if (!Number.isFinite(current) || !(current > 0)) {
    throw new Error('the arrival rate can only be set for arrivals spread in time (Poisson, bursts, time-varying or a uniform window)')
  }
  const f = ratePerS / current
  switch (a.kind) {
    case 'all-at-once':
      return a
    case 'uniform':
      return { kind: 'uniform', fromS: a.fromS / f, toS: a.fromS / f + count / ratePerS }
    case 'poisson':
      return { kind: 'poisson', ratePerS }
    case 'bursts':
      return { kind: 'bursts', ratePerS: a.ratePerS * f, everyS: a.everyS / f, size: a.size, widthS: a.widthS / f }
    case 'varying':
      return { kind: 'varying', minPerS: a.minPerS * f, maxPerS: a.maxPerS * f, periodS: a.periodS / f }
  }
}

/** The mean of a token distribution as given (the generator's rounding down and cap left out). */
export function meanTokens(d: TokenDistribution): number {
  switch (d.kind) {
    case 'fixed':
      return d.value
    case 'uniform':
      return (d.min + d.max) / 2
    case 'lognormal':
      return d.median * Math.exp((d.sigma * d.sigma) / 2)
    case 'pareto':
      return d.alpha > 1 ? (d.alpha * d.scale) / (d.alpha - 1) : Infinity
  }
}

/**
 * The GPU-seconds one generated task occupies on average: over the model and phase mix, the
 * mode's duration of a task of mean tokens times the GPUs its capacity model gives it (TP
 * `tp` for every task when given). Tasks the cluster rejects occupy nothing. Exact for
 * performance models linear in tokens, as the fixed rates are.
 */
export function meanServiceGpuS(generator: GeneratorOptions, cluster: ClusterSpec, mode: Mode, tpOf?: (model: string) => number): number {
  const preset = jobPresetOf(mode)
  const resolved = resolveCluster(cluster)
  const plan = preset.capacity(resolved)
  const modelTotal = generator.models.reduce((s, m) => s + m.share, 0)
  const phases: [Phase, number, TokenDistribution][] = [
    ['prefill', generator.prefillShare, generator.prefillTokens],
    ['decode', 1 - generator.prefillShare, generator.decodeTokens],
  ]
  const kinds: { spec: TaskSpec; p: number }[] = []
  for (const m of generator.models) {
    for (const [phase, share, dist] of phases) {
      const tp = tpOf?.(m.value)
      const spec: TaskSpec = { id: `mean-${kinds.length}`, model: m.value, weight: 1, arrivalS: 0, phase, tokens: meanTokens(dist), ...(tp === undefined ? {} : { tp }) }
      kinds.push({ spec, p: (m.share / modelTotal) * share })
    }
  }
  const perf = preset.perfModel(resolved, kinds.map((k) => k.spec))
  let total = 0
  kinds.forEach(({ spec, p }, i) => {
    if (p === 0) return
    const admission = plan.admit(spec)
    if (admission.ok) total += p * admission.gpusNeeded * perf.durationS(i, admission.tp, [])
  })
  return total
}
