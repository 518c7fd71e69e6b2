import { parseClusterName } from '../engine/catalog/clusters.ts'
import type { Mode } from '../engine/types.ts'
import { formatIssue, InputError } from '../engine/workloads/errors.ts'
import { checkSweep } from '../sweep/check.ts'
import { formatSweepCsv } from '../sweep/csv.ts'
import { defaultSweep, type SweepDefinition } from '../sweep/definition.ts'
import { shardJobs } from '../sweep/jobs.ts'
import { formatSweepJson, parseSweepJson } from '../sweep/json.ts'
import { withMeanRate } from '../sweep/load.ts'
import { mergeResults } from '../sweep/merge.ts'
import { DEFAULT_SWEEP_METRIC, metricsFor } from '../sweep/metrics.ts'
import { runJobs, type StartWorker } from '../sweep/pool.ts'
import { policyCodeName } from '../sweep/user-policies.ts'
import { assembleResult, type SweepResult } from '../sweep/result.ts'
import { UsageError } from './args.ts'
import type { CliIo } from './cli.ts'
import { MAX_POLICY_FILE_BYTES, readInput } from './cli.ts'
import { policyFilesOf } from './args.ts'
import { nodeRealm } from './node-realm.ts'
import { loadUserPolicies, type UserPolicies } from './policy-files.ts'
import { parseSweepArgs, type SweepArgs } from './sweep-args.ts'
import type { SweepPolicyCode } from '../sweep/user-policies.ts'
import { describeSweep, formatSweepTable } from './sweep-report.ts'
import { sweepUsage } from './sweep-usage.ts'

/** A run or a merge that failed for a reason the user can act on (the message says which point, or which file). */
class SweepFailure extends Error {}

/** How the CLI runs jobs: worker threads in a process, this thread in tests. */
export interface SweepWorkers {
  readonly start: StartWorker
  /** Workers when --workers is not given (the machine's cores, capped). */
  readonly count: number
}

/** The flag that sets each field of a definition, to word its problems as the user typed them. */
const FLAG_OF: readonly [string, string][] = [
  ['generator.count', '--count'], ['generator.seed', '--seed'], ['generator.arrivals', '--arrivals'], ['generator.prefillShare', '--prefill-share'],
  ['generator.prefillTokens', '--prefill-tokens'], ['generator.decodeTokens', '--decode-tokens'], ['generator.weights', '--weights'],
  ['generator.models', '--models'], ['cluster', '--cluster'], ['dt', '--dt'], ['maxTime', '--max-time'], ['param', '--param'],
  ['from', '--from'], ['to', '--to'], ['points', '--points'], ['seeds', '--seeds'], ['algorithms', '--algorithms'],
]
const flagOf = (field: string) => FLAG_OF.find(([f]) => field === f || field.startsWith(`${f}.`) || field.startsWith(`${f}[`))?.[1] ?? field

function readSweepFile(path: string, io: CliIo): SweepResult {
  let text: string
  try {
    text = io.readFile(path)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    throw new InputError(path, [{ where: 'file', message: `cannot be read: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : (e as Error).message}` }])
  }
  return parseSweepJson(text, path)
}

/** The definition the flags describe, on top of --sweep FILE's or the default one; `files`: the --policy-file policies. */
function buildDefinition(args: SweepArgs, io: CliIo, files: readonly SweepPolicyCode[]): SweepDefinition {
  const base = args.sweepFile !== undefined ? readSweepFile(args.sweepFile, io).definition : defaultSweep()
  const g = base.generator
  const count = args.count ?? g.count
  let arrivals = args.arrivals ?? g.arrivals
  const param = args.param ?? base.param
  if (args.rate !== undefined) {
    if (param === 'rate' || param === 'utilization') throw new UsageError(`--rate sets the arrival rate of a sweep over another parameter; --param ${param} sets it at each point`)
    if (!(args.rate > 0)) throw new UsageError(`--rate must be a positive number of tasks per second, got ${args.rate}`)
    try {
      arrivals = withMeanRate(arrivals, count, args.rate)
    } catch (e) {
      throw new UsageError(`--rate: ${(e as Error).message}`)
    }
  }
  let cluster = base.cluster
  const named = args.algorithms ?? base.algorithms
  const fileNames = new Set(files.map(policyCodeName))
  const policies = [...(base.policies ?? []).filter((p) => !fileNames.has(policyCodeName(p))), ...files]
  if (args.cluster !== undefined) {
    try {
      cluster = parseClusterName(args.cluster)
    } catch (e) {
      throw new UsageError(`--cluster: ${(e as Error).message}`)
    }
  }
  return {
    generator: {
      ...g,
      count,
      seed: args.seed ?? g.seed,
      arrivals,
      prefillShare: args.prefillShare ?? g.prefillShare,
      prefillTokens: args.prefillTokens ?? g.prefillTokens,
      decodeTokens: args.decodeTokens ?? g.decodeTokens,
      weights: args.weights ?? g.weights,
      models: args.models ?? g.models,
    },
    cluster,
    mode: args.mode ?? base.mode,
    dtS: args.dtS ?? base.dtS,
    maxTimeS: args.maxTimeS ?? base.maxTimeS,
    backfill: args.strict ? false : base.backfill,
    param,
    from: args.from ?? base.from,
    to: args.to ?? base.to,
    points: args.points ?? base.points,
    seeds: args.seeds ?? base.seeds,
    // A policy file adds its policy to whatever runs, as for npm run sim.
    algorithms: [...named, ...files.map(policyCodeName).filter((n) => !named.includes(n))],
    ...(policies.length > 0 && { policies }),
  }
}

/** --metric names what this mode's runs have (TTFT p95 is serving mode's only). */
function checkMetricsFor(mode: Mode, metrics: readonly string[] | undefined): void {
  const known = metricsFor(mode).map((m) => m.name)
  const missing = (metrics ?? []).filter((m) => !known.includes(m))
  if (missing.length > 0) throw new UsageError(`--metric ${missing[0]}: ${mode} mode's runs do not have it (they have ${known.join(', ')})`)
}

function report(r: SweepResult, args: SweepArgs, io: CliIo, ran?: string): void {
  checkMetricsFor(r.definition.mode, args.metrics)
  const metrics = args.metrics ?? [DEFAULT_SWEEP_METRIC]
  io.out(`${describeSweep(r)}\n${ran === undefined ? '' : `${ran}\n`}\n${metrics.map((m) => formatSweepTable(r, m)).join('\n\n')}\n`)
  if (args.out !== undefined) {
    const text = /\.json$/i.test(args.out) ? formatSweepJson(r) : formatSweepCsv(r, args.metrics)
    try {
      io.writeFile(args.out, text)
    } catch (e) {
      throw new InputError(args.out, [{ where: 'file', message: `cannot be written: ${(e as Error).message}` }])
    }
    io.out(`\nSweep written to ${args.out}\n`)
  }
}

async function run(args: SweepArgs, io: CliIo, workers: SweepWorkers, files: readonly SweepPolicyCode[]): Promise<void> {
  if (args.out !== undefined) {
    const why = io.outputProblem(args.out)
    if (why !== undefined) throw new UsageError(`--out ${args.out}: ${why}`)
  }
  if (args.merge !== null) {
    const parts = args.merge.map((path) => ({ source: path, result: readSweepFile(path, io) }))
    let merged: SweepResult
    try {
      merged = mergeResults(parts)
    } catch (e) {
      throw new SweepFailure(`cannot merge: ${(e as Error).message}`)
    }
    report(merged, args, io)
    if (!merged.complete) io.err(`schedscope sweep: the merged sweep is incomplete (${merged.runs.length} of ${merged.points.length * merged.definition.seeds * merged.definition.algorithms.length} runs): is a shard missing?\n`)
    return
  }
  const d = buildDefinition(args, io, files)
  checkMetricsFor(d.mode, args.metrics)
  const problems = checkSweep(d)
  if (problems.length > 0) throw new UsageError(problems.map((p) => `${flagOf(p.field)}: ${p.message}`).join('\n'))
  const shard = args.shard ?? null
  const jobs = shardJobs(d, shard)
  const threads = Math.max(1, Math.min(args.workers ?? workers.count, jobs.length))
  let results
  try {
    results = await runJobs(d, jobs, { workers: threads, start: workers.start }).done
  } catch (e) {
    throw new SweepFailure(`the sweep stopped: ${(e as Error).message}`)
  }
  const ran = `Ran ${jobs.length} scenarios × ${d.algorithms.length} policies on ${threads} worker ${threads === 1 ? 'thread' : 'threads'}.`
  report(assembleResult(d, results, shard), args, io, ran)
}

/** `npm run sweep`: runs a sweep (or merges sweep files); resolves to the exit code (0 ok, 1 bad input or a failed run, 2 bad usage). */
export async function runSweepCli(argv: readonly string[], io: CliIo, workers: SweepWorkers): Promise<number> {
  let user: UserPolicies | null = null
  try {
    // Policy files first: --algorithms and --help must know their names. Compiled here once to
    // check them (the error names the file and line); each worker compiles the text again.
    const paths = policyFilesOf(argv)
    const texts = paths.map((path) => ({ path, text: readInput(io, path, MAX_POLICY_FILE_BYTES) }))
    if (texts.length > 0) user = loadUserPolicies(texts, [], nodeRealm())
    const files: SweepPolicyCode[] = (user?.loaded ?? []).map((p, i) => ({ kind: 'file', name: p.source.name, file: p.file, text: texts[i]!.text }))
    const args = parseSweepArgs(argv)
    if (args.help) {
      io.out(sweepUsage())
      return 0
    }
    await run(args, io, workers, files)
    return 0
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`schedscope sweep: ${e.message.split('\n').join('\nschedscope sweep: ')}\nRun with --help for the options.\n`)
      return 2
    }
    if (e instanceof InputError) {
      io.err(`schedscope sweep: cannot use ${e.source}:\n${e.issues.map((i) => formatIssue(e.source, i)).join('\n')}\n`)
      return 1
    }
    if (e instanceof SweepFailure) {
      io.err(`schedscope sweep: ${e.message}\n`)
      return 1
    }
    throw e
  } finally {
    user?.dispose()
  }
}
