import { parseClusterName, resolveCluster } from '../engine/catalog/clusters.ts'
import { resultsToJson } from '../engine/export/results-json.ts'
import { formatTraceCsv } from '../engine/export/trace-csv.ts'
import type { RunResult } from '../engine/results.ts'
import { policies } from '../engine/policies/registry.ts'
import { prepareScenario } from '../engine/sim-task.ts'
import { runAlgorithms } from '../engine/simulation.ts'
import type { Scenario } from '../engine/types.ts'
import { parseWorkloadCsv } from '../engine/workloads/csv.ts'
import { isRequestCsv, parseRequestCsv } from '../engine/workloads/request-csv.ts'
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
import { PolicyCodeError } from '../policy-code/errors.ts'
import { runPolicies } from '../policy-code/run-policies.ts'
import { parseArgs, policyFilesOf, SERVING_FLAGS, usage, UsageError, type CliArgs } from './args.ts'
import { nodeRealm } from './node-realm.ts'
import { loadUserPolicies, runError, type UserPolicies } from './policy-files.ts'
import { checkOutputPaths, type OutputCheck } from './output-paths.ts'
import { formatImprovements, formatTable, formatWarnings, modeLine } from './report.ts'
import { runServingCli } from './serving.ts'

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

/** A file's text; an InputError saying why it cannot be read. */
export function readInput(io: CliIo, path: string, maxBytes = MAX_INPUT_BYTES): string {
  let text: string
  try {
    text = io.readFile(path)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : code === 'EACCES' ? 'permission denied' : (e as Error).message
    throw new InputError(path, [{ where: 'file', message: `cannot be read: ${why}` }])
  }
  if (text.length > maxBytes) throw new InputError(path, [{ where: 'file', message: 'is too large' }])
  return text
}

/** A policy file is a few lines of code: anything this large is something else. */
export const MAX_POLICY_FILE_BYTES = 1024 * 1024

/** What --workload / --workload-file name: tasks, the scenario file's own settings if any, and whether they are requests. */
interface Workload {
  readonly name: string
  readonly doc?: ScenarioDocument
  readonly tasks: Scenario['tasks']
  /** A request CSV: serving mode unless --mode says otherwise. */
  readonly requests?: boolean
  /** What a message about it names: the file, or the built-in workload. */
  readonly source: string
}

function loadWorkloads(args: CliArgs, io: CliIo): Workload[] {
  if (args.workloadFile !== undefined) {
    const path = args.workloadFile
    const text = readInput(io, path)
    const name = baseName(path)
    if (/\.json$/i.test(path) || text.trimStart().startsWith('{')) {
      const doc = parseScenarioJson(text, path)
      return [{ name, doc, tasks: doc.scenario.tasks, source: path }]
    }
    if (isRequestCsv(text)) return [{ name, tasks: parseRequestCsv(text, path), requests: true, source: path }]
    return [{ name, tasks: parseWorkloadCsv(text, path), source: path }]
  }
  const teaching = teachingScenario(args.workload)
  if (teaching !== undefined) {
    // Its cluster and settings apply, as a scenario file's do, unless a flag overrides them.
    const scenario = teaching.scenario()
    return [{ name: teaching.name, doc: { scenario, algorithms: policies.names(), policies: [] }, tasks: scenario.tasks, source: teaching.name }]
  }
  const names = args.workload === 'both' ? ['discriminating', 'staggered'] : [args.workload]
  return names.map((name) => ({ name, tasks: builtInWorkload(name)!, source: name }))
}

function buildScenario(args: CliArgs, w: Workload): Scenario {
  const { name, tasks } = w
  const base = w.doc?.scenario
  const cluster = args.cluster !== undefined ? clusterFlag(args.cluster) : (base?.cluster ?? parseClusterName(DEFAULT_CLUSTER))
  const dtS = args.dtS ?? base?.dtS ?? DEFAULT_DT_S
  const maxTimeS = args.maxTimeS ?? base?.maxTimeS ?? DEFAULT_MAX_TIME_S
  const mode = args.mode ?? base?.mode ?? (w.requests === true ? 'serving' : 'exact')
  const problems = checkTiming(dtS, maxTimeS)
  if (problems.length > 0) throw new UsageError(problems.join('; '))
  const scale = checkScale({ dtS, maxTimeS, tasks, mode })
  if (scale.length > 0) throw new UsageError(`cannot simulate ${name}: it ${scale.join('; it ')}`)
  const scenario = {
    name,
    cluster,
    dtS,
    maxTimeS,
    mode,
    backfill: !args.strict && (base?.backfill ?? true),
    ...((args.preemptive || base?.preemptive === true) && { preemptive: true }),
    tasks,
  }
  if (mode !== 'serving') return scenario
  // The serving flags override the file's serving object, field by field.
  const serving = { ...base?.serving }
  for (const key of Object.keys(SERVING_FLAGS) as (keyof typeof SERVING_FLAGS)[]) if (args[key] !== undefined) Object.assign(serving, { [key]: args[key] })
  return { ...scenario, ...(base?.models !== undefined && { models: base.models }), serving }
}

/** The serving flags need serving mode: said before anything runs, not silently ignored. */
function checkServingFlags(args: CliArgs, scenario: Scenario): void {
  if (scenario.mode === 'serving') return
  const given = (Object.keys(SERVING_FLAGS) as (keyof typeof SERVING_FLAGS)[]).filter((k) => args[k] !== undefined).map((k) => SERVING_FLAGS[k])
  if (given.length > 0) throw new UsageError(`${given.join(', ')} ${given.length > 1 ? 'apply' : 'applies'} to serving mode only; add --mode serving`)
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
  const what = s.mode === 'serving' ? 'request' : 'task'
  const horizon = Number.isFinite(s.maxTimeS) ? `max time ${s.maxTimeS} s` : `until every ${what} finishes`
  return `Workload: ${s.name} (${s.tasks.length} ${what}s) on ${s.cluster.name} (${gpus} GPUs), dt ${s.dtS} s, ${horizon}`
}

/** Runs the command line; returns the exit code (0 ok, 1 bad input, 2 bad usage). */
export function runCli(argv: readonly string[], io: CliIo): number {
  let user: UserPolicies | null = null
  try {
    // Policy files first: --algorithms and --help must know their names.
    const files = policyFilesOf(argv).map((path) => ({ path, text: readInput(io, path, MAX_POLICY_FILE_BYTES) }))
    const realm = files.length > 0 ? nodeRealm() : null
    if (realm !== null) user = loadUserPolicies(files, [], realm)
    const args = parseArgs(argv)
    if (args.help) {
      io.out(usage())
      return 0
    }
    if (args.output !== undefined || args.trace !== undefined) checkOutputPaths(args, io.outputProblem)
    const runs: { workload: string; result: RunResult }[] = []
    const servingJson: Record<string, Record<string, number>> = {}
    const traces: string[] = []
    for (const w of loadWorkloads(args, io)) {
      const scenario = buildScenario(args, w)
      checkServingFlags(args, scenario)
      // A scenario file's own policies (written in the browser) run like policy files.
      const docPolicies = w.doc?.policies ?? []
      const named: readonly string[] = args.algorithms ?? w.doc?.algorithms ?? policies.names()
      // A policy file adds its policy to whatever runs.
      const algorithms = [...named, ...(user?.loaded ?? []).map((p) => p.source.name).filter((n) => !named.includes(n))]
      if (w.doc?.scenario.mode === 'serving' && scenario.mode !== 'serving') io.out(`Note: ${w.name}'s serving settings (models, serving) do not apply in ${scenario.mode} mode.\n`)
      let scenarioPolicies: UserPolicies | null = null
      if (docPolicies.length > 0) {
        scenarioPolicies = loadUserPolicies([], docPolicies.map((source) => ({ file: w.source, source })), realm ?? nodeRealm())
        io.out(`Policies written in the browser, from ${w.source}: ${docPolicies.map((p) => p.name).join(', ')}\n`)
      }
      const loaded = [...(user?.loaded ?? []), ...(scenarioPolicies?.loaded ?? [])]
      if (scenario.mode === 'serving') {
        let run: ReturnType<typeof runServingCli>
        try {
          // No pass over the requests first: each key is read at every look, right for any key.
          run = runServingCli(scenario, algorithms, args.trace !== undefined, w.source, loaded.length > 0 ? runPolicies(loaded, null).lookup : undefined)
        } catch (e) {
          throw e instanceof PolicyCodeError ? runError(e, loaded) : e
        } finally {
          scenarioPolicies?.dispose()
        }
        io.out(`${describe(scenario)}\n${run.report}`)
        Object.assign(servingJson, run.json)
        if (run.trace !== undefined) traces.push(run.trace())
        continue
      }
      const prepared = prepareScenario(scenario)
      let results: ReturnType<typeof runAlgorithms>
      try {
        const run = runPolicies(loaded, prepared.tasks)
        // The CLI never reads the decision log: not keeping it saves a third of a reference run.
        results = runAlgorithms(prepared, algorithms, { recordDecisions: false, policies: run.lookup })
      } catch (e) {
        throw e instanceof PolicyCodeError ? runError(e, loaded) : e
      } finally {
        scenarioPolicies?.dispose()
      }
      io.out(`${describe(scenario)}\n${modeLine(scenario)}\n\n${formatTable(results)}\n`)
      const rejected = prepared.rejectedCount === 0 ? [] : prepared.tasks.flatMap((t) => (t.rejection === null ? [] : [{ id: t.spec.id, rejection: t.rejection }]))
      const notes = [...formatImprovements(results), ...formatWarnings(scenario, results, rejected)]
      io.out(`${notes.length > 0 ? `\n${notes.join('\n')}\n` : ''}\n`)
      for (const r of results.values()) runs.push({ workload: w.name, result: r })
      // Only when asked for: writing every task's row costs more than the run itself.
      if (args.trace !== undefined) traces.push(formatTraceCsv(scenario.tasks, [...results.values()]))
    }
    if (args.output !== undefined) {
      write(io, args.output, runs.length > 0 ? resultsToJson(runs) : `${JSON.stringify(servingJson, null, 2)}\n`)
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
  } finally {
    user?.dispose()
  }
}
