import { parseClusterName, presetCluster, resolveCluster } from '../catalog/clusters.ts'
import { policies } from '../policies/registry.ts'
import type { ClusterSpec, Mode, Scenario, TaskSpec } from '../types.ts'
import { InputError, MAX_ISSUES, type InputIssue } from './errors.ts'
import { checkNonNegative, checkTokens, checkTp, duplicateIdIssues } from './validate.ts'

export const SCENARIO_VERSION = 1
export const DEFAULT_CLUSTER = 'h100_16gpu'
export const DEFAULT_DT_S = 0.01
export const DEFAULT_MAX_TIME_S = 5

/** A run covers at most this many steps, so a typo in dt cannot hang the page. */
export const MAX_STEPS = 1e9

/** A scenario and the algorithms to compare on it: what a scenario file holds. */
export interface ScenarioDocument {
  readonly scenario: Scenario
  /** Registered policy names (see policies/registry.ts). */
  readonly algorithms: readonly string[]
}

/** Checks dt and max time; returns messages (empty when fine). */
export function checkTiming(dtS: number, maxTimeS: number): string[] {
  const out: string[] = []
  if (!Number.isFinite(dtS) || dtS <= 0) out.push(`dt must be a positive number of seconds, got ${dtS}`)
  if (Number.isNaN(maxTimeS) || maxTimeS <= 0) out.push(`max time must be positive (or unlimited), got ${maxTimeS}`)
  else if (out.length === 0 && Number.isFinite(maxTimeS) && maxTimeS / dtS > MAX_STEPS) {
    out.push(`max time / dt is ${(maxTimeS / dtS).toExponential(1)} steps; the limit is ${MAX_STEPS.toExponential(0)}`)
  }
  return out
}

type Json = unknown
const isObject = (x: Json): x is Record<string, Json> => typeof x === 'object' && x !== null && !Array.isArray(x)

/**
 * Reads a scenario file (JSON). Every problem is reported with its JSON path; nothing partial
 * is returned.
 */
export function parseScenarioJson(text: string, source = 'scenario.json'): ScenarioDocument {
  let doc: Json
  try {
    doc = JSON.parse(text)
  } catch (e) {
    throw new InputError(source, [{ where: 'file', message: `is not valid JSON (${(e as Error).message})` }])
  }
  if (!isObject(doc)) throw new InputError(source, [{ where: 'file', message: 'must hold a JSON object' }])
  const issues: InputIssue[] = []
  const bad = (where: string, value: Json, message: string) =>
    issues.push({ where, value: JSON.stringify(value) ?? String(value), message })

  if (doc.version !== SCENARIO_VERSION) {
    bad('version', doc.version, `unsupported scenario version (this SchedScope reads version ${SCENARIO_VERSION})`)
  }
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
  for (const m of checkTiming(dtS, maxTimeS)) if (Number.isFinite(dtS)) bad('dt/maxTime', { dt: doc.dt, maxTime: doc.maxTime }, m)

  const mode: Mode = doc.mode === undefined ? 'exact' : (doc.mode as Mode)
  if (mode !== 'exact' && mode !== 'reference') bad('mode', doc.mode, "must be 'exact' or 'reference'")
  if (doc.backfill !== undefined && typeof doc.backfill !== 'boolean') bad('backfill', doc.backfill, 'must be true or false')

  const cluster = parseClusterField(doc.cluster, bad)
  const algorithms = parseAlgorithms(doc.algorithms, bad)
  const tasks = Array.isArray(doc.tasks) ? doc.tasks.slice(0, 1_000_000).map((t, i) => parseTask(t, `tasks[${i}]`, bad)) : []
  if (!Array.isArray(doc.tasks)) bad('tasks', doc.tasks, 'must be an array of tasks')
  else if (doc.tasks.length === 0) bad('tasks', doc.tasks, 'holds no tasks')
  issues.push(...duplicateIdIssues(tasks.map((t) => t.id), (i) => `tasks[${i}]`))
  if (issues.length > 0) throw new InputError(source, issues.slice(0, MAX_ISSUES))
  return {
    scenario: {
      name: typeof doc.name === 'string' ? doc.name : source.replace(/\.[^.]*$/, ''),
      cluster,
      dtS,
      maxTimeS,
      mode,
      backfill: doc.backfill !== false,
      tasks,
    },
    algorithms,
  }
}

function parseClusterField(value: Json, bad: (w: string, v: Json, m: string) => void): ClusterSpec {
  try {
    if (value === undefined) return parseClusterName(DEFAULT_CLUSTER)
    if (typeof value === 'string') return parseClusterName(value)
    if (isObject(value) && Array.isArray(value.groups)) {
      const spec: ClusterSpec = {
        name: typeof value.name === 'string' ? value.name : 'custom',
        groups: value.groups.map((g) => (isObject(g) ? { gpu: String(g.gpu), count: Number(g.count) } : { gpu: '?', count: NaN })),
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

function parseAlgorithms(value: Json, bad: (w: string, v: Json, m: string) => void): string[] {
  const known = policies.names()
  if (value === undefined) return [...known]
  if (!Array.isArray(value) || value.length === 0) {
    bad('algorithms', value, `must be a non-empty list of ${known.join(', ')}`)
    return [...known]
  }
  const out: string[] = []
  value.forEach((a, i) => {
    if (typeof a === 'string' && policies.has(a)) out.push(a)
    else bad(`algorithms[${i}]`, a, `unknown algorithm (known: ${known.join(', ')})`)
  })
  return out
}

function parseTask(value: Json, where: string, bad: (w: string, v: Json, m: string) => void): TaskSpec {
  if (!isObject(value)) {
    bad(where, value, 'must be an object')
    return { id: '', model: '', weight: 0, arrivalS: 0, phase: 'prefill', tokens: 0 }
  }
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
  const memoryGB = num('memory', (x) => checkNonNegative(x, 'memory'), true)
  const tp = num('tp', checkTp, true)
  return {
    id: str('id'),
    model: str('model'),
    ...(memoryGB !== undefined && { memoryGB }),
    weight: num('weight', (x) => checkNonNegative(x, 'weight'))!,
    arrivalS: num('arrival', (x) => checkNonNegative(x, 'arrival time'))!,
    phase: phase === 'decode' ? 'decode' : 'prefill',
    tokens: num('tokens', checkTokens)!,
    ...(tp !== undefined && { tp }),
  }
}

/** Writes a scenario file that `parseScenarioJson` reads back to the same scenario. */
export function formatScenarioJson(scenario: Scenario, algorithms: readonly string[] = policies.names(), indent = 2): string {
  const doc = {
    version: SCENARIO_VERSION,
    name: scenario.name,
    cluster: isPresetSpec(scenario.cluster) ? scenario.cluster.name : scenario.cluster,
    dt: scenario.dtS,
    maxTime: Number.isFinite(scenario.maxTimeS) ? scenario.maxTimeS : null,
    mode: scenario.mode,
    backfill: scenario.backfill,
    algorithms,
    tasks: scenario.tasks.map((t) => ({
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

function isPresetSpec(spec: ClusterSpec): boolean {
  const preset = presetCluster(spec.name)
  return preset !== undefined && JSON.stringify(preset.groups) === JSON.stringify(spec.groups)
}
