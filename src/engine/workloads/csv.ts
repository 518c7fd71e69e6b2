import { csvFormatRows, csvParseRows } from 'd3-dsv'
import type { Phase, TaskSpec } from '../types.ts'
import { InputError, MAX_ISSUES, parseDecimal, type InputIssue } from './errors.ts'
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

/**
 * Reads a workload in the reference CSV format. Throws an InputError listing every bad row
 * (line, column, value, why); returns nothing partial.
 */
export function parseWorkloadCsv(text: string, source = 'workload.csv'): TaskSpec[] {
  if (text.length > MAX_CSV_BYTES) {
    throw new InputError(source, [{ where: 'file', message: `is ${(text.length / 1e6).toFixed(1)} MB; the limit is ${MAX_CSV_BYTES / 1e6} MB` }])
  }
  const rows = csvParseRows(text.replace(/^\uFEFF/, ''))
  const header = (rows[0] ?? []).map((h) => h.trim())
  const col = new Map(header.map((h, i) => [h.toLowerCase(), i]))
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
  const index = (name: string) => col.get(name.toLowerCase())!
  const tpIndex = col.get(CSV_TP_COLUMN.toLowerCase())
  const issues: InputIssue[] = []
  const tasks: TaskSpec[] = []
  const lines: number[] = []
  for (let r = 1; r < rows.length && issues.length < MAX_ISSUES; r++) {
    const row = rows[r]!
    const line = r + 1
    if (row.every((cell) => cell.trim() === '')) continue
    const where = `line ${line}`
    if (row.length < header.length) {
      issues.push({ where, message: `has ${row.length} fields, the header has ${header.length}` })
      continue
    }
    const cell = (name: string) => row[index(name)]!
    const rowIssues: InputIssue[] = []
    const num = (name: string, check: (x: number) => string | undefined): number => {
      const raw = cell(name)
      const x = parseDecimal(raw)
      const problem = x === undefined ? 'not a number' : check(x)
      if (problem !== undefined) rowIssues.push({ where, field: name, value: raw, message: problem })
      return x ?? NaN
    }
    const id = cell('Task').trim()
    const model = cell('Workload').trim()
    if (id === '') rowIssues.push({ where, field: 'Task', value: '', message: 'task id is empty' })
    if (model === '') rowIssues.push({ where, field: 'Workload', value: '', message: 'model name is empty' })
    const memoryText = cell('Memory').trim()
    const memoryGB = memoryText === '' ? undefined : num('Memory', checkMemory)
    const weight = num('Weight', checkWeight)
    const arrivalS = num('ArrivalTime', checkArrival)
    const tokens = num('Tokens', checkTokens)
    const tpText = tpIndex === undefined ? '' : (row[tpIndex] ?? '').trim()
    const tp = tpText === '' ? undefined : num(CSV_TP_COLUMN, checkTp)
    if (rowIssues.length > 0) {
      issues.push(...rowIssues)
      continue
    }
    tasks.push({
      id,
      model,
      ...(memoryGB !== undefined && { memoryGB }),
      weight,
      arrivalS,
      phase: parsePhase(cell('Phase')),
      tokens,
      ...(tp !== undefined && { tp }),
    })
    lines.push(line)
  }
  issues.push(...duplicateIdIssues(tasks.map((t) => t.id), (i) => `line ${lines[i]}`))
  if (issues.length > 0) throw new InputError(source, issues.slice(0, MAX_ISSUES))
  if (tasks.length === 0) throw new InputError(source, [{ where: 'file', message: 'holds no tasks' }])
  return tasks
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
