import type { RunResult } from '../engine/results.ts'
import type { Scenario } from '../engine/types.ts'

const pad = (s: string, n: number) => s.padEnd(n)
const lpad = (s: string, n: number) => s.padStart(n)

/** The reference's per-workload table: Algorithm, Weighted Wait, Avg Wait, Completed (3 decimals). */
export function formatTable(results: ReadonlyMap<string, RunResult>): string {
  const lines = [`${pad('Algorithm', 14)} ${lpad('Weighted Wait', 14)} ${lpad('Avg Wait', 10)} ${lpad('Completed', 10)}`]
  lines.push('-'.repeat(lines[0]!.length))
  for (const [name, r] of results) {
    const m = r.metrics
    lines.push(
      `${pad(name, 14)} ${lpad(m.weighted_waiting_time.toFixed(3), 14)} ${lpad(m.average_waiting_time.toFixed(3), 10)} ${lpad(String(m.completed_count), 10)}`,
    )
  }
  return lines.join('\n')
}

const improvement = (base: number, x: number) => (base > 0 ? ((base - x) / base) * 100 : 0)

/** The reference's improvement lines, for the algorithms present. */
export function formatImprovements(results: ReadonlyMap<string, RunResult>): string[] {
  const fifo = results.get('FIFO')?.metrics
  if (fifo === undefined) return []
  const lines: string[] = []
  const wf = results.get('WeightedFIFO')?.metrics
  const srpt = results.get('SRPT')?.metrics
  const wsrpt = results.get('WSRPT')?.metrics
  if (wf) lines.push(`WeightedFIFO vs FIFO improvement ${improvement(fifo.weighted_waiting_time, wf.weighted_waiting_time).toFixed(1)} %`)
  if (srpt) lines.push(`SRPT vs FIFO average improvement ${improvement(fifo.average_waiting_time, srpt.average_waiting_time).toFixed(1)} %`)
  if (wsrpt) lines.push(`WSRPT vs FIFO improvement ${improvement(fifo.weighted_waiting_time, wsrpt.weighted_waiting_time).toFixed(1)} %`)
  return lines
}

/** Notes a reader needs to trust the table: unequal completion counts, rejected and unfinished tasks. */
/**
 * `rejected`: the tasks no algorithm can run, with why (the prepared scenario's, the same for
 * every algorithm; read from it, as building every task's outcome to find them cost a 4,000-task
 * run a tenth of its time).
 */
export function formatWarnings(scenario: Scenario, results: ReadonlyMap<string, RunResult>, rejected: readonly { readonly id: string; readonly rejection: string }[]): string[] {
  const lines: string[] = []
  const counts = new Set([...results.values()].map((r) => r.metrics.completed_count))
  if (counts.size > 1) {
    const list = [...results].map(([n, r]) => `${n} ${r.metrics.completed_count}`).join(', ')
    lines.push(`Warning: algorithms completed different numbers of tasks (${list}); their sums are not comparable.`)
  }
  if (results.size > 0) {
    if (rejected.length > 0) {
      lines.push(`Rejected ${rejected.length} of ${scenario.tasks.length} tasks (they can never run on this cluster):`)
      for (const t of rejected.slice(0, 5)) lines.push(`  ${t.id}: ${t.rejection}`)
      if (rejected.length > 5) lines.push(`  ... and ${rejected.length - 5} more`)
    }
    let unfinished = false
    for (const [name, r] of results) {
      if (r.metrics.unfinished_count > 0) {
        unfinished = true
        const horizon = Number.isFinite(scenario.maxTimeS) ? `${scenario.maxTimeS} s` : 'the end'
        // A preempted task may have run a while, then waited until the horizon.
        const what = scenario.preemptive === true && scenario.mode === 'exact' ? 'did not finish' : 'never started'
        lines.push(`${name}: ${r.metrics.unfinished_count} tasks ${what} before ${horizon} (unfinished, left out of the sums).`)
      }
    }
    if (unfinished && Number.isFinite(scenario.maxTimeS)) lines.push('To run until every task has finished, add --max-time inf.')
  }
  return lines
}

export function modeLine(scenario: Scenario): string {
  const preemptive = scenario.preemptive === true
  return scenario.mode === 'reference'
    ? `Mode: reference (the Python simulator's accounting, quirks included${preemptive ? '; it never preempts, so preemptive is ignored' : ''})`
    : `Mode: exact (exact GPU counting, TP groups within a node, ${scenario.backfill ? 'backfill' : 'strict priority'}${preemptive ? ', preemptive' : ''})`
}
