import { createReferencePlan } from '../capacity/reference.ts'
import { fixedRate } from '../perf/fixed-rate.ts'
import { referenceFlops } from '../perf/reference-estimate.ts'
import type { JobPreset } from './mode.ts'

/**
 * The Python simulator's accounting, quirks included (README "Two modes"): fixed rates, two
 * GPUs per task with running tasks counted twice, time as a float sum of dt, and SRPT/WSRPT
 * ranking by a FLOPs estimate unrelated to the durations the loop uses.
 */
export const reference: JobPreset = {
  name: 'reference',
  kind: 'jobs',
  perfModel: fixedRate,
  capacity: createReferencePlan,
  clock: 'reference',
  estimator: referenceFlops,
  strictAllowed: false,
  preemptAllowed: false,
}
