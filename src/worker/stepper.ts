import type { Metrics } from '../engine/results.ts'
import type { ServingMetrics } from '../engine/serving/metrics.ts'
import type { SegmentBatch } from './recorder.ts'
import type { WorkerEvent } from './protocol.ts'

/** One algorithm's run as the handler drives it, whatever the mode. */
export interface Stepper {
  readonly algorithm: string
  readonly done: boolean
  /** Every step before this one is final (the run's end: Number.MAX_SAFE_INTEGER). */
  readonly step: number
  /** 0..1: how much of the run is done. */
  readonly progress: number
  /** Runs until every step before `step` is final, or the run is over. */
  advanceTo(step: number): void
  /** The segments since the last flush. */
  flush(): SegmentBatch
  /** Once done: the metrics every mode has, the steps the run covers, a serving run's own metrics. */
  result(): { readonly metrics: Metrics; readonly steps: number; readonly serving?: ServingMetrics }
}

/** A run started: what to tell the page first (with the buffers to transfer), and a stepper per algorithm. */
export interface StartedRun {
  readonly prepared: Extract<WorkerEvent, { type: 'prepared' }>
  readonly transfer: ArrayBuffer[]
  readonly steppers: readonly Stepper[]
}
