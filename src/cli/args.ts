import { policies } from '../engine/policies/registry.ts'
import { parseDeploymentsFlag } from '../engine/serving/deployments-flag.ts'
import type { DeploymentSpec } from '../engine/serving/types.ts'
import type { Mode } from '../engine/types.ts'
import { InputError, parseDecimal } from '../engine/workloads/errors.ts'
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
  /** `--policy-file`s, in order (repeatable). */
  readonly policyFiles: readonly string[]
  /** Serving mode: these override the scenario file's `serving` entries. */
  readonly deployments?: readonly DeploymentSpec[]
  readonly maxNumSeqs?: number
  readonly maxBatchedTokens?: number
  readonly blockSize?: number
}

/** The serving flags, by the `serving` field each sets (all need serving mode). */
export const SERVING_FLAGS = { deployments: '--deployments', maxNumSeqs: '--max-num-seqs', maxBatchedTokens: '--max-batched-tokens', blockSize: '--block-size' } as const

export class UsageError extends Error {}

const COUNTS = ['none', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten']

/** "A, B and C". */
const listed = (names: readonly string[]) => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`)

/** The help text, listing the policies registered when it is asked for. */
export function usage(): string {
  const names = policies.names()
  return `Usage: npm run sim -- [options]

Runs ${listed(names)} on a workload and prints the reference's table.
In serving mode the table gives TTFT, TPOT, E2E, throughput, goodput and preemptions.

Options:
  --workload NAME        discriminating | staggered | both (default: both), or a teaching
                         scenario with its own cluster and settings:
                         ${TEACHING_SCENARIOS.map((t) => t.name).join(' | ')}
  --workload-file PATH   a reference CSV (Task,Workload,Memory,Weight,ArrivalTime,Phase,Tokens),
                         a request CSV (Task,Workload,Weight,ArrivalTime,InputTokens,
                         OutputTokens; serving mode by default) or a scenario JSON;
                         results are keyed by the file's base name
  --cluster NAME         h100_8gpu | h100_16gpu | h100_32gpu | h100_64gpu | a100_8gpu |
                         a100_16gpu | mixed_8gpu | mixed_32gpu, or TYPE:COUNT[,TYPE:COUNT]
                         such as h100:16,a100:8 (default: h100_16gpu)
  --dt SECONDS           step length (default: 0.01)
  --max-time SECONDS     horizon; 'inf' runs until every task has finished (default: 5.0)
  --algorithms A [B ...] any of ${names.join(' ')} (default: all ${COUNTS[names.length] ?? names.length})
  --mode MODE            exact (default): the corrected model, or
                         reference: the Python simulator's accounting, quirks included, or
                         serving: LLM serving with continuous batching, a paged KV cache,
                         preemption and a roofline step time (docs/serving.md); a task of
                         the reference's kind is a request: prefill T = T in, 1 out;
                         decode T = 1 in, T out
  --strict               exact mode: stop at the first task that does not fit
                         (default: backfill, skip it and start the next that fits)
  --preemptive           exact mode: a waiting task that ranks ahead of running ones
                         may preempt them; they resume later with the work they have left
  --output FILE          write metrics as JSON keyed <workload>_<Algorithm>
                         (serving mode adds ttft_mean, tpot_mean, e2e_p95, goodput_rps, ...)
  --trace FILE           write one CSV row per task and algorithm:
                         algorithm,task,model,weight,arrival,start,completion,gpus
                         (serving: algorithm,request,model,weight,arrival,first_token,
                         completion,replica,preemptions)
  --policy-file FILE.js  add a policy written in JavaScript to the algorithms run
                         (repeatable; results keyed <workload>_<name>). The file holds
                           export default { name: 'ByWeight', higherFirst: true,
                                            key: (t) => t.weight }
                         where t has arrival, weight, remaining, tokens, model, tp,
                         waited and now (seconds); ties go to queue order. It runs in
                         a sandbox with a step budget: an endless loop is stopped,
                         and its error names the file and line
  --help                 show this help

Serving mode (these override the scenario file's "serving" settings):
  --deployments LIST     replicas of each model: MODEL:TPxREPLICAS[,...], e.g.
                         Llama3-8B:1x4,Llama3-70B:4x1; add :fp8 (weights) or :fp8kv
                         (KV cache) to a deployment (default: every model of the
                         requests at exact mode's TP, replicas while GPUs are left)
  --max-num-seqs N       most requests running on one replica (default: 256)
  --max-batched-tokens N token budget of one iteration (default: 8192)
  --block-size N         KV-cache block, tokens (default: 16)

Algorithms:
${policies.list().map((p) => `  ${p.name.padEnd(22)} ${p.summary}`).join('\n')}
`
}

const VALUE_FLAGS = new Set([
  '--workload',
  '--workload-file',
  '--cluster',
  '--dt',
  '--max-time',
  '--mode',
  '--output',
  '--trace',
  '--deployments',
  '--max-num-seqs',
  '--max-batched-tokens',
  '--block-size',
])

/** A whole number >= 1 as people write one (decimal; no `0x10`, no `1.5`). */
function count(flag: string, text: string): number {
  const x = parseDecimal(text)
  if (x === undefined || !Number.isSafeInteger(x) || x < 1) throw new UsageError(`${flag} must be a whole number of at least 1, got '${text}'`)
  return x
}

function deploymentsFlag(text: string): DeploymentSpec[] {
  try {
    return parseDeploymentsFlag(text)
  } catch (e) {
    if (e instanceof InputError) throw new UsageError(e.issues.map((i) => `--deployments: ${i.where} '${i.value}': ${i.message}`).join('\n'))
    throw e
  }
}

/**
 * The `--policy-file` paths, read before the rest of the command line: their policies must be
 * registered before `--algorithms` can name them. Throws a UsageError for a flag without a value.
 */
export function policyFilesOf(argv: readonly string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg.startsWith('--policy-file=')) out.push(arg.slice('--policy-file='.length))
    else if (arg === '--policy-file') {
      const value = argv[i + 1]
      if (value === undefined || value.startsWith('--')) throw new UsageError('--policy-file needs a value (a .js file)')
      out.push(value)
      i += 1
    }
  }
  if (out.some((p) => p.trim() === '')) throw new UsageError('--policy-file needs a value (a .js file)')
  return out
}

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
  const policyFiles: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const eq = arg.indexOf('=')
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined
    if (flag === '--help' || flag === '-h') help = true
    else if (flag === '--strict') strict = true
    else if (flag === '--preemptive') preemptive = true
    else if (flag === '--policy-file') {
      const value = inline ?? argv[++i]
      if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) throw new UsageError('--policy-file needs a value (a .js file)')
      policyFiles.push(value)
    }
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
  if (mode !== undefined && mode !== 'exact' && mode !== 'reference' && mode !== 'serving') {
    throw new UsageError(`--mode must be exact or reference for jobs, or serving for LLM serving; got '${mode}'`)
  }
  const deployments = values.get('--deployments')
  const maxNumSeqs = values.get('--max-num-seqs')
  const maxBatchedTokens = values.get('--max-batched-tokens')
  const blockSize = values.get('--block-size')
  const dt = values.get('--dt')
  const maxTime = values.get('--max-time')
  const opt = <K extends string, V>(key: K, v: V | undefined) => (v === undefined ? {} : ({ [key]: v } as Record<K, V>))
  return {
    help,
    workload,
    strict,
    preemptive,
    policyFiles,
    ...opt('workloadFile', values.get('--workload-file')),
    ...opt('cluster', values.get('--cluster')),
    ...opt('dtS', dt === undefined ? undefined : seconds('--dt', dt)),
    ...opt('maxTimeS', maxTime === undefined ? undefined : seconds('--max-time', maxTime)),
    ...opt('algorithms', algorithms),
    ...opt('mode', mode as Mode | undefined),
    ...opt('output', values.get('--output')),
    ...opt('trace', values.get('--trace')),
    ...opt('deployments', deployments === undefined ? undefined : deploymentsFlag(deployments)),
    ...opt('maxNumSeqs', maxNumSeqs === undefined ? undefined : count('--max-num-seqs', maxNumSeqs)),
    ...opt('maxBatchedTokens', maxBatchedTokens === undefined ? undefined : count('--max-batched-tokens', maxBatchedTokens)),
    ...opt('blockSize', blockSize === undefined ? undefined : count('--block-size', blockSize)),
  }
}
