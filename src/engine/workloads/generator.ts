import { createRng, type Rng } from '../rng.ts'
import type { TaskSpec } from '../types.ts'

/** How arrivals are spread in time. */
export type ArrivalProcess =
  | { readonly kind: 'all-at-once'; readonly atS: number }
  | { readonly kind: 'uniform'; readonly fromS: number; readonly toS: number }
  | { readonly kind: 'poisson'; readonly ratePerS: number }
  /** A base Poisson rate plus flash crowds: `size` tasks land within `widthS` every `everyS`. */
  | { readonly kind: 'bursts'; readonly ratePerS: number; readonly everyS: number; readonly size: number; readonly widthS: number }
  /** Poisson with a rate that swings sinusoidally between `minPerS` and `maxPerS` every `periodS` (a day/night cycle). */
  | { readonly kind: 'varying'; readonly minPerS: number; readonly maxPerS: number; readonly periodS: number }

/** Token counts per task (rounded to whole tokens, at least `min`). */
export type TokenDistribution =
  | { readonly kind: 'fixed'; readonly value: number }
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number }
  /** Log-normal with the given median and sigma of the underlying normal. */
  | { readonly kind: 'lognormal'; readonly median: number; readonly sigma: number }
  /** Pareto with scale (the minimum) and shape alpha: heavy tails, as real prompt lengths. */
  | { readonly kind: 'pareto'; readonly scale: number; readonly alpha: number }

export interface Share<T> {
  readonly value: T
  readonly share: number
}

export interface GeneratorOptions {
  readonly count: number
  readonly seed: number
  readonly arrivals: ArrivalProcess
  readonly prefillTokens: TokenDistribution
  readonly decodeTokens: TokenDistribution
  /** Share of prefill tasks (the rest are decode tasks), 0..1. */
  readonly prefillShare: number
  readonly weights: readonly Share<number>[]
  readonly models: readonly Share<string>[]
  /** Prefix of generated ids (T1, T2, ...). */
  readonly idPrefix?: string
}

/** Generated tokens are capped so a typo in a parameter cannot produce absurd tasks. */
export const MAX_GENERATED_TOKENS = 1_000_000
export const MAX_GENERATED_TASKS = 1_000_000

type Problem = { field: string; message: string }

/** Problems with the options, each naming the field; empty when fine. */
export function checkGeneratorOptions(o: GeneratorOptions): Problem[] {
  return checkGeneratorParts(o, [['prefillTokens', o.prefillTokens], ['decodeTokens', o.decodeTokens]], (out) => {
    if (!(o.prefillShare >= 0 && o.prefillShare <= 1)) out.push({ field: 'prefillShare', message: 'must be between 0 and 1' })
  })
}

/** What every generator has: a count, a seed, arrivals, weights and models. */
export type GeneratorBase = Pick<GeneratorOptions, 'count' | 'seed' | 'arrivals' | 'weights' | 'models'>

/**
 * The checks shared by the job and the serving generators: count, seed, arrivals, the token
 * distributions named, then `between` (a generator's own fields), then weights and models.
 */
export function checkGeneratorParts(o: GeneratorBase, distributions: readonly (readonly [string, TokenDistribution])[], between: (out: Problem[]) => void = () => {}): Problem[] {
  const out: Problem[] = []
  const positive = (field: string, x: number) => {
    if (!Number.isFinite(x) || x <= 0) out.push({ field, message: 'must be a positive number' })
  }
  const nonNegative = (field: string, x: number) => {
    if (!Number.isFinite(x) || x < 0) out.push({ field, message: 'must be a number ≥ 0' })
  }
  if (!Number.isInteger(o.count) || o.count < 1 || o.count > MAX_GENERATED_TASKS) {
    out.push({ field: 'count', message: `must be a whole number from 1 to ${MAX_GENERATED_TASKS}` })
  }
  if (!Number.isInteger(o.seed)) out.push({ field: 'seed', message: 'must be a whole number' })
  const a = o.arrivals
  if (a.kind === 'all-at-once') nonNegative('arrivals.atS', a.atS)
  if (a.kind === 'uniform') {
    nonNegative('arrivals.fromS', a.fromS)
    nonNegative('arrivals.toS', a.toS)
    if (a.toS < a.fromS) out.push({ field: 'arrivals.toS', message: 'must not be before the start of the window' })
  }
  if (a.kind === 'poisson' || a.kind === 'bursts') positive('arrivals.ratePerS', a.ratePerS)
  if (a.kind === 'bursts') {
    positive('arrivals.everyS', a.everyS)
    nonNegative('arrivals.widthS', a.widthS)
    if (!Number.isInteger(a.size) || a.size < 1) out.push({ field: 'arrivals.size', message: 'must be a whole number ≥ 1' })
  }
  if (a.kind === 'varying') {
    nonNegative('arrivals.minPerS', a.minPerS)
    positive('arrivals.maxPerS', a.maxPerS)
    positive('arrivals.periodS', a.periodS)
    if (a.maxPerS < a.minPerS) out.push({ field: 'arrivals.maxPerS', message: 'must be at least the minimum rate' })
  }
  for (const [name, d] of distributions) {
    if (d.kind === 'fixed') nonNegative(`${name}.value`, d.value)
    if (d.kind === 'uniform') {
      nonNegative(`${name}.min`, d.min)
      nonNegative(`${name}.max`, d.max)
      if (d.max < d.min) out.push({ field: `${name}.max`, message: 'must be at least the minimum' })
    }
    if (d.kind === 'lognormal') {
      positive(`${name}.median`, d.median)
      nonNegative(`${name}.sigma`, d.sigma)
    }
    if (d.kind === 'pareto') {
      positive(`${name}.scale`, d.scale)
      positive(`${name}.alpha`, d.alpha)
    }
  }
  between(out)
  for (const [name, shares] of [['weights', o.weights], ['models', o.models]] as const) {
    if (shares.length === 0) out.push({ field: name, message: 'needs at least one entry' })
    shares.forEach((s, i) => nonNegative(`${name}[${i}].share`, s.share))
    if (shares.length > 0 && !(shares.reduce((sum, s) => sum + s.share, 0) > 0)) out.push({ field: name, message: 'shares must not all be 0' })
  }
  o.weights.forEach((w, i) => nonNegative(`weights[${i}].value`, w.value))
  o.models.forEach((m, i) => {
    if (m.value.trim() === '') out.push({ field: `models[${i}].value`, message: 'model name is empty' })
  })
  return out
}

export function pick<T>(rng: Rng, shares: readonly Share<T>[]): T {
  const total = shares.reduce((s, x) => s + x.share, 0)
  let u = rng.next() * total
  for (const s of shares) {
    u -= s.share
    if (u < 0) return s.value
  }
  return shares[shares.length - 1]!.value
}

export function sampleTokens(rng: Rng, d: TokenDistribution): number {
  let x: number
  switch (d.kind) {
    case 'fixed':
      x = d.value
      break
    case 'uniform':
      x = d.min + rng.next() * (d.max - d.min + 1)
      break
    case 'lognormal':
      x = d.median * Math.exp(d.sigma * rng.normal())
      break
    case 'pareto':
      // Inverse CDF: scale / U^(1/alpha), U in (0, 1].
      x = d.scale / Math.pow(1 - rng.next(), 1 / d.alpha)
      break
  }
  return Math.min(MAX_GENERATED_TOKENS, Math.max(0, Math.floor(x)))
}

const exponential = (rng: Rng, rate: number) => -Math.log(1 - rng.next()) / rate

/** Arrival times, ascending, for `count` tasks. */
export function sampleArrivals(rng: Rng, a: ArrivalProcess, count: number): number[] {
  const out: number[] = []
  switch (a.kind) {
    case 'all-at-once':
      for (let i = 0; i < count; i++) out.push(a.atS)
      return out
    case 'uniform':
      for (let i = 0; i < count; i++) out.push(a.fromS + rng.next() * (a.toS - a.fromS))
      return out.sort((x, y) => x - y)
    case 'poisson': {
      let t = 0
      for (let i = 0; i < count; i++) out.push((t += exponential(rng, a.ratePerS)))
      return out
    }
    case 'bursts': {
      // Background Poisson arrivals, with a flash crowd of `size` tasks at every multiple of everyS.
      let t = 0
      let nextBurst = a.everyS
      while (out.length < count) {
        const gap = exponential(rng, a.ratePerS)
        if (t + gap >= nextBurst) {
          for (let k = 0; k < a.size && out.length < count; k++) out.push(nextBurst + rng.next() * a.widthS)
          t = nextBurst
          nextBurst += a.everyS
        } else out.push((t += gap))
      }
      return out.sort((x, y) => x - y)
    }
    case 'varying': {
      // Thinning (Lewis–Shedler): candidates at the peak rate, kept with probability rate(t) / peak.
      const rate = (t: number) => a.minPerS + ((a.maxPerS - a.minPerS) * (1 - Math.cos((2 * Math.PI * t) / a.periodS))) / 2
      let t = 0
      while (out.length < count) {
        t += exponential(rng, a.maxPerS)
        if (rng.next() * a.maxPerS <= rate(t)) out.push(t)
      }
      return out
    }
  }
}

/** Rounds generated times to microseconds so they read well and survive CSV round trips. */
export const roundTime = (t: number) => Math.round(t * 1e6) / 1e6

/**
 * A synthetic workload: the same options (seed included) always give the same tasks. Throws
 * with the first problem when the options are invalid (check them first for a full list).
 */
export function generateWorkload(o: GeneratorOptions): TaskSpec[] {
  const problems = checkGeneratorOptions(o)
  if (problems.length > 0) throw new Error(`generator ${problems[0]!.field} ${problems[0]!.message}`)
  const rng = createRng(o.seed)
  const arrivals = sampleArrivals(rng, o.arrivals, o.count)
  const prefix = o.idPrefix ?? 'T'
  return arrivals.map((t, i) => {
    const prefill = rng.next() < o.prefillShare
    return {
      id: `${prefix}${i + 1}`,
      model: pick(rng, o.models),
      weight: pick(rng, o.weights),
      arrivalS: roundTime(t),
      phase: prefill ? 'prefill' : 'decode',
      tokens: sampleTokens(rng, prefill ? o.prefillTokens : o.decodeTokens),
    }
  })
}

/** A reasonable starting point for the generator form. */
export const DEFAULT_GENERATOR: GeneratorOptions = {
  count: 200,
  seed: 42,
  arrivals: { kind: 'poisson', ratePerS: 20 },
  prefillTokens: { kind: 'lognormal', median: 1000, sigma: 0.8 },
  decodeTokens: { kind: 'lognormal', median: 2000, sigma: 0.8 },
  prefillShare: 0.5,
  weights: [
    { value: 1, share: 0.7 },
    { value: 10, share: 0.3 },
  ],
  models: [
    { value: 'Llama3-8B', share: 0.4 },
    { value: 'Qwen3', share: 0.3 },
    { value: 'Llama3-70B', share: 0.3 },
  ],
}
