import { findModel } from '../../engine/catalog/models.ts'
import { inputTokensOf, outputTokensOf } from '../../engine/serving/requests.ts'
import type { Mode, Phase, TaskSpec } from '../../engine/types.ts'
import { checkRequestTokens } from '../../engine/workloads/request-task-checks.ts'
import type { TaskField } from '../../engine/workloads/task-checks.ts'
import { checkArrival, checkMemory, checkTokens, checkTp, checkWeight } from '../../engine/workloads/validate.ts'

/** One typed change to one field; `undefined` clears an optional field (TP, memory). */
export type TaskPatch =
  | { readonly field: 'id' | 'model'; readonly value: string }
  | { readonly field: 'weight' | 'arrivalS' | 'tokens' | 'inputTokens' | 'outputTokens'; readonly value: number }
  | { readonly field: 'tp' | 'memoryGB'; readonly value: number | undefined }
  | { readonly field: 'phase'; readonly value: Phase }

export type ParseResult = { readonly ok: true; readonly patch: TaskPatch } | { readonly ok: false; readonly message: string }

export type Editor = 'text' | 'model' | 'phase'

export interface Column {
  readonly field: TaskField
  /** Header text, also the column's accessible name. */
  readonly label: string
  readonly numeric: boolean
  readonly editor: Editor
  /** The committed value as the cell shows it and the editor starts from. */
  format(task: TaskSpec): string
  /** What the user typed, checked: a patch to apply, or why it cannot be. */
  parse(text: string): ParseResult
  /** Ascending order; sorting is stable, so ties keep the scenario's order. */
  compare(a: TaskSpec, b: TaskSpec): number
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

/** Empty text is `undefined`; anything else must read as a number. */
function readNumber(text: string, what: string): { value: number | undefined } | { message: string } {
  const t = text.trim()
  if (t === '') return { value: undefined }
  const x = Number(t)
  return Number.isNaN(x) ? { message: `${what} must be a number, not '${t}'` } : { value: x }
}

function numberParser(field: 'weight' | 'arrivalS' | 'tokens' | 'inputTokens' | 'outputTokens', what: string, check: (x: number) => string | undefined) {
  return (text: string): ParseResult => {
    const r = readNumber(text, what)
    if ('message' in r) return { ok: false, message: r.message }
    if (r.value === undefined) return { ok: false, message: `${what} is empty: enter a number` }
    const message = check(r.value)
    return message === undefined ? { ok: true, patch: { field, value: r.value } } : { ok: false, message }
  }
}

function optionalParser(field: 'tp' | 'memoryGB', what: string, check: (x: number) => string | undefined) {
  return (text: string): ParseResult => {
    const r = readNumber(text, what)
    if ('message' in r) return { ok: false, message: r.message }
    const message = r.value === undefined ? undefined : check(r.value)
    return message === undefined ? { ok: true, patch: { field, value: r.value } } : { ok: false, message }
  }
}

function nameParser(field: 'id' | 'model', empty: string) {
  return (text: string): ParseResult => (text.trim() === '' ? { ok: false, message: empty } : { ok: true, patch: { field, value: text.trim() } })
}

const byNumber = (get: (t: TaskSpec) => number) => (a: TaskSpec, b: TaskSpec) => get(a) - get(b)

/** Unset optional values sort after every set one. */
const byOptional = (get: (t: TaskSpec) => number | undefined) => (a: TaskSpec, b: TaskSpec) => {
  const x = get(a)
  const y = get(b)
  if (x === undefined || y === undefined) return (x === undefined ? 1 : 0) - (y === undefined ? 1 : 0)
  return x - y
}

/** The job modes' columns (exact, reference). */
export const COLUMNS: readonly Column[] = [
  {
    field: 'id',
    label: 'id',
    numeric: false,
    editor: 'text',
    format: (t) => t.id,
    parse: nameParser('id', 'task id is empty'),
    compare: (a, b) => collator.compare(a.id, b.id),
  },
  {
    field: 'model',
    label: 'model',
    numeric: false,
    editor: 'model',
    format: (t) => t.model,
    parse: nameParser('model', 'model name is empty'),
    compare: (a, b) => collator.compare(a.model, b.model),
  },
  {
    field: 'weight',
    label: 'weight',
    numeric: true,
    editor: 'text',
    format: (t) => String(t.weight),
    parse: numberParser('weight', 'weight', checkWeight),
    compare: byNumber((t) => t.weight),
  },
  {
    field: 'arrivalS',
    label: 'arrival (s)',
    numeric: true,
    editor: 'text',
    format: (t) => String(t.arrivalS),
    parse: numberParser('arrivalS', 'arrival time', checkArrival),
    compare: byNumber((t) => t.arrivalS),
  },
  {
    field: 'phase',
    label: 'phase',
    numeric: false,
    editor: 'phase',
    format: (t) => t.phase,
    parse: (text) =>
      text === 'prefill' || text === 'decode' ? { ok: true, patch: { field: 'phase', value: text } } : { ok: false, message: 'phase must be prefill or decode' },
    compare: (a, b) => collator.compare(a.phase, b.phase),
  },
  {
    field: 'tokens',
    label: 'tokens',
    numeric: true,
    editor: 'text',
    format: (t) => String(t.tokens),
    parse: numberParser('tokens', 'tokens', checkTokens),
    compare: byNumber((t) => t.tokens),
  },
  {
    field: 'tp',
    label: 'TP',
    numeric: true,
    editor: 'text',
    format: (t) => (t.tp === undefined ? '' : String(t.tp)),
    parse: optionalParser('tp', 'TP', checkTp),
    compare: byOptional((t) => t.tp),
  },
  {
    field: 'memoryGB',
    label: 'memory (GB)',
    numeric: true,
    editor: 'text',
    format: (t) => (t.memoryGB === undefined ? '' : String(t.memoryGB)),
    parse: optionalParser('memoryGB', 'memory', checkMemory),
    compare: byOptional((t) => t.memoryGB),
  },
]

/** A request's prompt and output tokens, as serving reads any task (serving/requests.ts). */
const TOKEN_COLUMNS: readonly Column[] = [
  {
    field: 'inputTokens',
    label: 'Input tokens',
    numeric: true,
    editor: 'text',
    format: (t) => String(inputTokensOf(t)),
    parse: numberParser('inputTokens', 'input tokens', (x) => checkRequestTokens(x, 'input tokens')),
    compare: byNumber(inputTokensOf),
  },
  {
    field: 'outputTokens',
    label: 'Output tokens',
    numeric: true,
    editor: 'text',
    format: (t) => String(outputTokensOf(t)),
    parse: numberParser('outputTokens', 'output tokens', (x) => checkRequestTokens(x, 'output tokens')),
    compare: byNumber(outputTokensOf),
  },
]

/** Serving mode's columns: a request has P and O; phase, tokens, TP and memory mean nothing to it. */
export const REQUEST_COLUMNS: readonly Column[] = [...COLUMNS.filter((c) => ['id', 'model', 'weight', 'arrivalS'].includes(c.field)), ...TOKEN_COLUMNS]

/** The columns the table shows in a mode. */
export function columnsFor(mode: Mode): readonly Column[] {
  return mode === 'serving' ? REQUEST_COLUMNS : COLUMNS
}

const ALL_COLUMNS: ReadonlyMap<TaskField, Column> = new Map([...COLUMNS, ...TOKEN_COLUMNS].map((c) => [c.field, c]))

/** Position of each field among its mode's columns (fields are in one order in both). */
export const COLUMN_INDEX: ReadonlyMap<TaskField, number> = new Map([...COLUMNS.map((c, i) => [c.field, i] as const), ...REQUEST_COLUMNS.map((c, i) => [c.field, i] as const)])

export function columnOf(field: TaskField): Column {
  return ALL_COLUMNS.get(field)!
}

/** The TP an empty TP cell stands for, where the catalog knows the model. */
export function recommendedTpOf(task: TaskSpec): number | undefined {
  return findModel(task.model)?.recommendedTp
}
