import { replicaFigures } from '../capacity/kv-blocks.ts'
import type { ClockKind } from '../clock.ts'
import { stepTimeS, type StepTimeModel } from '../perf/roofline.ts'
import type { Mode } from '../types.ts'

/** Serving mode's pieces: of their own kind, since a request is no task holding GPUs for a duration. */
export interface ServingPreset {
  readonly name: Mode
  readonly kind: 'serving'
  /** The step time of an iteration's batch on a replica (perf/roofline.ts). */
  readonly perfModel: StepTimeModel
  /** A replica's KV blocks and figures on a GPU type (capacity/kv-blocks.ts); placement is the node pool's best fit. */
  readonly capacity: typeof replicaFigures
  /**
   * How steps map to time for snapshots and playback: the engine runs on exact event times,
   * and step k is the state at k × dt (after every event at that time).
   */
  readonly clock: ClockKind
  readonly strictAllowed: false
}

/**
 * LLM serving (docs/serving.md): requests with a prompt and an output on model replicas,
 * continuous batching with chunked prefill, a paged KV cache with preemption by recompute, and
 * the roofline step time. The policies order admission, the batch and the preemption victim
 * by their keys over requests (serving/ranking.ts).
 */
export const serving: ServingPreset = {
  name: 'serving',
  kind: 'serving',
  perfModel: stepTimeS,
  capacity: replicaFigures,
  clock: 'exact',
  strictAllowed: false,
}
