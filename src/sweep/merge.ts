import { definitionToJson } from './json.ts'
import type { SweepRun } from './jobs.ts'
import { fromRuns, type SweepResult } from './result.ts'

/** A result and where it came from, for messages. */
export interface SourcedResult {
  readonly source: string
  readonly result: SweepResult
}

/** The first key where two definitions differ, for the message that refuses to merge them. */
function firstDifference(a: Record<string, unknown>, b: Record<string, unknown>): string {
  return Object.keys(a).find((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])) ?? 'definition'
}

/**
 * Joins the outputs of shards (or of any runs of one definition) into one result: the same
 * definition in every file, each run kept once. A run found in two files must have the same
 * numbers in both. The result is what one run over the union of their jobs gives; `complete`
 * says whether that is the whole sweep.
 */
export function mergeResults(parts: readonly SourcedResult[]): SweepResult {
  if (parts.length === 0) throw new Error('merge needs at least one sweep file')
  const first = parts[0]!
  const def = definitionToJson(first.result.definition)
  const runs = new Map<string, { run: SweepRun; source: string }>()
  for (const { source, result } of parts) {
    const other = definitionToJson(result.definition)
    if (JSON.stringify(other) !== JSON.stringify(def)) {
      const key = firstDifference(def, other)
      throw new Error(`${source} is from another sweep than ${first.source}: its ${key} differs (${JSON.stringify(other[key])} against ${JSON.stringify(def[key])})`)
    }
    for (const run of result.runs) {
      const key = `${run.point}|${run.seed}|${run.algorithm}`
      const known = runs.get(key)
      if (known === undefined) runs.set(key, { run, source })
      else if (JSON.stringify(known.run.metrics) !== JSON.stringify(run.metrics)) {
        throw new Error(`point ${run.point}, seed ${run.seed}, ${run.algorithm} has other numbers in ${source} than in ${known.source}`)
      }
    }
  }
  return fromRuns(first.result.definition, [...runs.values()].map((r) => r.run), null)
}
