import type { TaskSpec } from '../engine/types.ts'
import { packedBuffers, packTasks, unpackTasks, type PackedTasks } from './packed-tasks.ts'
import { parseWorkloadCsv } from '../engine/workloads/csv.ts'
import { formatIssue, InputError } from '../engine/workloads/errors.ts'
import { isRequestCsv, parseRequestCsv } from '../engine/workloads/request-csv.ts'
import { parseScenarioJson, type ScenarioDocument } from '../engine/workloads/scenario-json.ts'
import { duplicateIds, rememberDuplicateIds } from '../engine/workloads/task-checks.ts'

export interface ParseRequest {
  readonly requestId: number
  readonly name: string
  readonly text: string
}

export type ParseResult =
  | { readonly requestId: number; readonly ok: true; readonly kind: 'csv'; readonly tasks: readonly TaskSpec[] }
  | { readonly requestId: number; readonly ok: true; readonly kind: 'json'; readonly document: ScenarioDocument }
  /** `problems`: one line per problem (file, line or path, field, value, why). */
  | { readonly requestId: number; readonly ok: false; readonly problems: readonly string[] }

/** A JSON scenario if the name or content says so, a request CSV by its header, else the reference CSV format. */
export function parseFile({ requestId, name, text }: ParseRequest): ParseResult {
  try {
    if (/\.json$/i.test(name) || text.trimStart().startsWith('{')) {
      return { requestId, ok: true, kind: 'json', document: parseScenarioJson(text, name) }
    }
    const tasks = isRequestCsv(text) ? parseRequestCsv(text, name) : parseWorkloadCsv(text, name)
    return { requestId, ok: true, kind: 'csv', tasks }
  } catch (e) {
    if (e instanceof InputError) return { requestId, ok: false, problems: e.issues.map((i) => formatIssue(name, i)) }
    return { requestId, ok: false, problems: [`${name}: ${e instanceof Error ? e.message : String(e)}`] }
  }
}

/** A ParseResult as the worker posts it: the tasks packed into columns (see packed-tasks.ts). */
export type ParseWire =
  | { readonly requestId: number; readonly ok: true; readonly kind: 'csv'; readonly packed: PackedTasks; readonly duplicates: readonly (readonly [string, number])[] }
  | {
      readonly requestId: number
      readonly ok: true
      readonly kind: 'json'
      readonly document: ScenarioDocument
      readonly packed: PackedTasks
      readonly duplicates: readonly (readonly [string, number])[]
    }
  | { readonly requestId: number; readonly ok: false; readonly problems: readonly string[] }

/** The tasks packed, with their duplicate ids worked out here (the parse worker's thread). */
function wireTasks(tasks: readonly TaskSpec[]) {
  return { packed: packTasks(tasks), duplicates: [...duplicateIds(tasks)] }
}

/** The tasks again, their duplicate ids remembered for the editor's checks. */
function tasksFrom(w: { readonly packed: PackedTasks; readonly duplicates: readonly (readonly [string, number])[] }): TaskSpec[] {
  const tasks = unpackTasks(w.packed)
  rememberDuplicateIds(tasks, new Map(w.duplicates))
  return tasks
}

export function toWire(r: ParseResult): ParseWire {
  if (!r.ok) return r
  if (r.kind === 'csv') return { requestId: r.requestId, ok: true, kind: 'csv', ...wireTasks(r.tasks) }
  const { scenario } = r.document
  return { requestId: r.requestId, ok: true, kind: 'json', document: { ...r.document, scenario: { ...scenario, tasks: [] } }, ...wireTasks(scenario.tasks) }
}

export function fromWire(w: ParseWire): ParseResult {
  if (!w.ok) return w
  if (w.kind === 'csv') return { requestId: w.requestId, ok: true, kind: 'csv', tasks: tasksFrom(w) }
  const { scenario } = w.document
  return { requestId: w.requestId, ok: true, kind: 'json', document: { ...w.document, scenario: { ...scenario, tasks: tasksFrom(w) } } }
}

/** What to transfer rather than copy. */
export function wireBuffers(w: ParseWire): ArrayBuffer[] {
  return w.ok ? packedBuffers(w.packed) : []
}
