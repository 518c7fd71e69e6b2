import type { TaskSpec } from '../types.ts'
import { MAX_ISSUES, type InputIssue } from '../workloads/errors.ts'
import { inputTokensOf, outputTokensOf } from './requests.ts'

/** A request's fields as the formats name them (scenario JSON keys). */
export type RequestField = 'id' | 'model' | 'weight' | 'arrival' | 'inputTokens' | 'outputTokens'

/**
 * What serving refuses in a request, before any run: each problem names the field. Size is no
 * reason to refuse one (a request too large for the KV cache is rejected at arrival, with its
 * reason), so tokens may be any whole number >= 1 up to the safe integers.
 */
export function checkRequestFields(r: { readonly [K in 'id' | 'model' | 'weight' | 'arrivalS' | 'inputTokens' | 'outputTokens']?: unknown }): { field: RequestField; message: string }[] {
  const out: { field: RequestField; message: string }[] = []
  const num = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x)
  if (typeof r.id !== 'string' || r.id.trim() === '') out.push({ field: 'id', message: 'request id must be a non-empty string' })
  if (typeof r.model !== 'string' || r.model.trim() === '') out.push({ field: 'model', message: 'model must be a non-empty string' })
  if (!num(r.weight) || r.weight <= 0) out.push({ field: 'weight', message: 'weight must be a number > 0' })
  if (!num(r.arrivalS) || r.arrivalS < 0) out.push({ field: 'arrival', message: 'arrival must be a number of seconds >= 0' })
  for (const field of ['inputTokens', 'outputTokens'] as const) {
    const x = r[field]
    if (!Number.isSafeInteger(x) || (x as number) < 1) out.push({ field, message: `${field} must be a whole number >= 1` })
  }
  return out
}

/**
 * Every task as serving reads it (P and O mapped where the task has none), before a run: the
 * problems, each at `tasks[i]` with the task's id. Ids are the readers' to check (a run sent
 * to the worker carries none), so this looks at what the engine computes with.
 */
export function checkRequests(tasks: readonly TaskSpec[]): InputIssue[] {
  const issues: InputIssue[] = []
  for (let i = 0; i < tasks.length && issues.length < MAX_ISSUES; i++) {
    const t = tasks[i]!
    const request = { id: 'x', model: t.model, weight: t.weight, arrivalS: t.arrivalS, inputTokens: inputTokensOf(t), outputTokens: outputTokensOf(t) }
    const named = t.id === '' ? `tasks[${i}]` : `tasks[${i}] (${t.id})`
    for (const p of checkRequestFields(request)) {
      const value = p.field === 'arrival' ? t.arrivalS : request[p.field as Exclude<RequestField, 'arrival'>]
      issues.push({ where: named, field: p.field, value: String(value), message: p.message })
    }
  }
  if (tasks.length === 0) issues.push({ where: 'tasks', message: 'holds no requests' })
  return issues
}
