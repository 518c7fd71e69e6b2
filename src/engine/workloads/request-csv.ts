import { csvFormatRows, csvParseRows } from 'd3-dsv'
import { checkRequestFields, type RequestField } from '../serving/request-checks.ts'
import { inputTokensOf, outputTokensOf, requestTask } from '../serving/requests.ts'
import type { TaskSpec } from '../types.ts'
import { MAX_CSV_BYTES } from './csv.ts'
import { InputError, MAX_ISSUES, parseDecimal, type InputIssue } from './errors.ts'
import { duplicateIdIssues } from './validate.ts'

/** Serving mode's request CSV: these columns in any order (names in any case). */
export const REQUEST_CSV_COLUMNS = ['Task', 'Workload', 'Weight', 'ArrivalTime', 'InputTokens', 'OutputTokens'] as const

const FIELD_OF: Readonly<Record<RequestField, (typeof REQUEST_CSV_COLUMNS)[number]>> = { weight: 'Weight', arrival: 'ArrivalTime', inputTokens: 'InputTokens', outputTokens: 'OutputTokens', id: 'Task', model: 'Workload' }

/** Whether a CSV's header names the request columns (as opposed to the reference's Phase/Tokens). */
export function isRequestCsv(text: string): boolean {
  const header = (csvParseRows(text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '')[0] ?? []).map((h) => h.trim().toLowerCase())
  return REQUEST_CSV_COLUMNS.every((c) => header.includes(c.toLowerCase()))
}

/**
 * Reads requests in the request CSV format, as tasks carrying their P and O (serving/requests.ts).
 * Throws an InputError listing every bad row (line, column, value, why); returns nothing
 * partial. Extra columns are ignored.
 */
export function parseRequestCsv(text: string, source = 'requests.csv'): TaskSpec[] {
  if (text.length > MAX_CSV_BYTES) {
    throw new InputError(source, [{ where: 'file', message: `is ${(text.length / 1e6).toFixed(1)} MB; the limit is ${MAX_CSV_BYTES / 1e6} MB` }])
  }
  const rows = csvParseRows(text.replace(/^\uFEFF/, ''))
  const header = (rows[0] ?? []).map((h) => h.trim())
  const col = new Map(header.map((h, i) => [h.toLowerCase(), i]))
  const missing = REQUEST_CSV_COLUMNS.filter((c) => !col.has(c.toLowerCase()))
  if (rows.length === 0 || missing.length > 0) {
    const found = header.length > 0 ? header.join(',') : 'nothing'
    throw new InputError(source, [{ where: 'line 1', message: `header must name the columns ${REQUEST_CSV_COLUMNS.join(',')}; missing ${missing.join(', ')} (found ${found})` }])
  }
  const index = (name: string) => col.get(name.toLowerCase())!
  const issues: InputIssue[] = []
  const requests: TaskSpec[] = []
  const lines: number[] = []
  for (let r = 1; r < rows.length && issues.length < MAX_ISSUES; r++) {
    const row = rows[r]!
    if (row.every((cell) => cell.trim() === '')) continue
    const where = `line ${r + 1}`
    if (row.length < header.length) {
      issues.push({ where, message: `has ${row.length} fields, the header has ${header.length}` })
      continue
    }
    const cell = (name: string) => row[index(name)]!
    const num = (name: string) => parseDecimal(cell(name)) ?? NaN
    const id = cell('Task').trim()
    const model = cell('Workload').trim()
    const [weight, arrivalS, inputTokens, outputTokens] = [num('Weight'), num('ArrivalTime'), num('InputTokens'), num('OutputTokens')]
    const problems = checkRequestFields({ id, model, weight, arrivalS, inputTokens, outputTokens })
    for (const p of problems) issues.push({ where, field: FIELD_OF[p.field], value: cell(FIELD_OF[p.field]), message: p.message })
    if (problems.length > 0) continue
    requests.push(requestTask(id, model, weight, arrivalS, inputTokens, outputTokens))
    lines.push(r + 1)
  }
  issues.push(...duplicateIdIssues(requests.map((q) => q.id), (i) => `line ${lines[i]}`))
  if (issues.length > 0) throw new InputError(source, issues.slice(0, MAX_ISSUES))
  if (requests.length === 0) throw new InputError(source, [{ where: 'file', message: 'holds no requests' }])
  return requests
}

/** Writes tasks as requests (P and O mapped where a task has none); parseRequestCsv reads them back as requests. */
export function formatRequestCsv(tasks: readonly TaskSpec[]): string {
  const rows = tasks.map((q) => [q.id, q.model, String(q.weight), String(q.arrivalS), String(inputTokensOf(q)), String(outputTokensOf(q))])
  return `${csvFormatRows([[...REQUEST_CSV_COLUMNS], ...rows])}\n`
}
