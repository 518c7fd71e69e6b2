import { policies } from '../engine/policies/registry.ts'
import type { Mode } from '../engine/types.ts'
import type { ArrivalProcess, Share, TokenDistribution } from '../engine/workloads/generator.ts'
import { SWEEP_METRIC_NAMES } from '../sweep/metrics.ts'
import { parseShard, type Shard } from '../sweep/jobs.ts'
import { SWEEP_PARAM_NAMES, type SweepParamName } from '../sweep/params.ts'
import { UsageError } from './args.ts'
import { decimal, parseArrivals, parseShares, parseTokens, whole } from './sweep-flags.ts'

/** A sweep command line as given: `undefined` where the user said nothing (the definition's value stays). */
export interface SweepArgs {
  readonly help: boolean
  /** `merge FILE...` joins sweep files; otherwise a sweep is run. */
  readonly merge: readonly string[] | null
  readonly sweepFile?: string | undefined
  readonly param?: SweepParamName | undefined
  readonly from?: number | undefined
  readonly to?: number | undefined
  readonly points?: number | undefined
  readonly seeds?: number | undefined
  readonly algorithms?: readonly string[] | undefined
  readonly metrics?: readonly string[] | undefined
  readonly out?: string | undefined
  readonly shard?: Shard | undefined
  readonly workers?: number | undefined
  readonly count?: number | undefined
  readonly seed?: number | undefined
  readonly arrivals?: ArrivalProcess | undefined
  readonly rate?: number | undefined
  readonly prefillShare?: number | undefined
  readonly prefillTokens?: TokenDistribution | undefined
  readonly decodeTokens?: TokenDistribution | undefined
  readonly weights?: readonly Share<number>[] | undefined
  readonly models?: readonly Share<string>[] | undefined
  readonly cluster?: string | undefined
  readonly mode?: Mode | undefined
  readonly dtS?: number | undefined
  readonly maxTimeS?: number | undefined
  readonly strict: boolean
  /** `--policy-file`s, in order (repeatable; policyFilesOf reads them first). */
  readonly policyFiles: readonly string[]
}

const VALUE_FLAGS = new Set([
  '--sweep', '--param', '--from', '--to', '--points', '--seeds', '--algorithms', '--metric', '--out', '--shard', '--workers',
  '--count', '--seed', '--arrivals', '--rate', '--prefill-share', '--prefill-tokens', '--decode-tokens', '--weights', '--models',
  '--cluster', '--mode', '--dt', '--max-time',
])

function names(flag: string, text: string, known: readonly string[]): string[] {
  const list = [...new Set(text.split(',').map((s) => s.trim()).filter((s) => s !== ''))]
  if (list.length === 0) throw new UsageError(`${flag} needs at least one of ${known.join(', ')}`)
  for (const n of list) if (!known.includes(n)) throw new UsageError(`${flag}: unknown name '${n}' (known: ${known.join(', ')})`)
  return list
}

/** Parses argv (without node and script); throws UsageError naming the flag. */
export function parseSweepArgs(argv: readonly string[]): SweepArgs {
  const values = new Map<string, string>()
  const positional: string[] = []
  let help = false
  let strict = false
  const policyFiles: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const eq = arg.indexOf('=')
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg
    if (flag === '--help' || flag === '-h') help = true
    else if (flag === '--strict') strict = true
    else if (flag === '--policy-file') {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i]
      if (value === undefined || value.trim() === '' || (eq < 0 && value.startsWith('--'))) throw new UsageError('--policy-file needs a value (a .js file)')
      policyFiles.push(value)
    }
    else if (VALUE_FLAGS.has(flag)) {
      const value = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : argv[++i]
      if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`${flag} needs a value`)
      if (values.has(flag)) throw new UsageError(`${flag} is given twice`)
      values.set(flag, value)
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}' (see --help)`)
    else positional.push(arg)
  }
  const isMerge = positional[0] === 'merge'
  if (!isMerge && positional.length > 0) throw new UsageError(`unexpected '${positional[0]}' (the one command is merge; see --help)`)
  const get = <T>(flag: string, read: (text: string) => T): T | undefined => {
    const text = values.get(flag)
    return text === undefined ? undefined : read(text)
  }
  const out: SweepArgs = {
    help,
    merge: isMerge ? positional.slice(1) : null,
    strict,
    policyFiles,
    sweepFile: values.get('--sweep'),
    param: get('--param', (t) => names('--param', t, SWEEP_PARAM_NAMES)[0] as SweepParamName),
    from: get('--from', (t) => decimal('--from', t)),
    to: get('--to', (t) => decimal('--to', t)),
    points: get('--points', (t) => whole('--points', t)),
    seeds: get('--seeds', (t) => whole('--seeds', t)),
    algorithms: get('--algorithms', (t) => names('--algorithms', t, policies.names())),
    metrics: get('--metric', (t) => names('--metric', t, SWEEP_METRIC_NAMES)),
    out: values.get('--out'),
    shard: get('--shard', (t) => {
      try {
        return parseShard(t)
      } catch (e) {
        throw new UsageError(`--shard: ${(e as Error).message}`)
      }
    }),
    workers: get('--workers', (t) => whole('--workers', t)),
    count: get('--count', (t) => whole('--count', t)),
    seed: get('--seed', (t) => whole('--seed', t)),
    arrivals: get('--arrivals', (t) => parseArrivals('--arrivals', t)),
    rate: get('--rate', (t) => decimal('--rate', t)),
    prefillShare: get('--prefill-share', (t) => decimal('--prefill-share', t)),
    prefillTokens: get('--prefill-tokens', (t) => parseTokens('--prefill-tokens', t)),
    decodeTokens: get('--decode-tokens', (t) => parseTokens('--decode-tokens', t)),
    weights: get('--weights', (t) => parseShares('--weights', t, (v) => decimal('--weights value', v))),
    models: get('--models', (t) => parseShares('--models', t, (v) => v)),
    cluster: values.get('--cluster'),
    mode: get('--mode', (t) => names('--mode', t, ['exact', 'reference', 'serving'])[0] as Mode),
    dtS: get('--dt', (t) => decimal('--dt', t)),
    maxTimeS: get('--max-time', (t) => (t.trim().toLowerCase() === 'inf' ? Infinity : decimal('--max-time', t))),
  }
  if (out.param !== undefined && values.get('--param')!.includes(',')) throw new UsageError('--param takes one parameter')
  if (out.workers !== undefined && out.workers < 1) throw new UsageError(`--workers must be at least 1, got ${out.workers}`)
  if (out.out !== undefined && !/\.(csv|json)$/i.test(out.out)) throw new UsageError(`--out ${out.out}: the file name must end in .csv (the summary) or .json (the whole sweep)`)
  if (out.shard !== undefined && (out.out === undefined || !/\.json$/i.test(out.out))) {
    throw new UsageError('--shard runs a part of the sweep to merge later: write it with --out FILE.json')
  }
  if (isMerge) {
    if (out.merge!.length === 0) throw new UsageError('merge needs the sweep files to join: merge a.json b.json ...')
    const runFlags = [...values.keys()].filter((f) => f !== '--out' && f !== '--metric')
    if (policyFiles.length > 0) runFlags.push('--policy-file')
    if (runFlags.length > 0 || strict) throw new UsageError(`merge takes only --out and --metric, not ${runFlags[0] ?? '--strict'}`)
  }
  return out
}
