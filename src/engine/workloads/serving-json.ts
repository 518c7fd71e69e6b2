import { requestTask } from '../serving/requests.ts'
import type { DeploymentSpec, ServingModel, ServingOptions } from '../serving/types.ts'
import type { TaskSpec } from '../types.ts'
import { unknownKeys } from './json-text.ts'
import { checkArrival, checkWeight } from './validate.ts'

/**
 * The serving parts of the scenario format (scenario-json.ts reads the rest): the `models`
 * list, the `serving` object and the tasks of a serving scenario, which are requests with
 * `inputTokens` and `outputTokens`. Values that depend on each other (a deployment's fit, the
 * knobs' ranges with the defaults filled in) are checked when the run is prepared
 * (serving/prepare.ts), before it runs.
 */

type Json = unknown
/** Reports a problem at a JSON path; `undefined` as value means the key is missing. */
export type Bad = (where: string, value: Json, message: string) => void
const isObject = (x: Json): x is Record<string, Json> => typeof x === 'object' && x !== null && !Array.isArray(x)

/** Keys a serving scenario has beyond a job scenario's, and a request task's. */
export const SERVING_SCENARIO_KEYS = ['models', 'serving'] as const
export const REQUEST_KEYS = ['id', 'model', 'weight', 'arrival', 'inputTokens', 'outputTokens'] as const
/** A job task's keys that mean nothing to a request, and why. */
const JOB_ONLY = {
  phase: '',
  tokens: '',
  tp: 'a request has no TP of its own: serving.deployments set it per model',
  memory: "a request has no memory of its own: serving sizes a model from its architecture (the scenario's models)",
} as const
const NUMBER_FIELDS = ['maxNumSeqs', 'maxBatchedTokens', 'blockSize', 'gpuMemoryUtilization', 'mfu', 'mbu', 'iterationOverheadS', 'allReduceLatencyS', 'allReduceBusGBs'] as const
const SERVING_KEYS = [...NUMBER_FIELDS, 'deployments', 'slo'] as const
const DEPLOYMENT_KEYS = ['model', 'tp', 'replicas', 'dtype', 'kvCacheDtype'] as const
const MODEL_KEYS = ['name', 'layers', 'hidden', 'heads', 'kvHeads', 'headDim', 'activeParamsB', 'weightsGB'] as const

function checkKeys(obj: Record<string, Json>, known: readonly string[], where: string, what: string, bad: Bad): void {
  for (const k of unknownKeys(obj, new Set(known))) bad(`${where}.${k}`, obj[k], `unknown key (${what} has ${known.join(', ')})`)
}

/** The `serving` object: every field optional, an unknown one refused (a typo must not fall back to a default unseen). */
export function parseServingObject(value: Json, bad: Bad): ServingOptions {
  if (value === undefined) return {}
  if (!isObject(value)) return bad('serving', value, 'must be an object'), {}
  checkKeys(value, SERVING_KEYS, 'serving', 'the serving object', bad)
  const out: Record<string, unknown> = {}
  for (const f of NUMBER_FIELDS) {
    const x = value[f]
    if (x === undefined) continue
    if (typeof x !== 'number' || !Number.isFinite(x)) bad(`serving.${f}`, x, 'must be a number')
    else out[f] = x
  }
  if (value.slo !== undefined) {
    const slo = value.slo
    if (!isObject(slo) || typeof slo.ttftS !== 'number' || typeof slo.tpotS !== 'number' || unknownKeys(slo, new Set(['ttftS', 'tpotS'])).length > 0) {
      bad('serving.slo', slo, 'must be {"ttftS": seconds, "tpotS": seconds}')
    } else out.slo = { ttftS: slo.ttftS, tpotS: slo.tpotS }
  }
  if (value.deployments !== undefined) out.deployments = parseDeployments(value.deployments, bad)
  return out as ServingOptions
}

function parseDeployments(value: Json, bad: Bad): DeploymentSpec[] {
  if (!Array.isArray(value) || value.length === 0) return bad('serving.deployments', value, 'must be a non-empty list of {"model", "tp", "replicas"}'), []
  return value.flatMap((d, i): DeploymentSpec[] => {
    const where = `serving.deployments[${i}]`
    if (!isObject(d)) return bad(where, d, 'must be an object'), []
    checkKeys(d, DEPLOYMENT_KEYS, where, 'a deployment', bad)
    if (typeof d.model !== 'string' || d.model.trim() === '') bad(`${where}.model`, d.model, 'must be a non-empty string')
    for (const f of ['tp', 'replicas'] as const) {
      if (!Number.isSafeInteger(d[f]) || (d[f] as number) < 1) bad(`${where}.${f}`, d[f], 'must be a whole number >= 1')
    }
    for (const f of ['dtype', 'kvCacheDtype'] as const) {
      if (d[f] !== undefined && d[f] !== 'bf16' && d[f] !== 'fp8') bad(`${where}.${f}`, d[f], "must be 'bf16' or 'fp8'")
    }
    return [
      {
        model: typeof d.model === 'string' ? d.model.trim() : '',
        tp: d.tp as number,
        replicas: d.replicas as number,
        ...(d.dtype !== undefined && { dtype: d.dtype as 'bf16' | 'fp8' }),
        ...(d.kvCacheDtype !== undefined && { kvCacheDtype: d.kvCacheDtype as 'bf16' | 'fp8' }),
      },
    ]
  })
}

/** The `models` list: each a name and its architecture figures, names distinct. */
export function parseModels(value: Json, bad: Bad): ServingModel[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) return bad('models', value, 'must be a list of models'), []
  const seen = new Set<string>()
  return value.flatMap((m, i): ServingModel[] => {
    const where = `models[${i}]`
    if (!isObject(m)) return bad(where, m, 'must be an object'), []
    checkKeys(m, MODEL_KEYS, where, 'a model', bad)
    if (typeof m.name !== 'string' || m.name.trim() === '') return bad(`${where}.name`, m.name, 'must be a non-empty string'), []
    const name = m.name.trim()
    if (seen.has(name.toLowerCase())) bad(`${where}.name`, m.name, 'names a model defined earlier in the list')
    seen.add(name.toLowerCase())
    const figure = (f: Exclude<(typeof MODEL_KEYS)[number], 'name'>): number => {
      const x = m[f]
      const whole = f !== 'activeParamsB' && f !== 'weightsGB'
      const ok = typeof x === 'number' && Number.isFinite(x) && x > 0 && (!whole || Number.isSafeInteger(x))
      if (!ok) bad(`${where}.${f}`, x, whole ? 'must be a whole number >= 1' : 'must be a number > 0')
      return typeof x === 'number' ? x : NaN
    }
    return [{ name, layers: figure('layers'), hidden: figure('hidden'), heads: figure('heads'), kvHeads: figure('kvHeads'), headDim: figure('headDim'), activeParamsB: figure('activeParamsB'), weightsGB: figure('weightsGB') }]
  })
}

/** A serving scenario's task: a request. A missing weight is 1. */
export function parseRequestTask(value: Record<string, Json>, where: string, bad: Bad): TaskSpec {
  checkKeys(value, [...REQUEST_KEYS, ...Object.keys(JOB_ONLY)], where, 'a serving request', bad)
  if (value.phase !== undefined || value.tokens !== undefined) {
    bad(where, { phase: value.phase, tokens: value.tokens }, 'a serving request has inputTokens and outputTokens, not phase/tokens')
  }
  for (const key of ['tp', 'memory'] as const) if (value[key] !== undefined) bad(`${where}.${key}`, value[key], JOB_ONLY[key])
  const str = (key: 'id' | 'model'): string => {
    const v = value[key]
    if (typeof v !== 'string' || v.trim() === '') bad(`${where}.${key}`, v, 'must be a non-empty string')
    return typeof v === 'string' ? v.trim() : ''
  }
  const num = (key: string, check: (x: number) => string | undefined): number => {
    const v = value[key]
    const problem = typeof v !== 'number' ? 'must be a number' : check(v)
    if (problem !== undefined) bad(`${where}.${key}`, v, problem)
    return typeof v === 'number' ? v : NaN
  }
  const tokens = (x: number) => (Number.isSafeInteger(x) && x >= 1 ? undefined : 'must be a whole number >= 1')
  const id = str('id')
  const model = str('model')
  const weight = value.weight === undefined ? 1 : num('weight', (x) => checkWeight(x) ?? (x > 0 ? undefined : 'weight must be > 0 in serving mode'))
  return requestTask(id, model, weight, num('arrival', checkArrival), num('inputTokens', tokens), num('outputTokens', tokens))
}

/** A serving scenario's `models`, `serving` and tasks as the file writes them. */
export function servingJson(models: readonly ServingModel[] | undefined, serving: ServingOptions | undefined): Record<string, unknown> {
  return { ...(models !== undefined && models.length > 0 && { models }), ...(serving !== undefined && Object.keys(serving).length > 0 && { serving }) }
}
