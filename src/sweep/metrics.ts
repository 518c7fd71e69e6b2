import type { Metrics } from '../engine/results.ts'
import type { ServingMetrics } from '../engine/serving/metrics.ts'
import type { Mode } from '../engine/types.ts'

/**
 * A number a sweep plots against its parameter, read from one run's metrics. Adding one (a
 * serving metric such as TTFT p95) is one entry here: the CLI's --metric, the app's Metric
 * picker, the JSON and the CSV all iterate this list.
 */
export interface SweepMetric {
  /** Stable: `--metric`, JSON keys, CSV rows. */
  readonly name: string
  /** For people, with the unit. */
  readonly label: string
  /** One sentence for the picker's hint. */
  readonly about: string
  /** Modes whose runs have it (all when absent). */
  readonly modes?: readonly Mode[]
  /**
   * null when the run has nothing to measure (no task completed). `m` is the run's metrics in
   * the job modes' keys (serving mode gives them too, flow being E2E); `serving` is serving
   * mode's own, null in the job modes.
   */
  value(m: Metrics, serving: ServingMetrics | null): number | null
}

/** Statistics over completed tasks mean nothing when none completed. */
const overCompleted = (f: (m: Metrics) => number) => (m: Metrics) => (m.completed_count > 0 ? f(m) : null)

/** Serving mode's own metrics, over completed requests. */
const servingOnly = (f: (s: ServingMetrics) => number) => (m: Metrics, s: ServingMetrics | null) => (s !== null && m.completed_count > 0 ? f(s) : null)

export const SWEEP_METRICS: readonly SweepMetric[] = [
  { name: 'mean_flow', label: 'Mean flow time (s)', about: 'Mean of completion − arrival over completed tasks.', value: overCompleted((m) => m.average_waiting_time) },
  { name: 'p95_flow', label: 'p95 flow time (s)', about: '95th percentile of completion − arrival: the slow tail.', value: overCompleted((m) => m.p95_flow_time) },
  { name: 'p99_flow', label: 'p99 flow time (s)', about: '99th percentile of completion − arrival.', value: overCompleted((m) => m.p99_flow_time) },
  { name: 'weighted_flow', label: 'Weighted flow (s)', about: 'Σ weight × (completion − arrival) over completed tasks.', value: overCompleted((m) => m.weighted_waiting_time) },
  { name: 'mean_queueing_delay', label: 'Mean queueing delay (s)', about: 'Mean of start − arrival over completed tasks: time in the queue.', value: overCompleted((m) => m.average_queueing_delay) },
  { name: 'gpu_utilization', label: 'GPU utilization', about: 'Busy GPU-seconds / (GPUs × makespan).', value: overCompleted((m) => m.gpu_utilization) },
  { name: 'rejected', label: 'Rejected tasks', about: 'Tasks that can never run on the cluster (no GPU group holds their model).', value: (m) => m.rejected_count },
  { name: 'ttft_p95', label: 'TTFT p95 (s)', about: '95th percentile of first token − arrival over completed requests.', modes: ['serving'], value: servingOnly((s) => s.ttft_p95) },
  { name: 'goodput', label: 'Goodput (requests/s)', about: 'Completed requests within both SLOs (TTFT and TPOT) per second of the run.', modes: ['serving'], value: servingOnly((s) => s.goodput_rps) },
]

export const SWEEP_METRIC_NAMES: readonly string[] = SWEEP_METRICS.map((m) => m.name)

export const DEFAULT_SWEEP_METRIC = 'mean_flow'

/** The metrics runs of this mode have, in list order. */
export function metricsFor(mode: Mode): readonly SweepMetric[] {
  return SWEEP_METRICS.filter((m) => m.modes === undefined || m.modes.includes(mode))
}

export function findSweepMetric(name: string): SweepMetric | undefined {
  return SWEEP_METRICS.find((m) => m.name === name)
}
