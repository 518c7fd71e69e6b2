import {
  checkServingGeneratorOptions,
  SERVING_PRESETS,
  type ServingGeneratorOptions,
  type ServingPreset,
} from '../../engine/workloads/serving-generator.ts'
import { ARRIVAL_FALLBACK, arrivals, distDraft, num, strings, tokens, type DistDraft, type ShareDraft } from './draft.ts'
import type { ArrivalKind, ArrivalParam, DistParam } from './fields.ts'

/** Serving mode's generator form as typed: strings, so nothing typed is lost while it is invalid. */
export interface ServingGeneratorDraft {
  readonly count: string
  readonly seed: string
  readonly arrivalKind: ArrivalKind
  readonly arrivalParams: Readonly<Record<ArrivalParam, string>>
  readonly input: DistDraft
  readonly output: DistDraft
  readonly weights: readonly ShareDraft[]
  readonly models: readonly ShareDraft[]
}

export function servingDraftFromOptions(o: ServingGeneratorOptions): ServingGeneratorDraft {
  return {
    count: String(o.count),
    seed: String(o.seed),
    arrivalKind: o.arrivals.kind,
    arrivalParams: { ...ARRIVAL_FALLBACK, ...strings<ArrivalParam>(o.arrivals) },
    input: distDraft(o.inputTokens, 200),
    output: distDraft(o.outputTokens, 200),
    weights: o.weights.map((w) => ({ value: String(w.value), share: String(w.share) })),
    models: o.models.map((m) => ({ value: m.value, share: String(m.share) })),
  }
}

/** The draft with a preset's arrivals and lengths (its count, seed, weights and models kept). */
export function withPreset(d: ServingGeneratorDraft, p: ServingPreset): ServingGeneratorDraft {
  return {
    ...d,
    arrivalKind: p.arrivals.kind,
    arrivalParams: { ...d.arrivalParams, ...strings<ArrivalParam>(p.arrivals) },
    input: { kind: p.inputTokens.kind, params: { ...d.input.params, ...strings<DistParam>(p.inputTokens) } },
    output: { kind: p.outputTokens.kind, params: { ...d.output.params, ...strings<DistParam>(p.outputTokens) } },
  }
}

/** The preset whose arrivals and lengths the draft has, or null (edited since). */
export function presetOfDraft(d: ServingGeneratorDraft): ServingPreset | null {
  const o = parseServingDraft(d).options
  const same = (a: object, b: object) => JSON.stringify(a) === JSON.stringify(b)
  return SERVING_PRESETS.find((p) => same(p.arrivals, o.arrivals) && same(p.inputTokens, o.inputTokens) && same(p.outputTokens, o.outputTokens)) ?? null
}

export interface ParsedServingDraft {
  /** The options the form stands for; only safe to generate from when `problems` is empty. */
  readonly options: ServingGeneratorOptions
  /** A message per field, keyed by the generator's field names (`inputTokens.median`, `models[1].share`). */
  readonly problems: ReadonlyMap<string, string>
}

/** Reads the form and checks it with the generator's own rules, field by field. */
export function parseServingDraft(d: ServingGeneratorDraft): ParsedServingDraft {
  const options: ServingGeneratorOptions = {
    count: num(d.count),
    seed: num(d.seed),
    arrivals: arrivals(d.arrivalKind, d.arrivalParams),
    inputTokens: tokens(d.input),
    outputTokens: tokens(d.output),
    weights: d.weights.map((w) => ({ value: num(w.value), share: num(w.share) })),
    models: d.models.map((m) => ({ value: m.value, share: num(m.share) })),
  }
  const problems = new Map<string, string>()
  for (const p of checkServingGeneratorOptions(options)) if (!problems.has(p.field)) problems.set(p.field, p.message)
  return { options, problems }
}
