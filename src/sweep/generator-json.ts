import type { ArrivalProcess, GeneratorOptions, Share, TokenDistribution } from '../engine/workloads/generator.ts'

/** Reports a problem at a JSON path (`definition.generator.arrivals.ratePerS`). */
export type Bad = (where: string, value: unknown, message: string) => void

export const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)

/** Keys each kind of arrival process and token distribution holds besides `kind`. */
const ARRIVAL_KEYS: Readonly<Record<ArrivalProcess['kind'], readonly string[]>> = {
  'all-at-once': ['atS'],
  uniform: ['fromS', 'toS'],
  poisson: ['ratePerS'],
  bursts: ['ratePerS', 'everyS', 'size', 'widthS'],
  varying: ['minPerS', 'maxPerS', 'periodS'],
}
const DIST_KEYS: Readonly<Record<TokenDistribution['kind'], readonly string[]>> = {
  fixed: ['value'],
  uniform: ['min', 'max'],
  lognormal: ['median', 'sigma'],
  pareto: ['scale', 'alpha'],
}
const GENERATOR_KEYS = ['count', 'seed', 'arrivals', 'prefillTokens', 'decodeTokens', 'prefillShare', 'weights', 'models', 'idPrefix']

function checkKeys(obj: Record<string, unknown>, known: readonly string[], where: string, bad: Bad): void {
  for (const k of Object.keys(obj)) if (!known.includes(k)) bad(`${where}.${k}`, obj[k], `unknown key (expected ${known.join(', ')})`)
}

function num(obj: Record<string, unknown>, key: string, where: string, bad: Bad): number {
  const x = obj[key]
  if (typeof x !== 'number' || !Number.isFinite(x)) {
    bad(`${where}.${key}`, x, 'must be a number')
    return NaN
  }
  return x
}

/** A tagged object (`{ "kind": "poisson", "ratePerS": 20 }`) with exactly its kind's numeric keys. */
function tagged<T>(x: unknown, where: string, keysOf: Readonly<Record<string, readonly string[]>>, bad: Bad): T | undefined {
  if (!isObject(x)) {
    bad(where, x, 'must be an object with a kind')
    return undefined
  }
  const kind = x.kind
  if (typeof kind !== 'string' || !Object.hasOwn(keysOf, kind)) {
    bad(`${where}.kind`, kind, `must be one of ${Object.keys(keysOf).join(', ')}`)
    return undefined
  }
  const keys = keysOf[kind]!
  checkKeys(x, ['kind', ...keys], where, bad)
  return Object.fromEntries([['kind', kind], ...keys.map((k) => [k, num(x, k, where, bad)])]) as T
}

function shares<T>(x: unknown, where: string, value: (v: unknown, at: string) => T, bad: Bad): Share<T>[] {
  if (!Array.isArray(x)) {
    bad(where, x, 'must be a list of { value, share }')
    return []
  }
  return x.map((s, i) => {
    const at = `${where}[${i}]`
    if (!isObject(s)) {
      bad(at, s, 'must be { value, share }')
      return { value: value(undefined, `${at}.value`), share: NaN }
    }
    checkKeys(s, ['value', 'share'], at, bad)
    return { value: value(s.value, `${at}.value`), share: num(s, 'share', at, bad) }
  })
}

/** Generator options from JSON, every malformed field reported; the generator's own checks judge the values. */
export function readGenerator(x: unknown, where: string, bad: Bad): GeneratorOptions | undefined {
  if (!isObject(x)) {
    bad(where, x, 'must be an object of generator options')
    return undefined
  }
  checkKeys(x, GENERATOR_KEYS, where, bad)
  const arrivals = tagged<ArrivalProcess>(x.arrivals, `${where}.arrivals`, ARRIVAL_KEYS, bad)
  const prefillTokens = tagged<TokenDistribution>(x.prefillTokens, `${where}.prefillTokens`, DIST_KEYS, bad)
  const decodeTokens = tagged<TokenDistribution>(x.decodeTokens, `${where}.decodeTokens`, DIST_KEYS, bad)
  const weightOf = (v: unknown, at: string) => {
    if (typeof v === 'number' && Number.isFinite(v)) return v
    bad(at, v, 'must be a number')
    return NaN
  }
  const modelOf = (v: unknown, at: string) => {
    if (typeof v === 'string') return v
    bad(at, v, 'must be a model name')
    return ''
  }
  const idPrefix = x.idPrefix
  if (idPrefix !== undefined && typeof idPrefix !== 'string') bad(`${where}.idPrefix`, idPrefix, 'must be a string')
  if (arrivals === undefined || prefillTokens === undefined || decodeTokens === undefined) return undefined
  return {
    count: num(x, 'count', where, bad),
    seed: num(x, 'seed', where, bad),
    arrivals,
    prefillTokens,
    decodeTokens,
    prefillShare: num(x, 'prefillShare', where, bad),
    weights: shares(x.weights, `${where}.weights`, weightOf, bad),
    models: shares(x.models, `${where}.models`, modelOf, bad),
    ...(typeof idPrefix === 'string' ? { idPrefix } : {}),
  }
}
