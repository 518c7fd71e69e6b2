import { parseClusterName, presetCluster, resolveCluster } from '../catalog/clusters.ts'
import { customPolicyProblems, customPolicySource, MAX_CUSTOM_POLICIES, type CustomPolicySource } from '../policies/custom.ts'
import { policies } from '../policies/registry.ts'
import type { ClusterSpec, Mode, Scenario, TaskSpec } from '../types.ts'
import { InputError, IssueList } from './errors.ts'
import { parseJsonText, previewJson, unknownKeys } from './json-text.ts'
import { checkScale, fmtLimit, MAX_STEPS, MAX_TASKS, MAX_TIME_S } from './limits.ts'
import { parseModels, parseRequestTask, parseServingObject, REQUEST_KEYS, SERVING_SCENARIO_KEYS, servingJson } from './serving-json.ts'
import { checkArrival, checkMemory, checkTokens, checkTp, checkWeight } from './validate.ts'
import { inputTokensOf, outputTokensOf } from '../serving/requests.ts'

export const SCENARIO_VERSION = 1
export const DEFAULT_CLUSTER = 'h100_16gpu'
export const DEFAULT_DT_S = 0.01
export const DEFAULT_MAX_TIME_S = 5

export { MAX_STEPS } from './limits.ts'

/** A scenario and the algorithms to compare on it: what a scenario file holds. */
export interface ScenarioDocument {
  readonly scenario: Scenario
  /** Registered policy names (see policies/registry.ts), or names of `policies`. */
  readonly algorithms: readonly string[]
  /** Policies written by a user (issue 17), as source: the reader of a link asks before running them. */
  readonly policies: readonly CustomPolicySource[]
}

/** Checks dt and max time; returns messages (empty when fine). */
export function checkTiming(dtS: number, maxTimeS: number): string[] {
  const out: string[] = []
  if (!Number.isFinite(dtS) || dtS <= 0) out.push(`dt must be a positive number of seconds, got ${dtS}`)
  else if (dtS > MAX_TIME_S) out.push(`dt must be at most ${fmtLimit(MAX_TIME_S)} s, got ${dtS}`)
  if (Number.isNaN(maxTimeS) || maxTimeS <= 0) out.push(`max time must be positive (or unlimited), got ${maxTimeS}`)
  else if (Number.isFinite(maxTimeS) && maxTimeS > MAX_TIME_S) out.push(`max time must be at most ${fmtLimit(MAX_TIME_S)} s (or unlimited), got ${maxTimeS}`)
  else if (out.length === 0 && Number.isFinite(maxTimeS) && maxTimeS / dtS > MAX_STEPS) {
    out.push(`max time / dt is ${(maxTimeS / dtS).toExponential(1)} steps; the limit is ${MAX_STEPS.toExponential(0)}`)
  }
  return out
}

type Json = unknown
const isObject = (x: Json): x is Record<string, Json> => typeof x === 'object' && x !== null && !Array.isArray(x)

/** Reports a problem at a JSON path; `undefined` means the key is missing. */
type Bad = (where: string, value: Json, message: string) => void

const SCENARIO_KEYS = ['version', 'name', 'cluster', 'dt', 'maxTime', 'mode', 'backfill', 'preemptive', 'algorithms', 'policies', 'tasks'] as const
const TASK_KEYS = ['id', 'model', 'weight', 'arrival', 'phase', 'tokens', 'tp', 'memory'] as const
const MODES: readonly Mode[] = ['exact', 'reference', 'serving']
/** Keys only a serving scenario (or its requests) has: in another mode they say what is wrong. */
const SERVING_ONLY_TASK_KEYS = REQUEST_KEYS.filter((k) => !(TASK_KEYS as readonly string[]).includes(k))
const servingOnly = (mode: Mode) => `only a serving scenario has it (this one's mode is '${mode}'; add "mode": "serving")`
const CLUSTER_KEYS = ['name', 'groups'] as const
const GROUP_KEYS = ['gpu', 'count'] as const

export interface ParseScenarioOptions {
  /** Top-level keys read elsewhere (a link's `label`): not reported as unknown. */
  readonly extraKeys?: readonly string[]
}

/**
 * Each key the format does not know is a problem: a typo (`weigth`, `TP`) must not be dropped
 * silently. `reportedElsewhere`: keys another check words better (a serving key in a job scenario).
 */
function checkKeys(obj: Record<string, Json>, known: readonly string[], where: string, what: string, bad: Bad, reportedElsewhere: readonly string[] = []): void {
  for (const k of unknownKeys(obj, new Set([...known, ...reportedElsewhere]))) bad(where === '' ? k : `${where}.${k}`, obj[k], `unknown key (${what} has ${known.join(', ')})`)
}

/**
 * Reads a scenario file (JSON). Every problem is reported with its JSON path; nothing partial
 * is returned.
 */
export function parseScenarioJson(text: string, source = 'scenario.json', options: ParseScenarioOptions = {}): ScenarioDocument {
  const doc = parseJsonText(text, source)
  if (!isObject(doc)) throw new InputError(source, [{ where: 'file', message: 'must hold a JSON object' }])
  const issues = new IssueList()
  const bad: Bad = (where, value, message) =>
    issues.add(value === undefined ? { where, message: `is missing (${message.replace(/^must be /, 'it must be ')})` } : { where, value: previewJson(value), message })

  const mode: Mode = doc.mode === undefined ? 'exact' : (doc.mode as Mode)
  if (!MODES.includes(mode)) bad('mode', doc.mode, "must be 'exact', 'reference' or 'serving'")
  const serving = mode === 'serving'
  // A serving key in a job scenario is reported as such, not as a key nobody knows.
  const jobKeys = [...SCENARIO_KEYS, ...(options.extraKeys ?? [])]
  for (const k of SERVING_SCENARIO_KEYS) if (!serving && doc[k] !== undefined) bad(k, doc[k], servingOnly(mode))
  if (serving) checkKeys(doc, [...jobKeys, ...SERVING_SCENARIO_KEYS], '', 'a serving scenario', bad)
  else checkKeys(doc, jobKeys, '', 'a scenario', bad, SERVING_SCENARIO_KEYS)
  if (doc.version === undefined) issues.add({ where: 'version', message: `is missing (a scenario file says "version": ${SCENARIO_VERSION})` })
  else if (doc.version !== SCENARIO_VERSION) {
    bad('version', doc.version, `unsupported scenario version (this SchedScope reads version ${SCENARIO_VERSION})`)
  }
  if (doc.name !== undefined && typeof doc.name !== 'string') bad('name', doc.name, 'must be a string')
  const num = (where: string, value: Json, fallback: number): number => {
    if (value === undefined) return fallback
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      bad(where, value, 'must be a number')
      return NaN
    }
    return value
  }
  const dtS = num('dt', doc.dt, DEFAULT_DT_S)
  const maxTimeS = doc.maxTime === null ? Infinity : num('maxTime', doc.maxTime, DEFAULT_MAX_TIME_S)
  // A dt or max time that is no number is reported above: checking it again would say NaN.
  if (!Number.isNaN(dtS) && !Number.isNaN(maxTimeS)) for (const m of checkTiming(dtS, maxTimeS)) bad('dt/maxTime', { dt: doc.dt, maxTime: doc.maxTime }, m)

  if (doc.backfill !== undefined && typeof doc.backfill !== 'boolean') bad('backfill', doc.backfill, 'must be true or false')
  if (doc.preemptive !== undefined && typeof doc.preemptive !== 'boolean') bad('preemptive', doc.preemptive, 'must be true or false')

  const cluster = parseClusterField(doc.cluster, bad)
  const custom = parsePolicies(doc.policies, bad)
  const algorithms = parseAlgorithms(doc.algorithms, bad, custom)
  // Over the limit, the file is refused as a whole: its tasks are not read one by one.
  const tooMany = Array.isArray(doc.tasks) && doc.tasks.length > MAX_TASKS
  const tasks = Array.isArray(doc.tasks) && !tooMany ? doc.tasks.map((t, i) => parseTask(t, `tasks[${i}]`, mode, bad)) : []
  const models = serving ? parseModels(doc.models, bad) : []
  const servingOptions = serving ? parseServingObject(doc.serving, bad) : {}
  if (!Array.isArray(doc.tasks)) bad('tasks', doc.tasks, 'must be an array of tasks')
  else if (doc.tasks.length === 0) bad('tasks', doc.tasks, 'holds no tasks')
  else if (tooMany) issues.add({ where: 'tasks', message: `holds ${fmtLimit(doc.tasks.length)} tasks; the limit is ${fmtLimit(MAX_TASKS)}` })
  // Every task with an id counts, valid or not: a duplicate on a bad task is a problem too.
  const firstWith = new Map<string, number>()
  tasks.forEach((t, i) => {
    if (t.id === '') return
    const first = firstWith.get(t.id)
    if (first === undefined) firstWith.set(t.id, i)
    else issues.add({ where: `tasks[${i}].id`, value: t.id, message: `duplicate task id (first at tasks[${first}])` })
  })
  // Sizes that only the whole scenario shows, once every field is known to be valid.
  if (issues.count === 0) for (const m of checkScale({ dtS, maxTimeS, tasks, mode })) issues.add({ where: 'dt', value: String(dtS), message: `the scenario ${m}` })
  if (issues.count > 0) throw new InputError(source, issues.list())
  return {
    scenario: {
      name: typeof doc.name === 'string' ? doc.name : source.replace(/\.[^.]*$/, ''),
      cluster,
      dtS,
      maxTimeS,
      mode,
      backfill: doc.backfill !== false,
      // Only when on: a scenario without it is the same object as before the option existed.
      ...(doc.preemptive === true && { preemptive: true }),
      tasks,
      ...(serving && doc.models !== undefined && { models }),
      ...(serving && doc.serving !== undefined && { serving: servingOptions }),
    },
    algorithms,
    policies: custom,
  }
}

function parseClusterField(value: Json, bad: Bad): ClusterSpec {
  try {
    if (value === undefined) return parseClusterName(DEFAULT_CLUSTER)
    if (typeof value === 'string') return parseClusterName(value)
    if (isObject(value) && Array.isArray(value.groups)) {
      checkKeys(value, CLUSTER_KEYS, 'cluster', 'a cluster', bad)
      value.groups.forEach((g, i) => isObject(g) && checkKeys(g, GROUP_KEYS, `cluster.groups[${i}]`, 'a GPU group', bad))
      const spec: ClusterSpec = {
        name: typeof value.name === 'string' ? value.name : 'custom',
        // Passed on as typed: resolveCluster refuses a count of "8", [8] or true rather than convert it.
        groups: value.groups.map((g) => (isObject(g) ? { gpu: g.gpu as string, count: g.count as number } : { gpu: '?', count: NaN })),
      }
      resolveCluster(spec)
      return spec
    }
    bad('cluster', value, "must be a preset name, 'TYPE:COUNT,...', or {groups: [{gpu, count}]}")
  } catch (e) {
    bad('cluster', value, (e as Error).message)
  }
  return parseClusterName(DEFAULT_CLUSTER)
}

/** Names of the policies the app has of its own (not a user's, which a document brings). */
const ownPolicyNames = () => policies.list().filter((p) => p.userCode !== true).map((p) => p.name)

function parsePolicies(value: Json, bad: Bad): CustomPolicySource[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) {
    bad('policies', value, 'must be a list of policies {name, higherFirst, key}')
    return []
  }
  if (value.length > MAX_CUSTOM_POLICIES) {
    bad('policies', `${value.length} policies`, `holds more than ${MAX_CUSTOM_POLICIES} policies`)
    return []
  }
  const own = new Set(ownPolicyNames())
  const seen = new Set<string>()
  const out: CustomPolicySource[] = []
  value.forEach((p, i) => {
    const problems = customPolicyProblems(p)
    for (const [field, message] of problems) bad(field === '' ? `policies[${i}]` : `policies[${i}].${field}`, field === '' ? p : (p as Record<string, Json>)[field], message)
    if (problems.length > 0) return
    const src = customPolicySource(p as CustomPolicySource)
    if (own.has(src.name)) bad(`policies[${i}].name`, src.name, 'is the name of a built-in policy')
    else if (seen.has(src.name)) bad(`policies[${i}].name`, src.name, 'names two policies')
    else out.push(src)
    seen.add(src.name)
  })
  return out
}

function parseAlgorithms(value: Json, bad: Bad, custom: readonly CustomPolicySource[]): string[] {
  const known = [...ownPolicyNames(), ...custom.map((p) => p.name)]
  if (value === undefined) return [...known]
  if (!Array.isArray(value) || value.length === 0) {
    bad('algorithms', value, `must be a non-empty list of ${known.join(', ')}`)
    return [...known]
  }
  const out: string[] = []
  value.forEach((a, i) => {
    if (typeof a === 'string' && known.includes(a)) out.push(a)
    else bad(`algorithms[${i}]`, a, `unknown algorithm (known: ${known.join(', ')})`)
  })
  return out
}

function parseTask(value: Json, where: string, mode: Mode, bad: Bad): TaskSpec {
  if (!isObject(value)) {
    bad(where, value, 'must be an object')
    return { id: '', model: '', weight: 0, arrivalS: 0, phase: 'prefill', tokens: 0 }
  }
  if (mode === 'serving') return parseRequestTask(value, where, bad)
  for (const k of SERVING_ONLY_TASK_KEYS) if (value[k] !== undefined) bad(`${where}.${k}`, value[k], servingOnly(mode))
  checkKeys(value, TASK_KEYS, where, 'a task', bad, SERVING_ONLY_TASK_KEYS)
  const str = (key: string): string => {
    const v = value[key]
    if (typeof v !== 'string' || v.trim() === '') bad(`${where}.${key}`, v, 'must be a non-empty string')
    return typeof v === 'string' ? v.trim() : ''
  }
  const num = (key: string, check: (x: number) => string | undefined, optional = false): number | undefined => {
    const v = value[key]
    if (v === undefined && optional) return undefined
    const problem = typeof v !== 'number' ? 'must be a number' : check(v)
    if (problem !== undefined) bad(`${where}.${key}`, v, problem)
    return typeof v === 'number' ? v : NaN
  }
  const phase = value.phase
  if (phase !== 'prefill' && phase !== 'decode') bad(`${where}.phase`, phase, "must be 'prefill' or 'decode'")
  const memoryGB = num('memory', checkMemory, true)
  const tp = num('tp', checkTp, true)
  return {
    id: str('id'),
    model: str('model'),
    ...(memoryGB !== undefined && { memoryGB }),
    weight: num('weight', checkWeight)!,
    arrivalS: num('arrival', checkArrival)!,
    phase: phase === 'decode' ? 'decode' : 'prefill',
    tokens: num('tokens', checkTokens)!,
    ...(tp !== undefined && { tp }),
  }
}

/** Writes a scenario file that `parseScenarioJson` reads back to the same scenario (and policies). */
export function formatScenarioJson(
  scenario: Scenario,
  algorithms: readonly string[] = policies.names(),
  indent = 2,
  custom: readonly CustomPolicySource[] = [],
): string {
  const doc = {
    version: SCENARIO_VERSION,
    name: scenario.name,
    cluster: isPresetSpec(scenario.cluster) ? scenario.cluster.name : scenario.cluster,
    dt: scenario.dtS,
    maxTime: Number.isFinite(scenario.maxTimeS) ? scenario.maxTimeS : null,
    mode: scenario.mode,
    backfill: scenario.backfill,
    ...(scenario.preemptive === true && { preemptive: true }),
    algorithms,
    ...(custom.length > 0 && { policies: custom.map(customPolicySource) }),
    ...(scenario.mode === 'serving' && servingJson(scenario.models, scenario.serving)),
    tasks: scenario.mode === 'serving' ? scenario.tasks.map(requestJson) : scenario.tasks.map((t) => ({
      id: t.id,
      model: t.model,
      ...(t.memoryGB !== undefined && { memory: t.memoryGB }),
      weight: t.weight,
      arrival: t.arrivalS,
      phase: t.phase,
      tokens: t.tokens,
      ...(t.tp !== undefined && { tp: t.tp }),
    })),
  }
  return `${JSON.stringify(doc, null, indent)}\n`
}

/** A task as a serving file writes it: a request, its P and O mapped where the task has none. */
function requestJson(t: TaskSpec): Record<string, unknown> {
  return { id: t.id, model: t.model, weight: t.weight, arrival: t.arrivalS, inputTokens: inputTokensOf(t), outputTokens: outputTokensOf(t) }
}

function isPresetSpec(spec: ClusterSpec): boolean {
  const preset = presetCluster(spec.name)
  return preset !== undefined && JSON.stringify(preset.groups) === JSON.stringify(spec.groups)
}
