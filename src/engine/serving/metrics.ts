import { percentile } from '../metrics.ts'
import type { Metrics } from '../results.ts'
import { FINISHED, REJECTED, type RunState } from './state.ts'

/** Serving mode's results keys (docs/serving.md, "Metrics"); every time in seconds. */
export interface ServingMetrics {
  /** Σ weight × E2E over completed requests (the reference's key). */
  readonly weighted_waiting_time: number
  /** Mean E2E over completed requests (the reference's key). */
  readonly average_waiting_time: number
  /** The last finish. */
  readonly makespan: number
  readonly completed_count: number
  readonly total_count: number
  readonly unfinished_count: number
  readonly rejected_count: number
  /** Σ over iterations of duration × TP / (cluster GPUs × makespan). */
  readonly gpu_utilization: number
  readonly ttft_mean: number
  readonly ttft_p50: number
  readonly ttft_p95: number
  readonly ttft_p99: number
  readonly tpot_mean: number
  readonly tpot_p95: number
  readonly e2e_p50: number
  readonly e2e_p95: number
  readonly e2e_p99: number
  readonly output_throughput_tps: number
  readonly request_throughput_rps: number
  readonly goodput_rps: number
  readonly preemption_count: number
}

/**
 * Over completed requests: TTFT = first token − arrival, E2E = finish − arrival, TPOT =
 * (finish − first token) / (O − 1) for O > 1. Percentiles interpolate linearly between ranks
 * (as ../metrics.ts). A statistic over an empty set is 0, and so is a rate when the makespan is
 * 0. Goodput counts completed requests within both SLOs (TTFT <= ttftS and, where O > 1,
 * TPOT <= tpotS). Sums run in input order.
 */
export function computeServingMetrics(s: RunState): { metrics: ServingMetrics; common: Metrics } {
  const { prepared, req } = s
  const { arrivalS, weight, outputTokens } = prepared
  const n = arrivalS.length
  const ttft = new Float64Array(n)
  const e2e = new Float64Array(n)
  const tpot = new Float64Array(n)
  let completed = 0
  let rejected = 0
  let decoding = 0
  let weighted = 0
  let makespan = 0
  let outputs = 0
  let good = 0
  let weightedDelay = 0
  let delaySum = 0
  const { ttftS, tpotS } = s.config.slo
  for (let i = 0; i < n; i++) {
    if (req.place[i] === REJECTED) rejected += 1
    if (req.place[i] !== FINISHED) continue
    const a = arrivalS[i]!
    const first = req.firstTokenS[i]!
    const fin = req.finishS[i]!
    const o = outputTokens[i]!
    ttft[completed] = first - a
    e2e[completed] = fin - a
    weighted += weight[i]! * (fin - a)
    weightedDelay += weight[i]! * (req.admittedS[i]! - a)
    delaySum += req.admittedS[i]! - a
    makespan = Math.max(makespan, fin)
    outputs += o
    let withinTpot = true
    if (o > 1) {
      const x = (fin - first) / (o - 1)
      tpot[decoding++] = x
      withinTpot = x <= tpotS
    }
    if (first - a <= ttftS && withinTpot) good += 1
    completed += 1
  }
  const rate = (x: number) => (makespan > 0 ? x / makespan : 0)
  const stats = (values: Float64Array, count: number) => {
    const v = values.subarray(0, count)
    let sum = 0
    for (let i = 0; i < count; i++) sum += v[i]!
    const sorted = v.slice().sort()
    return { mean: count > 0 ? sum / count : 0, p: (q: number) => percentile(sorted, q) }
  }
  const t = stats(ttft, completed)
  const e = stats(e2e, completed)
  const p = stats(tpot, decoding)
  const gpus = prepared.cluster.gpus.length
  const metrics: ServingMetrics = {
    weighted_waiting_time: weighted,
    average_waiting_time: e.mean,
    makespan,
    completed_count: completed,
    total_count: n,
    unfinished_count: n - completed - rejected,
    rejected_count: rejected,
    gpu_utilization: makespan > 0 ? s.busyGpuS / (gpus * makespan) : 0,
    ttft_mean: t.mean,
    ttft_p50: t.p(50),
    ttft_p95: t.p(95),
    ttft_p99: t.p(99),
    tpot_mean: p.mean,
    tpot_p95: p.p(95),
    e2e_p50: e.p(50),
    e2e_p95: e.p(95),
    e2e_p99: e.p(99),
    output_throughput_tps: rate(outputs),
    request_throughput_rps: rate(completed),
    goodput_rps: rate(good),
    preemption_count: s.preemptionCount,
  }
  const common: Metrics = {
    weighted_waiting_time: weighted,
    average_waiting_time: e.mean,
    makespan,
    completed_count: completed,
    total_count: n,
    completion_rate: n > 0 ? completed / n : 0,
    gpu_utilization: metrics.gpu_utilization,
    weighted_queueing_delay: weightedDelay,
    average_queueing_delay: completed > 0 ? delaySum / completed : 0,
    p50_flow_time: metrics.e2e_p50,
    p95_flow_time: metrics.e2e_p95,
    p99_flow_time: metrics.e2e_p99,
    unfinished_count: metrics.unfinished_count,
    rejected_count: rejected,
  }
  return { metrics, common }
}
