import { resolveCluster } from '../engine/catalog/clusters.ts'
import { jobCount } from '../sweep/definition.ts'
import { findSweepMetric } from '../sweep/metrics.ts'
import { findSweepParam } from '../sweep/params.ts'
import { summaryOf, type SweepResult } from '../sweep/result.ts'

const num = (x: number | null, digits = 3) => (x === null ? '—' : x.toFixed(digits))

/** What was swept, on what, and how much of it this result holds. */
export function describeSweep(r: SweepResult): string {
  const d = r.definition
  const param = findSweepParam(d.param)!
  const lastSeed = d.generator.seed + d.seeds - 1
  const seeds = d.seeds === 1 ? `seed ${d.generator.seed}` : `${d.seeds} seeds (${d.generator.seed}–${lastSeed})`
  const gpus = resolveCluster(d.cluster).gpus.length
  const horizon = Number.isFinite(d.maxTimeS) ? `max time ${d.maxTimeS} s` : 'each run until every task has finished'
  const lines = [
    `Sweep: ${param.label} from ${d.from} to ${d.to}, ${d.points} points × ${seeds} = ${jobCount(d)} scenarios of ${d.generator.count} tasks, ${d.algorithms.length} policies`,
    `Cluster ${d.cluster.name} (${gpus} GPUs), ${d.mode} mode${d.mode === 'exact' ? `, ${d.backfill ? 'backfill' : 'strict'}` : ''}; ${horizon}`,
  ]
  if (r.shard !== null) lines.push(`Shard ${r.shard.index}/${r.shard.count}: ${r.runs.length / Math.max(1, d.algorithms.length)} of ${jobCount(d)} scenarios (merge the shards' JSON files for the whole sweep)`)
  else if (!r.complete) lines.push(`Incomplete: ${r.runs.length} of ${jobCount(d) * d.algorithms.length} runs (a shard's output is missing)`)
  return lines.join('\n')
}

/** One table per metric: a row per point, a column per policy, "mean [min–max]" over the seeds. */
export function formatSweepTable(r: SweepResult, metric: string): string {
  const d = r.definition
  const m = findSweepMetric(metric)!
  const param = findSweepParam(d.param)!
  const hasLoad = r.points.some((p) => p.offeredLoad !== null) && d.param !== 'utilization'
  const cells = (point: number) =>
    d.algorithms.map((a) => {
      const s = summaryOf(r, point, a, metric)
      if (s === undefined || s.mean === null) return '—'
      return d.seeds === 1 || s.n < 2 ? num(s.mean) : `${num(s.mean)} [${num(s.min)}–${num(s.max)}]`
    })
  const head = [d.param, ...(hasLoad ? ['load'] : []), ...d.algorithms]
  const rows = r.points.map((p) => [String(p.value), ...(hasLoad ? [num(p.offeredLoad, 2)] : []), ...cells(p.index)])
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)))
  const line = (row: readonly string[]) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('   ').trimEnd()
  const spread = d.seeds === 1 ? '' : `: mean over ${d.seeds} seeds [min–max]`
  return [`${m.label} against ${param.label.charAt(0).toLowerCase()}${param.label.slice(1)}${spread}`, line(head), ...rows.map(line)].join('\n')
}
