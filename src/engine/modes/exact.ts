import { createExactPlan } from '../capacity/exact.ts'
import { trueDuration } from '../perf/estimator.ts'
import { fixedRate } from '../perf/fixed-rate.ts'
import type { JobPreset } from './mode.ts'

/**
 * The default: the reference's model done right (README "Two modes"). Fixed rates, exact GPU
 * counting with TP groups inside one node, step k at k × dt, and SRPT ranking by the durations
 * the loop uses.
 */
export const exact: JobPreset = {
  name: 'exact',
  kind: 'jobs',
  perfModel: fixedRate,
  capacity: createExactPlan,
  clock: 'exact',
  estimator: trueDuration,
  strictAllowed: true,
  preemptAllowed: true,
}
