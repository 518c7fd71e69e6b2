import type { ServingResult } from './results.ts'

/** Rejection reasons listed one by one; the rest are counted. */
const MAX_REASONS = 10

/** One algorithm's line of the serving summary table (times in seconds). */
export interface ServingSummaryRow {
  readonly algorithm: string
  readonly completed: number
  readonly total: number
  readonly ttftMean: number
  readonly ttftP95: number
  readonly tpotMean: number
  readonly e2eMean: number
  readonly e2eP95: number
  readonly outputTokensPerS: number
  readonly goodputRps: number
  readonly preemptions: number
}

export function servingSummaryRow(r: ServingResult): ServingSummaryRow {
  const m = r.metrics
  return {
    algorithm: r.algorithm,
    completed: m.completed_count,
    total: m.total_count,
    ttftMean: m.ttft_mean,
    ttftP95: m.ttft_p95,
    tpotMean: m.tpot_mean,
    e2eMean: m.average_waiting_time,
    e2eP95: m.e2e_p95,
    outputTokensPerS: m.output_throughput_tps,
    goodputRps: m.goodput_rps,
    preemptions: m.preemption_count,
  }
}

/**
 * What a reader must not miss after the table: rejected requests, counted by reason (the
 * reasons are the same for every algorithm), and per algorithm the requests left unfinished.
 */
export function servingWarnings(results: readonly ServingResult[]): string[] {
  const out: string[] = []
  const first = results[0]
  if (first === undefined) return out
  const reasons = new Map<string, string[]>()
  for (const q of first.requests) if (q.rejection !== null) reasons.set(q.rejection, [...(reasons.get(q.rejection) ?? []), q.id])
  let listed = 0
  for (const [reason, ids] of reasons) {
    if (listed === MAX_REASONS) {
      const left = [...reasons.values()].slice(MAX_REASONS).reduce((n, x) => n + x.length, 0)
      out.push(`rejected: ${left} more requests, for other reasons`)
      break
    }
    const shown = ids.slice(0, 5).join(', ') + (ids.length > 5 ? `, ... (${ids.length} in all)` : '')
    out.push(`rejected: ${shown}: ${reason}`)
    listed += 1
  }
  for (const r of results) {
    const unfinished = r.metrics.unfinished_count
    if (unfinished > 0) out.push(`${r.algorithm}: ${unfinished} of ${r.metrics.total_count} requests unfinished at the horizon`)
  }
  return out
}
