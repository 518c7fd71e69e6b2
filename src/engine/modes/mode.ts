import type { CapacityPlan } from '../capacity/capacity.ts'
import type { Cluster } from '../catalog/clusters.ts'
import type { ClockKind } from '../clock.ts'
import type { Estimator } from '../perf/estimator.ts'
import type { PerformanceFactory } from '../perf/performance.ts'
import type { Mode } from '../types.ts'
import { exact } from './exact.ts'
import { reference } from './reference.ts'
import { serving, type ServingPreset } from './serving.ts'

/**
 * A mode is a choice of pieces, each in a file of its own: how long work takes (performance),
 * which resources a task needs and where they are free (capacity), how steps map to time
 * (clock), and what the ranking policies believe about remaining work (estimator). Adding a
 * performance model or a capacity resource is its own file plus a line in a preset.
 *
 * The job modes run tasks that hold GPUs for a duration (simulation.ts); serving mode runs
 * requests through iterations of replicas (serving/), with pieces of its own kind.
 */
export interface JobPreset {
  readonly name: Mode
  readonly kind: 'jobs'
  readonly perfModel: PerformanceFactory
  readonly capacity: (cluster: Cluster) => CapacityPlan
  readonly clock: ClockKind
  readonly estimator: Estimator
  /** Whether the scenario's strict option applies (the reference's loop always backfills). */
  readonly strictAllowed: boolean
  /** Whether the scenario's preemptive option applies (the reference never preempts). */
  readonly preemptAllowed: boolean
}

export type ModePreset = JobPreset | ServingPreset

const PRESETS: Readonly<Record<Mode, ModePreset>> = { exact, reference, serving }

export function presetOf(mode: Mode): ModePreset {
  return PRESETS[mode]
}

/** The preset of a job mode; serving scenarios run through serving/ (runServing), not the step loop. */
export function jobPresetOf(mode: Mode): JobPreset {
  const preset = PRESETS[mode]
  if (preset.kind !== 'jobs') throw new Error(`a ${mode} scenario runs through the serving engine (serving/run.ts), not the job loop`)
  return preset
}
