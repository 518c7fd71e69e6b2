import { useId } from 'react'
import type { ServingMetrics } from '../engine/serving/metrics.ts'
import { AlgorithmTable, bestOf, rowsOf } from './AlgorithmTable.tsx'
import { fmtSig } from './format.ts'
import { usePolicies } from './use-policies.ts'
import './metrics.css'

interface ServingColumn {
  /** The header, exactly (a stable name). */
  readonly label: string
  /** The CLI's results key the cell shows (docs/serving.md "Metrics"). */
  readonly key: keyof ServingMetrics
  /** What the number is, with its unit (the header's tooltip). */
  readonly title: string
  readonly better: 'lower' | 'higher'
}

/** The serving Results columns, each one CLI results key. */
export const SERVING_COLUMNS: readonly ServingColumn[] = [
  { label: 'TTFT mean', key: 'ttft_mean', title: 'Mean time to first token (first token − arrival), seconds, over completed requests.', better: 'lower' },
  { label: 'TTFT p95', key: 'ttft_p95', title: '95th percentile of the time to first token, seconds.', better: 'lower' },
  { label: 'TPOT mean', key: 'tpot_mean', title: 'Mean time per output token after the first ((finish − first token) / (O − 1)), seconds, over completed requests with O > 1.', better: 'lower' },
  { label: 'E2E p95', key: 'e2e_p95', title: '95th percentile of the end-to-end latency (finish − arrival), seconds.', better: 'lower' },
  { label: 'Throughput', key: 'output_throughput_tps', title: 'Output tokens of completed requests / makespan, tokens per second.', better: 'higher' },
  { label: 'Goodput', key: 'goodput_rps', title: 'Completed requests within both SLOs (TTFT and TPOT) / makespan, requests per second.', better: 'higher' },
  { label: 'Preemptions', key: 'preemption_count', title: 'Times a running request lost its KV blocks and went back to the queue to recompute them.', better: 'lower' },
]

/**
 * The Results table of a serving run: per algorithm (registry order) the CLI's serving keys,
 * the numbers the engine computed, to four significant digits.
 */
export function ServingResultsTable({ metrics }: { readonly metrics: Readonly<Record<string, ServingMetrics>> }) {
  const registered = usePolicies()
  const headingId = useId()
  const rows = rowsOf(registered, metrics)
  if (rows.length === 0) return null
  const comparable = new Set(rows.map((r) => r.m.completed_count)).size === 1
  const best = new Map(SERVING_COLUMNS.map((c) => [c, comparable ? bestOf(rows, (m) => m[c.key], c.better) : new Set<string>()]))
  return (
    <div className="results">
      <h3 className="results-title" id={headingId}>
        Results
      </h3>
      {!comparable && (
        <p className="notice warn" role="note">
          {`Algorithms completed different numbers of requests (${rows.map((r) => `${r.a} ${r.m.completed_count} of ${r.m.total_count}`).join(', ')}): latencies over completed requests are not comparable.`}
        </p>
      )}
      <AlgorithmTable
        labelledBy={headingId}
        head={
          <>
            {SERVING_COLUMNS.map((c) => (
              <th scope="col" className="num" key={c.key} title={c.title}>
                {c.label}
              </th>
            ))}
            <th scope="col" className="num" title="Requests completed / requests in the workload (rejected: can never fit any replica's KV cache).">
              Completed
            </th>
          </>
        }
        rows={rows}
        cells={({ a, m }) => (
          <>
            {SERVING_COLUMNS.map((c) => (
              <td key={c.key} className={best.get(c)!.has(a) ? 'num best' : 'num'}>
                {fmtSig(m[c.key])}
              </td>
            ))}
            <td className={m.rejected_count + m.unfinished_count > 0 ? 'num flagged' : 'num'}>{`${m.completed_count} / ${m.total_count}`}</td>
          </>
        )}
      />
      <p className="results-notes">
        Latencies in seconds over completed requests: TTFT = first token − arrival, TPOT = (finish − first token) / (O − 1),
        E2E = finish − arrival. Throughput in output tokens/s, goodput in requests/s within the SLOs. Four significant digits of
        the numbers the CLI writes (--mode serving --output). <strong>Bold</strong>: the best value, when every algorithm
        completed the same requests.
      </p>
    </div>
  )
}
