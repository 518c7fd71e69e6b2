import {
  checkGeneratorOptions,
  type ArrivalProcess,
  type GeneratorOptions,
  type TokenDistribution,
} from '../../engine/workloads/generator.ts'
import type { ArrivalKind, ArrivalParam, DistKind, DistParam } from './fields.ts'

export interface ShareDraft {
  readonly value: string
  readonly share: string
}

export interface DistDraft {
  readonly kind: DistKind
  /** Parameters of every distribution: switching kind keeps what was typed for the others. */
  readonly params: Readonly<Record<DistParam, string>>
}

/** The generator form as typed: strings, so nothing the user typed is lost while it is invalid. */
export interface GeneratorDraft {
  readonly count: string
  readonly seed: string
  readonly arrivalKind: ArrivalKind
  readonly arrivalParams: Readonly<Record<ArrivalParam, string>>
  readonly prefill: DistDraft
  readonly decode: DistDraft
  /** Share of prefill tasks in percent (the options hold a fraction). */
  readonly prefillPercent: string
  readonly weights: readonly ShareDraft[]
  readonly models: readonly ShareDraft[]
}

/** Starting values of the parameters a process or distribution does not set itself. */
export const ARRIVAL_FALLBACK: Record<ArrivalParam, string> = {
  atS: '0', fromS: '0', toS: '10', ratePerS: '20', everyS: '5', size: '50', widthS: '0.5', minPerS: '5', maxPerS: '40', periodS: '20',
}
const distFallback = (median: number): Record<DistParam, string> => ({
  value: String(median), min: String(median / 10), max: String(median * 2), median: String(median), sigma: '0.8', scale: String(median / 5), alpha: '1.5',
})

export const strings = <K extends string>(o: object): Partial<Record<K, string>> =>
  Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'kind').map(([k, v]) => [k, String(v)])) as Partial<Record<K, string>>

export function distDraft(d: TokenDistribution, median: number): DistDraft {
  return { kind: d.kind, params: { ...distFallback(median), ...strings<DistParam>(d) } }
}

export function draftFromOptions(o: GeneratorOptions): GeneratorDraft {
  return {
    count: String(o.count),
    seed: String(o.seed),
    arrivalKind: o.arrivals.kind,
    arrivalParams: { ...ARRIVAL_FALLBACK, ...strings<ArrivalParam>(o.arrivals) },
    prefill: distDraft(o.prefillTokens, 1000),
    decode: distDraft(o.decodeTokens, 2000),
    prefillPercent: String(Math.round(o.prefillShare * 1000) / 10),
    weights: o.weights.map((w) => ({ value: String(w.value), share: String(w.share) })),
    models: o.models.map((m) => ({ value: m.value, share: String(m.share) })),
  }
}

/** A number as typed; empty or unreadable text is NaN, which the checks then name. */
export const num = (text: string) => (text.trim() === '' ? NaN : Number(text.trim()))

export function arrivals(kind: ArrivalKind, p: Readonly<Record<ArrivalParam, string>>): ArrivalProcess {
  switch (kind) {
    case 'all-at-once':
      return { kind, atS: num(p.atS) }
    case 'uniform':
      return { kind, fromS: num(p.fromS), toS: num(p.toS) }
    case 'poisson':
      return { kind, ratePerS: num(p.ratePerS) }
    case 'bursts':
      return { kind, ratePerS: num(p.ratePerS), everyS: num(p.everyS), size: num(p.size), widthS: num(p.widthS) }
    case 'varying':
      return { kind, minPerS: num(p.minPerS), maxPerS: num(p.maxPerS), periodS: num(p.periodS) }
  }
}

export function tokens(d: DistDraft): TokenDistribution {
  const p = d.params
  switch (d.kind) {
    case 'fixed':
      return { kind: 'fixed', value: num(p.value) }
    case 'uniform':
      return { kind: 'uniform', min: num(p.min), max: num(p.max) }
    case 'lognormal':
      return { kind: 'lognormal', median: num(p.median), sigma: num(p.sigma) }
    case 'pareto':
      return { kind: 'pareto', scale: num(p.scale), alpha: num(p.alpha) }
  }
}

export interface ParsedDraft {
  /** The options the form stands for; only safe to generate from when `problems` is empty. */
  readonly options: GeneratorOptions
  /** A message per field, keyed by the generator's field names (`arrivals.ratePerS`, `weights[1].share`). */
  readonly problems: ReadonlyMap<string, string>
}

/** Reads the form and checks it with the generator's own rules, field by field. */
export function parseDraft(d: GeneratorDraft): ParsedDraft {
  const options: GeneratorOptions = {
    count: num(d.count),
    seed: num(d.seed),
    arrivals: arrivals(d.arrivalKind, d.arrivalParams),
    prefillTokens: tokens(d.prefill),
    decodeTokens: tokens(d.decode),
    prefillShare: num(d.prefillPercent) / 100,
    weights: d.weights.map((w) => ({ value: num(w.value), share: num(w.share) })),
    models: d.models.map((m) => ({ value: m.value, share: num(m.share) })),
  }
  const problems = new Map<string, string>()
  for (const p of checkGeneratorOptions(options)) {
    // The form asks for a percentage where the options hold a fraction.
    const message = p.field === 'prefillShare' ? 'must be between 0 and 100' : p.message
    if (!problems.has(p.field)) problems.set(p.field, message)
  }
  return { options, problems }
}
