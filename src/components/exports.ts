import { resultsToJson } from '../engine/export/results-json.ts'
import { formatTraceCsv } from '../engine/export/trace-csv.ts'
import { timelineOutcomes } from '../run-view/outcomes.ts'
import { formatWorkloadCsv } from '../engine/workloads/csv.ts'
import { formatRequestCsv } from '../engine/workloads/request-csv.ts'
import { formatScenarioJson } from '../engine/workloads/scenario-json.ts'
import type { AppState } from '../store/app-store.ts'
import { formatServingTraceCsv, servingResultsJson } from '../engine/serving/export.ts'
import { servingOutcomes } from '../run-view/serving-outcomes.ts'

export type ExportKind = 'scenario-json' | 'workload-csv' | 'request-csv' | 'results-json' | 'trace-csv'

export interface ExportFile {
  readonly text: string
  readonly fileName: string
  readonly type: string
}

/** The text of each export, from the store; null where the run has not finished yet. */
export function buildExport(s: AppState, kind: ExportKind, base: string): ExportFile | null {
  switch (kind) {
    case 'scenario-json':
      return { text: formatScenarioJson(s.scenario, s.algorithms, 2, s.customPolicies), fileName: `${base}.json`, type: 'application/json' }
    case 'workload-csv':
      return { text: formatWorkloadCsv(s.scenario.tasks), fileName: `${base}.csv`, type: 'text/csv' }
    case 'request-csv':
      return { text: formatRequestCsv(s.scenario.tasks), fileName: `${base}-requests.csv`, type: 'text/csv' }
    case 'results-json': {
      if (s.run.status !== 'done') return null
      if (s.run.scenario.mode === 'serving') return servingResults(s, base)
      const runs = s.algorithms.flatMap((a) => {
        const metrics = s.run.metrics[a]
        return metrics === undefined ? [] : [{ workload: s.scenario.name, result: { algorithm: a, metrics } }]
      })
      return { text: resultsToJson(runs), fileName: `${base}-results.json`, type: 'application/json' }
    }
    case 'trace-csv': {
      if (s.run.status !== 'done') return null
      if (s.run.scenario.mode === 'serving') return servingTrace(s, base)
      const runs = s.algorithms.flatMap((a) => {
        const tl = s.run.timelines[a]
        return tl === undefined ? [] : [{ algorithm: a, tasks: timelineOutcomes(tl) }]
      })
      return { text: formatTraceCsv(s.scenario.tasks, runs), fileName: `${base}-trace.csv`, type: 'text/csv' }
    }
  }
}

/** Serving mode's results JSON, as `--mode serving --output` writes it (the keys every mode has, then serving's). */
function servingResults(s: AppState, base: string): ExportFile {
  const runs = s.algorithms.flatMap((a) => {
    const common = s.run.metrics[a]
    const metrics = s.run.servingMetrics[a]
    return common === undefined || metrics === undefined ? [] : [{ algorithm: a, common, metrics }]
  })
  return { text: `${JSON.stringify(servingResultsJson(s.run.scenario.name, runs), null, 2)}\n`, fileName: `${base}-results.json`, type: 'application/json' }
}

/** Serving mode's trace CSV, as `--mode serving --trace` writes it, from the streamed run. */
function servingTrace(s: AppState, base: string): ExportFile | null {
  const info = s.run.prepared?.serving
  if (info === undefined) return null
  const tasks = s.run.scenario.tasks
  const runs = s.algorithms.flatMap((algorithm) => {
    const tl = s.run.timelines[algorithm]
    if (tl === undefined) return []
    const outcomes = servingOutcomes(tl, info)
    return [{ algorithm, requests: tasks.map((t, r) => ({ id: t.id, model: t.model, weight: t.weight, arrivalS: t.arrivalS, ...outcomes[r]! })) }]
  })
  return { text: formatServingTraceCsv(runs), fileName: `${base}-trace.csv`, type: 'text/csv' }
}
