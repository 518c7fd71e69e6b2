import { policies } from '../policies/registry.ts'
import type { DeploymentSpec, ServingOptions } from './types.ts'

type Json = unknown
type Bad = (where: string, value: Json, message: string) => void
const isObject = (x: Json): x is Record<string, Json> => typeof x === 'object' && x !== null && !Array.isArray(x)

const NUMBER_FIELDS = [
  'maxNumSeqs',
  'maxBatchedTokens',
  'blockSize',
  'gpuMemoryUtilization',
  'mfu',
  'mbu',
  'iterationOverheadS',
  'allReduceLatencyS',
  'allReduceBusGBs',
] as const

/**
 * The scenario's `serving` object: every field optional; unknown fields are refused (a typo
 * would otherwise fall back to a default unseen). Values are range-checked later, with the
 * defaults filled in (config.ts), and deployments when they are placed (placement.ts).
 */
export function parseServingObject(value: Json, bad: Bad): ServingOptions {
  if (value === undefined) return {}
  if (!isObject(value)) return bad('serving', value, 'must be an object'), {}
  const known = new Set<string>([...NUMBER_FIELDS, 'deployments', 'slo'])
  for (const key of Object.keys(value)) if (!known.has(key)) bad(`serving.${key}`, value[key], `unknown field (known: ${[...known].join(', ')})`)
  const out: Record<string, unknown> = {}
  for (const f of NUMBER_FIELDS) {
    const x = value[f]
    if (x === undefined) continue
    if (typeof x !== 'number' || !Number.isFinite(x)) bad(`serving.${f}`, x, 'must be a number')
    else out[f] = x
  }
  if (value.slo !== undefined) {
    const slo = value.slo
    if (!isObject(slo) || typeof slo.ttftS !== 'number' || typeof slo.tpotS !== 'number') bad('serving.slo', slo, 'must be {"ttftS": seconds, "tpotS": seconds}')
    else out.slo = { ttftS: slo.ttftS, tpotS: slo.tpotS }
  }
  if (value.deployments !== undefined) out.deployments = parseDeployments(value.deployments, bad)
  return out as ServingOptions
}

function parseDeployments(value: Json, bad: Bad): DeploymentSpec[] {
  if (!Array.isArray(value) || value.length === 0) return bad('serving.deployments', value, 'must be a non-empty list of {"model", "tp", "replicas"}'), []
  return value.flatMap((d, i): DeploymentSpec[] => {
    const where = `serving.deployments[${i}]`
    if (!isObject(d)) return bad(where, d, 'must be an object'), []
    if (typeof d.model !== 'string' || d.model.trim() === '') bad(`${where}.model`, d.model, 'must be a non-empty string')
    for (const f of ['tp', 'replicas'] as const) {
      if (!Number.isSafeInteger(d[f]) || (d[f] as number) < 1) bad(`${where}.${f}`, d[f], 'must be a whole number >= 1')
    }
    for (const f of ['dtype', 'kvCacheDtype'] as const) {
      if (d[f] !== undefined && d[f] !== 'bf16' && d[f] !== 'fp8') bad(`${where}.${f}`, d[f], "must be 'bf16' or 'fp8'")
    }
    return [
      {
        model: String(d.model ?? '').trim(),
        tp: d.tp as number,
        replicas: d.replicas as number,
        ...(d.dtype !== undefined && { dtype: d.dtype as 'bf16' | 'fp8' }),
        ...(d.kvCacheDtype !== undefined && { kvCacheDtype: d.kvCacheDtype as 'bf16' | 'fp8' }),
      },
    ]
  })
}

export function parseAlgorithmList(value: Json, bad: Bad): string[] {
  const known = policies.names()
  if (value === undefined) return [...known]
  if (!Array.isArray(value) || value.length === 0) return bad('algorithms', value, `must be a non-empty list of ${known.join(', ')}`), [...known]
  const out: string[] = []
  value.forEach((a, i) => {
    if (typeof a === 'string' && policies.has(a)) out.push(a)
    else bad(`algorithms[${i}]`, a, `unknown algorithm (known: ${known.join(', ')})`)
  })
  return out
}
