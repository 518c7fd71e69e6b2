import { policies } from '../engine/policies/registry.ts'
import type { Mode } from '../engine/types.ts'
import { parseDecimal } from '../engine/workloads/errors.ts'
import { TEACHING_SCENARIOS, teachingScenario } from '../engine/workloads/scenarios.ts'

/** The command line as given; `undefined` where the user said nothing (defaults apply later). */
export interface CliArgs {
  readonly help: boolean
  /** discriminating, staggered, both, or a teaching scenario's name (engine/workloads/scenarios.ts). */
  readonly workload: string
  readonly workloadFile?: string
  readonly cluster?: string
  readonly dtS?: number
  readonly maxTimeS?: number
  readonly algorithms?: readonly string[]
  readonly mode?: Mode
  readonly strict: boolean
  readonly preemptive: boolean
  readonly output?: string
  readonly trace?: string
}

export class UsageError extends Error {}

const COUNTS = ['none', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten']

/** "A, B and C". */
const listed = (names: readonly string[]) => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`)

/** The help text, listing the policies registered when it is asked for. */
export function usage(): string {
  const names = policies.names()
  return `Usage: npm run sim -- [options]

Runs ${listed(names)} on a workload and prints the reference's table.

Options:
  --workload NAME        discriminating | staggered | both (default: both), or a teaching
                         scenario with its own cluster and settings:
                         ${TEACHING_SCENARIOS.map((t) => t.name).join(' | ')}
  --workload-file PATH   a reference CSV (Task,Workload,Memory,Weight,ArrivalTime,Phase,Tokens)
                         or a scenario JSON; results are keyed by the file's base name
  --cluster NAME         h100_8gpu | h100_16gpu | h100_32gpu | h100_64gpu | a100_8gpu |
                         a100_16gpu | mixed_8gpu | mixed_32gpu, or TYPE:COUNT[,TYPE:COUNT]
                         such as h100:16,a100:8 (default: h100_16gpu)
  --dt SECONDS           step length (default: 0.01)
  --max-time SECONDS     horizon; 'inf' runs until every task has finished (default: 5.0)
  --algorithms A [B ...] any of ${names.join(' ')} (default: all ${COUNTS[names.length] ?? names.length})
  --mode MODE            exact (default): the corrected model, or
                         reference: the Python simulator's accounting, quirks included
  --strict               exact mode: stop at the first task that does not fit
                         (default: backfill, skip it and start the next that fits)
  --preemptive           exact mode: a waiting task that ranks ahead of running ones
                         may preempt them; they resume later with the work they have left
  --output FILE          write metrics as JSON keyed <workload>_<Algorithm>
  --trace FILE           write one CSV row per task and algorithm:
                         algorithm,task,model,weight,arrival,start,completion,gpus
  --help                 show this help

Algorithms:
${policies.list().map((p) => `  ${p.name.padEnd(22)} ${p.summary}`).join('\n')}
`
}

const VALUE_FLAGS = new Set(['--workload', '--workload-file', '--cluster', '--dt', '--max-time', '--mode', '--output', '--trace'])

/**
 * A number of seconds as people write one: decimal, finite (no `0x10`, no `1e400`, which
 * overflows to Infinity). `--max-time inf` is the one way to say unlimited.
 */
function seconds(flag: string, text: string): number {
  if (flag === '--max-time' && text.trim().toLowerCase() === 'inf') return Infinity
  const x = parseDecimal(text)
  const inf = flag === '--max-time' ? ", or 'inf' for no limit" : ''
  if (x === undefined) throw new UsageError(`${flag} must be a number, got '${text}' (a decimal number of seconds${inf})`)
  if (!Number.isFinite(x)) throw new UsageError(`${flag} must be a finite number, got '${text}'${inf}`)
  return x
}

/** Parses argv (without node and script). Throws UsageError with a message naming the flag. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const values = new Map<string, string>()
  let algorithms: string[] | undefined
  let help = false
  let strict = false
  let preemptive = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const eq = arg.indexOf('=')
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined
    if (flag === '--help' || flag === '-h') help = true
    else if (flag === '--strict') strict = true
    else if (flag === '--preemptive') preemptive = true
    else if (flag === '--algorithms') {
      const names: string[] = inline !== undefined ? [inline] : []
      while (inline === undefined && i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) names.push(argv[++i]!)
      const split = names.flatMap((n) => n.split(',')).map((n) => n.trim()).filter((n) => n !== '')
      const known = policies.names()
      if (split.length === 0) throw new UsageError(`--algorithms needs at least one of ${known.join(', ')}`)
      for (const n of split) {
        if (!policies.has(n)) throw new UsageError(`unknown algorithm '${n}' (known: ${known.join(', ')})`)
      }
      algorithms = [...new Set(split)]
    } else if (VALUE_FLAGS.has(flag)) {
      const value = inline ?? argv[++i]
      if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`${flag} needs a value`)
      values.set(flag, value)
    } else {
      throw new UsageError(`unknown option '${arg}' (see --help)`)
    }
  }
  const workload = values.get('--workload') ?? 'both'
  if (workload !== 'discriminating' && workload !== 'staggered' && workload !== 'both' && teachingScenario(workload) === undefined) {
    throw new UsageError(`--workload must be discriminating, staggered, both or a teaching scenario (${TEACHING_SCENARIOS.map((t) => t.name).join(', ')}), got '${workload}'`)
  }
  const mode = values.get('--mode')
  if (mode !== undefined && mode !== 'exact' && mode !== 'reference') {
    throw new UsageError(`--mode must be exact or reference, got '${mode}'`)
  }
  const dt = values.get('--dt')
  const maxTime = values.get('--max-time')
  const opt = <K extends string, V>(key: K, v: V | undefined) => (v === undefined ? {} : ({ [key]: v } as Record<K, V>))
  return {
    help,
    workload,
    strict,
    preemptive,
    ...opt('workloadFile', values.get('--workload-file')),
    ...opt('cluster', values.get('--cluster')),
    ...opt('dtS', dt === undefined ? undefined : seconds('--dt', dt)),
    ...opt('maxTimeS', maxTime === undefined ? undefined : seconds('--max-time', maxTime)),
    ...opt('algorithms', algorithms),
    ...opt('mode', mode as Mode | undefined),
    ...opt('output', values.get('--output')),
    ...opt('trace', values.get('--trace')),
  }
}
