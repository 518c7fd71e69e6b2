import { servingResultsJson, formatServingTraceCsv } from '../engine/serving/export.ts'
import { prepareServing, type PreparedServing } from '../engine/serving/prepare.ts'
import type { ServingResult } from '../engine/serving/results.ts'
import type { PolicyLookup } from '../engine/policies/registry.ts'
import { runServing } from '../engine/serving/run.ts'
import { servingSummaryRow, servingWarnings } from '../engine/serving/summary.ts'
import type { Scenario } from '../engine/types.ts'

/** What one workload's serving run gives the command line. */
export interface ServingRun {
  /** The table and notes to print. */
  readonly report: string
  /** `--output` entries, keyed <workload>_<Algorithm>. */
  readonly json: Record<string, Record<string, number>>
  /** `--trace` rows (with their header). */
  readonly trace: (() => string) | undefined
}

/** Runs each algorithm on a serving scenario (checked and placed once; `source` names it in a refusal) and words the results. */
export function runServingCli(scenario: Scenario, algorithms: readonly string[], wantTrace: boolean, source: string, policies?: PolicyLookup): ServingRun {
  const prepared = prepareServing(scenario, source)
  const results = algorithms.map((a) => runServing(prepared, a, policies === undefined ? {} : { policies }))
  const warnings = servingWarnings(results)
  if (results.some((r) => r.metrics.unfinished_count > 0) && Number.isFinite(scenario.maxTimeS)) warnings.push('To run until every request has finished, add --max-time inf.')
  const report = `${servingModeLine(prepared)}\n\n${formatServingTable(results)}\n${warnings.length > 0 ? `\n${warnings.join('\n')}\n` : ''}\n`
  return { report, json: servingResultsJson(scenario.name, results), trace: wantTrace ? () => formatServingTraceCsv(results) : undefined }
}

/** The serving setup in one line: the model, the replicas as placed, the main knobs. */
export function servingModeLine(p: PreparedServing): string {
  const replicas = p.deployments.map((d) => `${d.model} ${d.replicas} × TP${d.tp}${d.dtype === 'fp8' ? ' fp8' : ''}${d.kvCacheDtype === 'fp8' ? ' fp8 KV' : ''}`).join(', ')
  const c = p.config
  return (
    'Mode: serving (continuous batching, paged KV cache, roofline step time)\n' +
    `Replicas: ${replicas === '' ? 'none' : replicas}; maxNumSeqs ${c.maxNumSeqs}, maxBatchedTokens ${c.maxBatchedTokens}, block ${c.blockSize} tokens`
  )
}

const COLUMNS = [
  ['Algorithm', 14],
  ['Completed', 11],
  ['TTFT mean', 10],
  ['TTFT p95', 10],
  ['TPOT mean', 10],
  ['E2E mean', 10],
  ['E2E p95', 10],
  ['Throughput', 11],
  ['Goodput', 9],
  ['Preemptions', 12],
] as const
const UNITS = ['', '', 'ms', 'ms', 'ms', 's', 's', 'tok/s', 'req/s', '']

/**
 * Serving mode's table: per algorithm, completed / total, TTFT mean and p95 and TPOT mean (ms),
 * E2E mean and p95 (s), output throughput (tokens/s), goodput (requests/s within the SLOs)
 * and preemptions.
 */
export function formatServingTable(results: readonly ServingResult[]): string {
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(COLUMNS[i]![1]) : c.padStart(COLUMNS[i]![1]))).join(' ')
  const header = line(COLUMNS.map((c) => c[0]))
  const lines = [header, line(UNITS), '-'.repeat(header.length)]
  const ms = (s: number) => (s * 1000).toFixed(1)
  for (const r of results) {
    const x = servingSummaryRow(r)
    lines.push(
      line([
        x.algorithm,
        `${x.completed}/${x.total}`,
        ms(x.ttftMean),
        ms(x.ttftP95),
        ms(x.tpotMean),
        x.e2eMean.toFixed(3),
        x.e2eP95.toFixed(3),
        x.outputTokensPerS.toFixed(1),
        x.goodputRps.toFixed(2),
        String(x.preemptions),
      ]),
    )
  }
  return lines.join('\n')
}
