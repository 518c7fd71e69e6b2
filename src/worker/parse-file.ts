import type { TaskSpec } from '../engine/types.ts'
import { parseWorkloadCsv } from '../engine/workloads/csv.ts'
import { formatIssue, InputError } from '../engine/workloads/errors.ts'
import { parseScenarioJson, type ScenarioDocument } from '../engine/workloads/scenario-json.ts'

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

/** A JSON scenario if the name or content says so, else the reference CSV format. */
export function parseFile({ requestId, name, text }: ParseRequest): ParseResult {
  try {
    if (/\.json$/i.test(name) || text.trimStart().startsWith('{')) {
      return { requestId, ok: true, kind: 'json', document: parseScenarioJson(text, name) }
    }
    return { requestId, ok: true, kind: 'csv', tasks: parseWorkloadCsv(text, name) }
  } catch (e) {
    if (e instanceof InputError) return { requestId, ok: false, problems: e.issues.map((i) => formatIssue(name, i)) }
    return { requestId, ok: false, problems: [`${name}: ${e instanceof Error ? e.message : String(e)}`] }
  }
}
