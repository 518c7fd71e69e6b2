import { parseClusterName, resolveCluster } from '../engine/catalog/clusters.ts'
import { resultsToJson } from '../engine/export/results-json.ts'
import { formatTraceCsv } from '../engine/export/trace-csv.ts'
import type { RunResult } from '../engine/results.ts'
import { policies } from '../engine/policies/registry.ts'
import { runAlgorithms } from '../engine/simulation.ts'
import type { Scenario } from '../engine/types.ts'
import { parseWorkloadCsv } from '../engine/workloads/csv.ts'
import { formatIssue, InputError } from '../engine/workloads/errors.ts'
import { checkScale } from '../engine/workloads/limits.ts'
import { builtInWorkload } from '../engine/workloads/presets.ts'
import { teachingScenario } from '../engine/workloads/scenarios.ts'
import {
  checkTiming,
  DEFAULT_CLUSTER,
  DEFAULT_DT_S,
  DEFAULT_MAX_TIME_S,
  parseScenarioJson,
  type ScenarioDocument,
} from '../engine/workloads/scenario-json.ts'
import { parseArgs, usage, UsageError, type CliArgs } from './args.ts'
import { checkOutputPaths, type OutputCheck } from './output-paths.ts'
import { formatImprovements, formatTable, formatWarnings, modeLine } from './report.ts'

/** What the CLI touches outside the engine, so tests can run it without a process. */
export interface CliIo {
  out(text: string): void
  err(text: string): void
  readFile(path: string): string
  writeFile(path: string, text: string): void
  /** Why a file cannot be written at a path, checked before any work (see node-io.ts). */
  outputProblem: OutputCheck
}

/** Files larger than this are refused before reading them into memory. */
const MAX_INPUT_BYTES = 256 * 1024 * 1024

const baseName = (path: string) => (path.split(/[\\/]/).pop() ?? path).replace(/\.[^.]*$/, '')

/** Loads what --workload / --workload-file name, with the scenario file's own settings if any. */
function loadWorkloads(args: CliArgs, io: CliIo): { name: string; doc?: ScenarioDocument; tasks: Scenario['tasks'] }[] {
  if (args.workloadFile !== undefined) {
    const path = args.workloadFile
    let text: string
    try {
      text = io.readFile(path)
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code
      const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : code === 'EACCES' ? 'permission denied' : (e as Error).message
      throw new InputError(path, [{ where: 'file', message: `cannot be read: ${why}` }])
    }
    if (text.length > MAX_INPUT_BYTES) throw new InputError(path, [{ where: 'file', message: 'is too large' }])
    const name = baseName(path)
    if (/\.json$/i.test(path) || text.trimStart().startsWith('{')) {
      const doc = parseScenarioJson(text, path)
      return [{ name, doc, tasks: doc.scenario.tasks }]
    }
    return [{ name, tasks: parseWorkloadCsv(text, path) }]
  }
  const teaching = teachingScenario(args.workload)
  if (teaching !== undefined) {
    // Its cluster and settings apply, as a scenario file's do, unless a flag overrides them.
    const scenario = teaching.scenario()
    return [{ name: teaching.name, doc: { scenario, algorithms: policies.names() }, tasks: scenario.tasks }]
  }
  const names = args.workload === 'both' ? ['discriminating', 'staggered'] : [args.workload]
  return names.map((name) => ({ name, tasks: builtInWorkload(name)! }))
}

function buildScenario(args: CliArgs, name: string, tasks: Scenario['tasks'], doc?: ScenarioDocument): Scenario {
  const base = doc?.scenario
  const cluster = args.cluster !== undefined ? clusterFlag(args.cluster) : (base?.cluster ?? parseClusterName(DEFAULT_CLUSTER))
  const dtS = args.dtS ?? base?.dtS ?? DEFAULT_DT_S
  const maxTimeS = args.maxTimeS ?? base?.maxTimeS ?? DEFAULT_MAX_TIME_S
  const problems = checkTiming(dtS, maxTimeS)
  if (problems.length > 0) throw new UsageError(problems.join('; '))
  const scale = checkScale({ dtS, maxTimeS, tasks })
  if (scale.length > 0) throw new UsageError(`cannot simulate ${name}: it ${scale.join('; it ')}`)
  return {
    name,
    cluster,
    dtS,
    maxTimeS,
    mode: args.mode ?? base?.mode ?? 'exact',
    backfill: !args.strict && (base?.backfill ?? true),
    ...((args.preemptive || base?.preemptive === true) && { preemptive: true }),
    tasks,
  }
}

function clusterFlag(text: string): Scenario['cluster'] {
  try {
    return parseClusterName(text)
  } catch (e) {
    throw new UsageError(`--cluster: ${(e as Error).message}`)
  }
}

/**
 * A refused input: a problem of the file as a whole on one line, naming the file once;
 * otherwise every problem listed (the reader caps them at MAX_ISSUES and counts the rest).
 */
function formatInputError(e: InputError): string {
  const only = e.issues.length === 1 ? e.issues[0]! : undefined
  if (only !== undefined && only.where === 'file') return `schedscope: ${e.source}: ${only.message}\n`
  return `schedscope: cannot use ${e.source}:\n${e.issues.map((i) => formatIssue(e.source, i)).join('\n')}\n`
}

function write(io: CliIo, path: string, text: string): void {
  try {
    io.writeFile(path, text)
  } catch (e) {
    throw new OutputError(`cannot write ${path}: ${(e as Error).message}`)
  }
}

class OutputError extends Error {}

function describe(s: Scenario): string {
  const gpus = resolveCluster(s.cluster).gpus.length
  const horizon = Number.isFinite(s.maxTimeS) ? `max time ${s.maxTimeS} s` : 'until every task finishes'
  return `Workload: ${s.name} (${s.tasks.length} tasks) on ${s.cluster.name} (${gpus} GPUs), dt ${s.dtS} s, ${horizon}`
}

/** Runs the command line; returns the exit code (0 ok, 1 bad input, 2 bad usage). */
export function runCli(argv: readonly string[], io: CliIo): number {
  try {
    const args = parseArgs(argv)
    if (args.help) {
      io.out(usage())
      return 0
    }
    if (args.output !== undefined || args.trace !== undefined) checkOutputPaths(args, io.outputProblem)
    const runs: { workload: string; result: RunResult }[] = []
    const traces: string[] = []
    for (const w of loadWorkloads(args, io)) {
      const scenario = buildScenario(args, w.name, w.tasks, w.doc)
      const algorithms: readonly string[] = args.algorithms ?? w.doc?.algorithms ?? policies.names()
      // The CLI never reads the decision log: not keeping it saves a third of a reference run.
      const results = runAlgorithms(scenario, algorithms, { recordDecisions: false })
      io.out(`${describe(scenario)}\n${modeLine(scenario)}\n\n${formatTable(results)}\n`)
      const notes = [...formatImprovements(results), ...formatWarnings(scenario, results)]
      io.out(`${notes.length > 0 ? `\n${notes.join('\n')}\n` : ''}\n`)
      for (const r of results.values()) runs.push({ workload: w.name, result: r })
      // Only when asked for: writing every task's row costs more than the run itself.
      if (args.trace !== undefined) traces.push(formatTraceCsv(scenario.tasks, [...results.values()]))
    }
    if (args.output !== undefined) {
      write(io, args.output, resultsToJson(runs))
      io.out(`Results written to ${args.output}\n`)
    }
    if (args.trace !== undefined) {
      // One header, then the rows of every workload.
      write(io, args.trace, traces.map((t, i) => (i === 0 ? t : t.slice(t.indexOf('\n') + 1))).join(''))
      io.out(`Trace written to ${args.trace}\n`)
    }
    return 0
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`schedscope: ${e.message}\nRun with --help for the options.\n`)
      return 2
    }
    if (e instanceof InputError) {
      io.err(formatInputError(e))
      return 1
    }
    if (e instanceof OutputError) {
      io.err(`schedscope: ${e.message}\n`)
      return 1
    }
    throw e
  }
}
