import type { InputIssue } from '../workloads/errors.ts'
import { duplicateIdIssues } from '../workloads/validate.ts'
import type { RequestSpec } from './types.ts'

/**
 * What serving refuses in a request, before any run: each problem names the request, the field
 * and the value. Size is no reason to refuse one (a request too large for the KV cache is
 * rejected at arrival, with its reason).
 */
export function checkRequestFields(r: Partial<Record<keyof RequestSpec, unknown>>): { field: keyof RequestSpec; message: string }[] {
  const out: { field: keyof RequestSpec; message: string }[] = []
  const num = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x)
  if (typeof r.id !== 'string' || r.id.trim() === '') out.push({ field: 'id', message: 'request id must be a non-empty string' })
  if (typeof r.model !== 'string' || r.model.trim() === '') out.push({ field: 'model', message: 'model must be a non-empty string' })
  if (!num(r.weight) || r.weight <= 0) out.push({ field: 'weight', message: 'weight must be a number > 0' })
  if (!num(r.arrivalS) || r.arrivalS < 0) out.push({ field: 'arrivalS', message: 'arrival must be a number of seconds >= 0' })
  for (const field of ['inputTokens', 'outputTokens'] as const) {
    const x = r[field]
    if (!Number.isSafeInteger(x) || (x as number) < 1) out.push({ field, message: `${field} must be a whole number >= 1` })
  }
  return out
}

export function checkRequests(requests: readonly RequestSpec[]): InputIssue[] {
  const issues: InputIssue[] = []
  requests.forEach((r, i) => {
    for (const p of checkRequestFields(r)) issues.push({ where: `requests[${i}]`, field: p.field, value: String(r[p.field]), message: p.message })
  })
  if (requests.length === 0) issues.push({ where: 'requests', message: 'holds no requests' })
  issues.push(...duplicateIdIssues(requests.map((r) => r.id), (i) => `requests[${i}]`))
  return issues.slice(0, 50)
}
