import type { Metrics } from './results.ts'

/**
 * Linear interpolation between closest ranks (numpy's default): p in [0, 100] over sorted values.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0
  const pos = ((sorted.length - 1) * p) / 100
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  const a = sorted[lo]!
  return a + (sorted[hi]! - a) * (pos - lo)
}

/** One run, as columns indexed by task. A task that started has a finite start time. */
export interface RunColumns {
  readonly weight: ArrayLike<number>
  readonly arrivalS: ArrayLike<number>
  /** NaN when the task never started. */
  readonly startS: ArrayLike<number>
  /** Exact finish time (start + duration); read only for started tasks. */
  readonly completionS: ArrayLike<number>
  /** GPUs the task held. */
  readonly gpuCount: ArrayLike<number>
  /** Tasks that can never run on the cluster (they never start). */
  readonly rejectedCount: number
  /** Seconds each task held its GPUs, when that is not completion − start (a preempted task's runs). */
  readonly heldS?: ArrayLike<number>
}

/**
 * Metrics over completed tasks, as the reference computes them (tasks that never ran are left
 * out of the sums but counted as unfinished or rejected), plus the ones it lacks. Sums run in
 * input order, so other views that re-sum them (the metric series) match to the last bit.
 */
export function computeMetrics(run: RunColumns, gpuCount: number): Metrics {
  const { weight, arrivalS, startS, completionS } = run
  const total = arrivalS.length
  let weightedFlow = 0
  let flowSum = 0
  let weightedDelay = 0
  let delaySum = 0
  let makespan = 0
  let busyGpuS = 0
  let completed = 0
  const flows = new Float64Array(total)
  for (let i = 0; i < total; i++) {
    const start = startS[i]!
    if (Number.isNaN(start)) continue
    const w = weight[i]!
    const a = arrivalS[i]!
    const c = completionS[i]!
    const flow = c - a
    const delay = start - a
    weightedFlow += w * flow
    flowSum += flow
    weightedDelay += w * delay
    delaySum += delay
    makespan = Math.max(makespan, c)
    busyGpuS += run.gpuCount[i]! * (run.heldS === undefined ? c - start : run.heldS[i]!)
    flows[completed++] = flow
  }
  const sorted = flows.subarray(0, completed).sort()
  return {
    weighted_waiting_time: weightedFlow,
    average_waiting_time: completed > 0 ? flowSum / completed : 0,
    makespan,
    completed_count: completed,
    total_count: total,
    completion_rate: total > 0 ? completed / total : 0,
    gpu_utilization: makespan > 0 && gpuCount > 0 ? busyGpuS / (gpuCount * makespan) : 0,
    weighted_queueing_delay: weightedDelay,
    average_queueing_delay: completed > 0 ? delaySum / completed : 0,
    p50_flow_time: percentile(sorted, 50),
    p95_flow_time: percentile(sorted, 95),
    p99_flow_time: percentile(sorted, 99),
    unfinished_count: total - completed - run.rejectedCount,
    rejected_count: run.rejectedCount,
  }
}
