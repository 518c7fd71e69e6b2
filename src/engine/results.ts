import type { Mode, TaskStatus } from './types.ts'

/** What happened to one task in one run. Times in seconds; steps are loop step indices. */
export interface TaskOutcome {
  readonly index: number
  readonly id: string
  readonly status: TaskStatus
  readonly tp: number
  /** GPU indices held, ascending (empty if it never ran). */
  readonly gpus: readonly number[]
  /** Step at which it joined the queue (or was rejected); -1 if it arrived after the horizon. */
  readonly arrivalStep: number
  /** Step at which it started; -1 if never. */
  readonly startStep: number
  readonly startS: number | null
  /** Step whose complete stage freed its GPUs; -1 if never started. */
  readonly endStep: number
  /** Exact finish time (start + duration), even when the step that frees it comes later. */
  readonly completionS: number | null
  readonly rejection: string | null
}

/**
 * One scheduling decision: the policy started `task` at `step`. `passedOver` are better
 * ranked tasks that did not fit (backfill). A decision with task -1 records that tasks waited
 * although GPUs were still free: nothing in the queue fitted (or, strict, the head did not).
 * It is recorded only at steps where something arrived or completed, so skipping idle steps
 * leaves the log unchanged.
 */
export interface Decision {
  readonly step: number
  readonly timeS: number
  readonly task: number
  /** Free GPUs at the start of this step's schedule stage. */
  readonly freeGpus: number
  /** Queue length before this decision. */
  readonly queueLength: number
  readonly passedOver: readonly number[]
}

/**
 * Per-algorithm results. The first seven keys are the reference's `--output` keys; the
 * reference's "waiting time" is flow time, completion − arrival.
 */
export interface Metrics {
  readonly weighted_waiting_time: number
  readonly average_waiting_time: number
  readonly makespan: number
  readonly completed_count: number
  readonly total_count: number
  readonly completion_rate: number
  /** Busy GPU-seconds / (GPUs × makespan). */
  readonly gpu_utilization: number
  /** Σ weight × (start − arrival) over completed tasks. */
  readonly weighted_queueing_delay: number
  readonly average_queueing_delay: number
  readonly p50_flow_time: number
  readonly p95_flow_time: number
  readonly p99_flow_time: number
  readonly unfinished_count: number
  readonly rejected_count: number
}

export interface RunResult {
  /** The policy's registered name. */
  readonly algorithm: string
  readonly mode: Mode
  readonly dtS: number
  readonly gpuCount: number
  readonly tasks: readonly TaskOutcome[]
  readonly decisions: readonly Decision[]
  /** Steps the run covers: the horizon step, or the step after the last event when all settled earlier. */
  readonly steps: number
  /** Loop iterations actually executed (fewer than steps when idle steps are skipped). */
  readonly executedSteps: number
  readonly metrics: Metrics
}
