import { csvFormatRows } from 'd3-dsv'
import type { ServingMetrics } from './metrics.ts'
import type { RequestOutcome, ServingResult } from './results.ts'

/** The serving trace's columns (`--trace` in serving mode), a stable format. */
export const SERVING_TRACE_COLUMNS = ['algorithm', 'request', 'model', 'weight', 'arrival', 'first_token', 'completion', 'replica', 'preemptions'] as const

/**
 * One row per request and algorithm, input order. Times unrounded (shortest round-trip form);
 * empty where a request never got there; `replica` the replica that finished it, else empty.
 */
/** What a trace row reads of a request's outcome (a RequestOutcome has it; so has the page's read model). */
export type TraceRequest = Pick<RequestOutcome, 'id' | 'model' | 'weight' | 'arrivalS' | 'firstTokenS' | 'completionS' | 'replica' | 'preemptions'>

export function formatServingTraceCsv(results: readonly { readonly algorithm: string; readonly requests: readonly TraceRequest[] }[]): string {
  const rows: string[][] = [[...SERVING_TRACE_COLUMNS]]
  const text = (x: number | null) => (x === null ? '' : String(x))
  for (const r of results) {
    for (const q of r.requests) {
      rows.push([r.algorithm, q.id, q.model, String(q.weight), String(q.arrivalS), text(q.firstTokenS), text(q.completionS), text(q.replica), String(q.preemptions)])
    }
  }
  return `${csvFormatRows(rows)}\n`
}

/** The keys of serving mode's results JSON, in the order they are written. */
export const SERVING_RESULT_KEYS: readonly (keyof ServingMetrics)[] = [
  'weighted_waiting_time',
  'average_waiting_time',
  'makespan',
  'completed_count',
  'total_count',
  'unfinished_count',
  'rejected_count',
  'gpu_utilization',
  'ttft_mean',
  'ttft_p50',
  'ttft_p95',
  'ttft_p99',
  'tpot_mean',
  'tpot_p95',
  'e2e_p50',
  'e2e_p95',
  'e2e_p99',
  'output_throughput_tps',
  'request_throughput_rps',
  'goodput_rps',
  'preemption_count',
]

/**
 * `--output` in serving mode: `{ "<workload>_<Algorithm>": { key: value, ... } }`, as in the
 * other modes: the keys every mode writes (../results.ts Metrics, the flow time being E2E),
 * then serving's own (SERVING_RESULT_KEYS not among them).
 */
export function servingResultsJson(workload: string, results: readonly Pick<ServingResult, 'algorithm' | 'common' | 'metrics'>[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {}
  for (const r of results) {
    const entry: Record<string, number> = { ...r.common }
    for (const k of SERVING_RESULT_KEYS) entry[k] = r.metrics[k]
    out[`${workload}_${r.algorithm}`] = entry
  }
  return out
}
