import type { Metrics, TaskOutcome } from './results.ts'

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

/**
 * Metrics over completed tasks, as the reference computes them (tasks that never ran are left
 * out of the sums but counted as unfinished or rejected), plus the ones it lacks.
 */
export function computeMetrics(
  outcomes: readonly TaskOutcome[],
  specs: readonly { readonly weight: number; readonly arrivalS: number }[],
  gpuCount: number,
): Metrics {
  let weightedFlow = 0
  let flowSum = 0
  let weightedDelay = 0
  let delaySum = 0
  let makespan = 0
  let busyGpuS = 0
  let completed = 0
  let unfinished = 0
  let rejected = 0
  const flows = new Float64Array(outcomes.length)
  let flowCount = 0
  for (const o of outcomes) {
    if (o.status === 'rejected') rejected += 1
    if (o.status === 'unfinished') unfinished += 1
    if (o.status !== 'completed') continue
    const { weight, arrivalS } = specs[o.index]!
    const c = o.completionS!
    const flow = c - arrivalS
    const delay = o.startS! - arrivalS
    completed += 1
    weightedFlow += weight * flow
    flowSum += flow
    weightedDelay += weight * delay
    delaySum += delay
    makespan = Math.max(makespan, c)
    busyGpuS += o.gpus.length * (c - o.startS!)
    flows[flowCount++] = flow
  }
  const sorted = flows.subarray(0, flowCount).sort()
  const total = outcomes.length
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
    unfinished_count: unfinished,
    rejected_count: rejected,
  }
}
