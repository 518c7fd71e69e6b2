import type { Metrics } from '../engine/results.ts'
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
  /** null when the run has nothing to measure (no task completed). */
  value(m: Metrics): number | null
}

/** Statistics over completed tasks mean nothing when none completed. */
const overCompleted = (f: (m: Metrics) => number) => (m: Metrics) => (m.completed_count > 0 ? f(m) : null)

export const SWEEP_METRICS: readonly SweepMetric[] = [
  { name: 'mean_flow', label: 'Mean flow time (s)', about: 'Mean of completion − arrival over completed tasks.', value: overCompleted((m) => m.average_waiting_time) },
  { name: 'p95_flow', label: 'p95 flow time (s)', about: '95th percentile of completion − arrival: the slow tail.', value: overCompleted((m) => m.p95_flow_time) },
  { name: 'p99_flow', label: 'p99 flow time (s)', about: '99th percentile of completion − arrival.', value: overCompleted((m) => m.p99_flow_time) },
  { name: 'weighted_flow', label: 'Weighted flow (s)', about: 'Σ weight × (completion − arrival) over completed tasks.', value: overCompleted((m) => m.weighted_waiting_time) },
  { name: 'mean_queueing_delay', label: 'Mean queueing delay (s)', about: 'Mean of start − arrival over completed tasks: time in the queue.', value: overCompleted((m) => m.average_queueing_delay) },
  { name: 'gpu_utilization', label: 'GPU utilization', about: 'Busy GPU-seconds / (GPUs × makespan).', value: overCompleted((m) => m.gpu_utilization) },
  { name: 'rejected', label: 'Rejected tasks', about: 'Tasks that can never run on the cluster (no GPU group holds their model).', value: (m) => m.rejected_count },
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
