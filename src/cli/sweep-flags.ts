import type { ArrivalProcess, Share, TokenDistribution } from '../engine/workloads/generator.ts'
import { parseDecimal } from '../engine/workloads/errors.ts'
import { UsageError } from './args.ts'

/** A decimal number for `flag`, or a usage error naming it. */
export function decimal(flag: string, text: string): number {
  const x = parseDecimal(text)
  if (x === undefined || !Number.isFinite(x)) throw new UsageError(`${flag} must be a number, got '${text}'`)
  return x
}

export function whole(flag: string, text: string): number {
  const x = decimal(flag, text)
  if (!Number.isInteger(x)) throw new UsageError(`${flag} must be a whole number, got '${text}'`)
  return x
}

/** `KIND:A:B` → the kind and its numbers, each checked; missing numbers take `defaults`. */
function kindWithNumbers(flag: string, text: string, params: Readonly<Record<string, readonly string[]>>, defaults: Readonly<Record<string, readonly number[]>>) {
  const [kind = '', ...rest] = text.split(':').map((s) => s.trim())
  const names = params[kind]
  if (names === undefined) throw new UsageError(`${flag} must start with one of ${Object.keys(params).join(', ')}, got '${text}'`)
  if (rest.length > names.length) throw new UsageError(`${flag} ${kind} takes ${names.length === 0 ? 'no numbers' : names.join(':')}, got '${text}'`)
  const values = names.map((name, i) => (rest[i] === undefined || rest[i] === '' ? defaults[kind]![i]! : decimal(`${flag} ${kind} ${name}`, rest[i]!)))
  return { kind, values }
}

const ARRIVAL_PARAMS = { poisson: ['RATE'], bursts: ['RATE', 'EVERY', 'SIZE', 'WIDTH'], varying: ['MIN', 'MAX', 'PERIOD'], uniform: ['FROM', 'TO'], 'all-at-once': ['AT'] }
const ARRIVAL_DEFAULTS = { poisson: [20], bursts: [5, 5, 50, 0.5], varying: [5, 40, 20], uniform: [0, 10], 'all-at-once': [0] }

/** `poisson:20`, `bursts:5:5:50:0.5` (rate, every, size, width), `varying:5:40:20`, `uniform:0:10`, `all-at-once:0`. */
export function parseArrivals(flag: string, text: string): ArrivalProcess {
  const { kind, values: v } = kindWithNumbers(flag, text, ARRIVAL_PARAMS, ARRIVAL_DEFAULTS)
  switch (kind) {
    case 'poisson':
      return { kind, ratePerS: v[0]! }
    case 'bursts':
      return { kind, ratePerS: v[0]!, everyS: v[1]!, size: v[2]!, widthS: v[3]! }
    case 'varying':
      return { kind, minPerS: v[0]!, maxPerS: v[1]!, periodS: v[2]! }
    case 'uniform':
      return { kind, fromS: v[0]!, toS: v[1]! }
    default:
      return { kind: 'all-at-once', atS: v[0]! }
  }
}

const TOKEN_PARAMS = { fixed: ['N'], uniform: ['MIN', 'MAX'], lognormal: ['MEDIAN', 'SIGMA'], pareto: ['SCALE', 'ALPHA'] }
const TOKEN_DEFAULTS = { fixed: [1000], uniform: [100, 2000], lognormal: [1000, 0.8], pareto: [200, 1.5] }

/** `fixed:1000`, `uniform:100:2000`, `lognormal:1000:0.8`, `pareto:200:1.5`. */
export function parseTokens(flag: string, text: string): TokenDistribution {
  const { kind, values: v } = kindWithNumbers(flag, text, TOKEN_PARAMS, TOKEN_DEFAULTS)
  switch (kind) {
    case 'fixed':
      return { kind, value: v[0]! }
    case 'uniform':
      return { kind, min: v[0]!, max: v[1]! }
    case 'lognormal':
      return { kind, median: v[0]!, sigma: v[1]! }
    default:
      return { kind: 'pareto', scale: v[0]!, alpha: v[1]! }
  }
}

/** `VALUE:SHARE,VALUE:SHARE` (a value with no share has share 1). */
export function parseShares<T>(flag: string, text: string, value: (s: string) => T): Share<T>[] {
  return text.split(',').map((part) => {
    const i = part.lastIndexOf(':')
    const [v, share] = i < 0 ? [part, '1'] : [part.slice(0, i), part.slice(i + 1)]
    if (v.trim() === '') throw new UsageError(`${flag} takes VALUE:SHARE pairs separated by commas, got '${text}'`)
    return { value: value(v.trim()), share: decimal(`${flag} share`, share) }
  })
}
