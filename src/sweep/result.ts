import { jobCount, type SweepDefinition } from './definition.ts'
import type { JobResult, Shard, SweepRun } from './jobs.ts'
import { metricsFor } from './metrics.ts'
import { sweepPoints, type SweepPoint } from './scenario.ts'

/**
 * One policy's metric at one point over its seeds: the mean, and the spread as the smallest
 * and largest seed's value (the band the chart draws). `n` seeds had a value; the mean and
 * bounds are null when none had.
 */
export interface SummaryRow {
  readonly point: number
  readonly algorithm: string
  readonly metric: string
  readonly mean: number | null
  readonly min: number | null
  readonly max: number | null
  readonly n: number
}

/** A sweep's outcome, or a shard's share of it. The same definition always gives the same result. */
export interface SweepResult {
  readonly definition: SweepDefinition
  /** The shard this result holds, null for a whole sweep (or a merge). */
  readonly shard: Shard | null
  /** Every run of the definition is here. */
  readonly complete: boolean
  readonly points: readonly SweepPoint[]
  /** Ordered by point, seed, then the definition's policy order. */
  readonly runs: readonly SweepRun[]
  /** Ordered by point, policy, then metric (metrics.ts order). */
  readonly summary: readonly SummaryRow[]
}

/** Runs in the one order every result keeps, whatever order the workers finished in. */
export function sortRuns(d: SweepDefinition, runs: readonly SweepRun[]): SweepRun[] {
  const rank = new Map(d.algorithms.map((a, i) => [a, i]))
  return [...runs].sort((a, b) => a.point - b.point || a.seed - b.seed || rank.get(a.algorithm)! - rank.get(b.algorithm)!)
}

/** Means, minima and maxima over seeds, summed in seed order so every path gives the same bits. */
export function summarize(d: SweepDefinition, sorted: readonly SweepRun[]): SummaryRow[] {
  const byKey = new Map<string, SweepRun[]>()
  for (const r of sorted) {
    const key = `${r.point}|${r.algorithm}`
    const list = byKey.get(key)
    if (list === undefined) byKey.set(key, [r])
    else list.push(r)
  }
  const out: SummaryRow[] = []
  for (let point = 0; point < d.points; point++) {
    for (const algorithm of d.algorithms) {
      const runs = byKey.get(`${point}|${algorithm}`) ?? []
      for (const metric of metricsFor(d.mode)) {
        let sum = 0
        let n = 0
        let min = Infinity
        let max = -Infinity
        for (const r of runs) {
          const x = r.metrics[metric.name]
          if (x === null || x === undefined) continue
          sum += x
          n += 1
          min = Math.min(min, x)
          max = Math.max(max, x)
        }
        out.push({ point, algorithm, metric: metric.name, mean: n > 0 ? sum / n : null, min: n > 0 ? min : null, max: n > 0 ? max : null, n })
      }
    }
  }
  return out
}

/** A result from the runs of some jobs (any order). */
export function assembleResult(d: SweepDefinition, jobs: readonly JobResult[], shard: Shard | null): SweepResult {
  return fromRuns(d, jobs.flatMap((j) => j.runs), shard)
}

export function fromRuns(d: SweepDefinition, runs: readonly SweepRun[], shard: Shard | null): SweepResult {
  const sorted = sortRuns(d, runs)
  return {
    definition: d,
    shard,
    complete: sorted.length === jobCount(d) * d.algorithms.length,
    points: sweepPoints(d),
    runs: sorted,
    summary: summarize(d, sorted),
  }
}

/** The summary row of one policy's metric at one point. */
export function summaryOf(r: SweepResult, point: number, algorithm: string, metric: string): SummaryRow | undefined {
  return r.summary.find((x) => x.point === point && x.algorithm === algorithm && x.metric === metric)
}
