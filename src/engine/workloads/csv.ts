import { csvFormatRows, csvParseRows } from 'd3-dsv'
import type { Phase, TaskSpec } from '../types.ts'
import { recordStartLines } from './csv-lines.ts'
import { InputError, IssueList, parseDecimal, type InputIssue } from './errors.ts'
import { fmtLimit, MAX_TASKS } from './limits.ts'
import { checkArrival, checkMemory, checkTokens, checkTp, checkWeight, duplicateIdIssues } from './validate.ts'

/** The reference's columns, in its order. `TP` is SchedScope's optional extension. */
export const CSV_COLUMNS = ['Task', 'Workload', 'Memory', 'Weight', 'ArrivalTime', 'Phase', 'Tokens'] as const
export const CSV_TP_COLUMN = 'TP'

/** Larger files are refused before parsing. */
export const MAX_CSV_BYTES = 64 * 1024 * 1024

/** The reference's rule: `1` or `PREFILL` is a prefill task, anything else a decode task. */
export function parsePhase(text: string): Phase {
  const s = text.trim().toLowerCase()
  return s === '1' || s === 'prefill' ? 'prefill' : 'decode'
}

/** A problem of one record, located once the record's line is known. */
type RecordIssue = Omit<InputIssue, 'where'> & { readonly record: number }

/**
 * Reads a workload in the reference CSV format. Throws an InputError listing every problem
 * (physical line, column, value, why): bad fields, extra fields, unknown or repeated columns,
 * duplicate ids (on any row, valid or not); returns nothing partial.
 */
export function parseWorkloadCsv(text: string, source = 'workload.csv'): TaskSpec[] {
  if (text.length > MAX_CSV_BYTES) {
    throw new InputError(source, [{ where: 'file', message: `is ${(text.length / 1e6).toFixed(1)} MB; the limit is ${MAX_CSV_BYTES / 1e6} MB` }])
  }
  const body = text.replace(/^\uFEFF/, '')
  const rows = csvParseRows(body)
  const header = (rows[0] ?? []).map((h) => h.trim())
  const col = new Map<string, number>()
  header.forEach((h, i) => col.has(h.toLowerCase()) || col.set(h.toLowerCase(), i))
  const missing = CSV_COLUMNS.filter((c) => !col.has(c.toLowerCase()))
  if (rows.length === 0 || missing.length > 0) {
    const found = header.length > 0 ? header.join(',') : 'nothing'
    throw new InputError(source, [
      { where: 'line 1', message: `header must name the columns ${CSV_COLUMNS.join(',')}; missing ${missing.join(', ')} (found ${found})` },
    ])
  }
  const records = rows.reduce((n, row, r) => (r > 0 && row.some((cell) => cell.trim() !== '') ? n + 1 : n), 0)
  if (records > MAX_TASKS) {
    throw new InputError(source, [{ where: 'file', message: `holds ${fmtLimit(records)} tasks; the limit is ${fmtLimit(MAX_TASKS)}` }])
  }
  const found: RecordIssue[] = headerIssues(header)
  // Columns the parser reads; a field anywhere else must be empty (nothing is dropped silently).
  const used = new Set([...CSV_COLUMNS, CSV_TP_COLUMN].map((c) => col.get(c.toLowerCase())).filter((i) => i !== undefined))
  const index = (name: string) => col.get(name.toLowerCase())!
  const tpIndex = col.get(CSV_TP_COLUMN.toLowerCase())
  const tasks: TaskSpec[] = []
  /** Every non-empty id with its record, valid row or not, for the duplicate check. */
  const ids: { id: string; record: number }[] = []
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!
    if (row.every((cell) => cell.trim() === '')) continue
    const idCell = row[index('Task')]?.trim() ?? ''
    if (idCell !== '') ids.push({ id: idCell, record: r })
    if (row.length < header.length) {
      found.push({ record: r, message: `has ${row.length} fields, the header has ${header.length}` })
      continue
    }
    const rowIssues: RecordIssue[] = []
    const extra = row.findIndex((cell, i) => !used.has(i) && cell.trim() !== '')
    if (extra >= 0) {
      const where = extra >= header.length ? `has ${row.length} fields, the header has ${header.length}` : `has a value in column ${extra + 1} ('${header[extra]}'), which SchedScope does not read`
      rowIssues.push({ record: r, value: row[extra]!, message: `${where}; remove it or fix the quoting` })
    }
    const cell = (name: string) => row[index(name)]!
    const num = (name: string, check: (x: number) => string | undefined): number => {
      const raw = cell(name)
      const x = parseDecimal(raw)
      const problem = x === undefined ? 'not a number' : check(x)
      if (problem !== undefined) rowIssues.push({ record: r, field: name, value: raw, message: problem })
      return x ?? NaN
    }
    const model = cell('Workload').trim()
    if (idCell === '') rowIssues.push({ record: r, field: 'Task', value: '', message: 'task id is empty' })
    if (model === '') rowIssues.push({ record: r, field: 'Workload', value: '', message: 'model name is empty' })
    const memoryText = cell('Memory').trim()
    const memoryGB = memoryText === '' ? undefined : num('Memory', checkMemory)
    const weight = num('Weight', checkWeight)
    const arrivalS = num('ArrivalTime', checkArrival)
    const tokens = num('Tokens', checkTokens)
    const tpText = tpIndex === undefined ? '' : (row[tpIndex] ?? '').trim()
    const tp = tpText === '' ? undefined : num(CSV_TP_COLUMN, checkTp)
    if (rowIssues.length > 0) {
      found.push(...rowIssues)
      continue
    }
    tasks.push({
      id: idCell,
      model,
      ...(memoryGB !== undefined && { memoryGB }),
      weight,
      arrivalS,
      phase: parsePhase(cell('Phase')),
      tokens,
      ...(tp !== undefined && { tp }),
    })
  }
  // Lines are worked out only for a refused file (a quoted field may span several lines).
  let lineOf: number[] | undefined
  const at = (record: number) => `line ${(lineOf ??= recordStartLines(body))[record]}`
  const dupes = duplicateIdIssues(ids.map((x) => x.id), (i) => at(ids[i]!.record))
  if (found.length === 0 && dupes.length === 0) {
    if (tasks.length === 0) throw new InputError(source, [{ where: 'file', message: 'holds no tasks' }])
    return tasks
  }
  const issues = new IssueList()
  for (const { record, ...rest } of found) issues.add({ where: at(record), ...rest })
  for (const d of dupes) issues.add(d)
  throw new InputError(source, issues.list())
}

/** Columns named twice, and columns SchedScope does not read: a header that says more than it is read for. */
function headerIssues(header: readonly string[]): RecordIssue[] {
  const out: RecordIssue[] = []
  const known = new Set([...CSV_COLUMNS, CSV_TP_COLUMN].map((c) => c.toLowerCase()))
  const firstAt = new Map<string, number>()
  header.forEach((h, i) => {
    const key = h.toLowerCase()
    const first = firstAt.get(key)
    if (first !== undefined && h !== '') out.push({ record: 0, message: `column '${h}' appears twice (columns ${first + 1} and ${i + 1})` })
    else if (first === undefined) firstAt.set(key, i)
    if (h !== '' && !known.has(key)) {
      out.push({ record: 0, message: `unknown column '${h}' (column ${i + 1}); the columns are ${CSV_COLUMNS.join(', ')} and an optional ${CSV_TP_COLUMN}` })
    }
  })
  return out
}

/**
 * Writes tasks in the reference CSV format. Numbers are written in their shortest exact form,
 * so parsing the output gives the same tasks back. The TP column appears only when a task has one.
 */
export function formatWorkloadCsv(tasks: readonly TaskSpec[]): string {
  const withTp = tasks.some((t) => t.tp !== undefined)
  const header: string[] = [...CSV_COLUMNS, ...(withTp ? [CSV_TP_COLUMN] : [])]
  const rows = tasks.map((t) => [
    t.id,
    t.model,
    t.memoryGB === undefined ? '' : String(t.memoryGB),
    String(t.weight),
    String(t.arrivalS),
    t.phase === 'prefill' ? '1' : '0',
    String(t.tokens),
    ...(withTp ? [t.tp === undefined ? '' : String(t.tp)] : []),
  ])
  return `${csvFormatRows([header, ...rows])}\n`
}
