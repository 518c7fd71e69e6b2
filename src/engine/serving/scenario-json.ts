import { parseClusterName, resolveCluster } from '../catalog/clusters.ts'
import type { ClusterSpec } from '../types.ts'
import { InputError, MAX_ISSUES, type InputIssue } from '../workloads/errors.ts'
import { checkTiming, DEFAULT_CLUSTER, DEFAULT_DT_S, DEFAULT_MAX_TIME_S, SCENARIO_VERSION } from '../workloads/scenario-json.ts'
import { parseAlgorithmList, parseServingObject } from './serving-json.ts'
import { checkRequests } from './request-checks.ts'
import type { RequestSpec, ServingDocument, ServingModel } from './types.ts'

type Json = unknown
const isObject = (x: Json): x is Record<string, Json> => typeof x === 'object' && x !== null && !Array.isArray(x)

/**
 * Reads a serving scenario file: the scenario format (version, name, cluster, dt, maxTime,
 * algorithms) with `"mode": "serving"`, an optional `models` list, an optional `serving`
 * object, and tasks that carry `inputTokens` and `outputTokens`. Every problem is reported
 * with its JSON path and value; nothing partial is returned.
 */
export function parseServingScenarioJson(text: string, source = 'scenario.json'): ServingDocument {
  let doc: Json
  try {
    doc = JSON.parse(text)
  } catch (e) {
    throw new InputError(source, [{ where: 'file', message: `is not valid JSON (${(e as Error).message})` }])
  }
  if (!isObject(doc)) throw new InputError(source, [{ where: 'file', message: 'must hold a JSON object' }])
  const issues: InputIssue[] = []
  const bad = (where: string, value: Json, message: string) => issues.push({ where, value: JSON.stringify(value) ?? String(value), message })
  if (doc.version !== SCENARIO_VERSION) bad('version', doc.version, `unsupported scenario version (this SchedScope reads version ${SCENARIO_VERSION})`)
  if (doc.mode !== undefined && doc.mode !== 'serving') bad('mode', doc.mode, "must be 'serving' in a serving scenario")
  const num = (where: string, value: Json, fallback: number): number => {
    if (value === undefined) return fallback
    if (typeof value !== 'number' || !Number.isFinite(value)) return bad(where, value, 'must be a number'), NaN
    return value
  }
  const dtS = num('dt', doc.dt, DEFAULT_DT_S)
  const maxTimeS = doc.maxTime === null ? Infinity : num('maxTime', doc.maxTime, DEFAULT_MAX_TIME_S)
  for (const m of checkTiming(dtS, maxTimeS)) bad('dt/maxTime', { dt: doc.dt, maxTime: doc.maxTime }, m)
  const cluster = parseCluster(doc.cluster, bad)
  const algorithms = parseAlgorithmList(doc.algorithms, bad)
  const models = parseModels(doc.models, bad)
  const serving = parseServingObject(doc.serving, bad)
  if (!Array.isArray(doc.tasks)) bad('tasks', doc.tasks, 'must be an array of requests')
  const tasks: Json[] = Array.isArray(doc.tasks) ? doc.tasks : []
  const requests = tasks.map((t, i) => parseRequest(t, `tasks[${i}]`, bad))
  if (issues.length === 0) issues.push(...checkRequests(requests).map((x) => ({ ...x, where: x.where.replace('requests', 'tasks'), ...(x.field === 'arrivalS' && { field: 'arrival' }) })))
  if (issues.length > 0) throw new InputError(source, issues.slice(0, MAX_ISSUES))
  const name = typeof doc.name === 'string' ? doc.name : source.replace(/\.[^.]*$/, '')
  return { scenario: { name, cluster, dtS, maxTimeS, models, serving, requests }, algorithms }
}

function parseCluster(value: Json, bad: (w: string, v: Json, m: string) => void): ClusterSpec {
  try {
    if (value === undefined) return parseClusterName(DEFAULT_CLUSTER)
    if (typeof value === 'string') return parseClusterName(value)
    if (isObject(value) && Array.isArray(value.groups)) {
      const groups = value.groups.map((g) => (isObject(g) ? { gpu: String(g.gpu), count: Number(g.count) } : { gpu: '?', count: NaN }))
      const spec: ClusterSpec = { name: typeof value.name === 'string' ? value.name : 'custom', groups }
      resolveCluster(spec)
      return spec
    }
    bad('cluster', value, "must be a preset name, 'TYPE:COUNT,...', or {groups: [{gpu, count}]}")
  } catch (e) {
    bad('cluster', value, (e as Error).message)
  }
  return parseClusterName(DEFAULT_CLUSTER)
}

const MODEL_FIELDS = ['layers', 'hidden', 'heads', 'kvHeads', 'headDim', 'activeParamsB', 'weightsGB'] as const

function parseModels(value: Json, bad: (w: string, v: Json, m: string) => void): ServingModel[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) return bad('models', value, 'must be a list of models'), []
  const seen = new Set<string>()
  return value.flatMap((m, i): ServingModel[] => {
    const where = `models[${i}]`
    if (!isObject(m)) return bad(where, m, 'must be an object'), []
    if (typeof m.name !== 'string' || m.name.trim() === '') return bad(`${where}.name`, m.name, 'must be a non-empty string'), []
    if (seen.has(m.name.trim().toLowerCase())) bad(`${where}.name`, m.name, 'names a model defined earlier in the list')
    seen.add(m.name.trim().toLowerCase())
    const out: Record<string, number> = {}
    for (const f of MODEL_FIELDS) {
      const x = m[f]
      const whole = f !== 'activeParamsB' && f !== 'weightsGB'
      const ok = typeof x === 'number' && Number.isFinite(x) && x > 0 && (!whole || Number.isSafeInteger(x))
      if (!ok) bad(`${where}.${f}`, x, whole ? 'must be a whole number >= 1' : 'must be a number > 0')
      out[f] = typeof x === 'number' ? x : NaN
    }
    return [{ name: m.name.trim(), ...(out as Record<(typeof MODEL_FIELDS)[number], number>) }]
  })
}

function parseRequest(value: Json, where: string, bad: (w: string, v: Json, m: string) => void): RequestSpec {
  if (!isObject(value)) return bad(where, value, 'must be an object'), { id: '', model: '', weight: NaN, arrivalS: NaN, inputTokens: NaN, outputTokens: NaN }
  if (value.phase !== undefined || value.tokens !== undefined) {
    bad(where, { phase: value.phase, tokens: value.tokens }, 'a serving request has inputTokens and outputTokens, not phase/tokens')
  }
  const field = (key: string): Json => value[key]
  return {
    id: typeof field('id') === 'string' ? (field('id') as string).trim() : (field('id') as string),
    model: typeof field('model') === 'string' ? (field('model') as string).trim() : (field('model') as string),
    weight: field('weight') === undefined ? 1 : (field('weight') as number),
    arrivalS: field('arrival') as number,
    inputTokens: field('inputTokens') as number,
    outputTokens: field('outputTokens') as number,
  }
}
