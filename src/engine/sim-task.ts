import type { CapacityModel } from './capacity/capacity.ts'
import { fixedRateDurationS } from './perf/fixed-rate.ts'
import { referenceEstimateS, referenceRatioEstimateS } from './perf/reference-estimate.ts'
import type { QueuedTask } from './policies/policy.ts'
import type { Mode, TaskSpec } from './types.ts'

/** A task as the loop sees it: the spec plus what the mode and cluster decide before the run. */
export interface SimTask extends QueuedTask {
  /** Position in the input. */
  readonly index: number
  readonly spec: TaskSpec
  readonly durationS: number
  /** TP the task runs with (reference mode: the model's recommended TP, used by its estimator). */
  readonly tp: number
  readonly gpusNeeded: number
  /** Capacity class, or -1 when rejected. */
  readonly classId: number
  readonly rejection: string | null
}

/** Indices of tasks sorted by arrival; a stable sort, so ties keep input order. */
export function arrivalOrder(tasks: readonly TaskSpec[]): number[] {
  return tasks.map((_, i) => i).sort((a, b) => tasks[a]!.arrivalS - tasks[b]!.arrivalS || a - b)
}

/**
 * Resolves every task once: duration from the fixed-rate model, TP and capacity class from the
 * capacity model, and the estimate the ranking policies use. In exact mode SRPT/WSRPT rank by
 * the durations the loop uses; in reference mode by the reference's FLOPs estimate.
 */
export function prepareTasks(tasks: readonly TaskSpec[], mode: Mode, capacity: CapacityModel): SimTask[] {
  const orderOf = new Int32Array(tasks.length)
  arrivalOrder(tasks).forEach((index, order) => (orderOf[index] = order))
  return tasks.map((spec, index) => {
    const durationS = fixedRateDurationS(spec.phase, spec.tokens)
    const admission = capacity.admit(spec)
    const remainingS = mode === 'reference' ? referenceEstimateS(spec.model, spec.phase, spec.tokens) : durationS
    const ratioRemainingS =
      mode === 'reference' ? referenceRatioEstimateS(spec.model, spec.phase, spec.tokens) : durationS
    return {
      index,
      order: orderOf[index]!,
      spec,
      arrivalS: spec.arrivalS,
      weight: spec.weight,
      remainingS,
      ratioRemainingS,
      durationS,
      tp: admission.tp,
      gpusNeeded: admission.ok ? admission.gpusNeeded : 0,
      classId: admission.ok ? admission.classId : -1,
      rejection: admission.ok ? null : admission.reason,
    }
  })
}
