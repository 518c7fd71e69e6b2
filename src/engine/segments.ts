/**
 * A run is recorded as segments, the way a trace viewer stores slices: (item, resources, t0,
 * t1, kind), each bounded by the steps whose stages opened and closed it. A task that waits,
 * runs, waits and runs again is four segments, not a special case. Kinds are an open set of
 * names: the job modes use the three below; serving mode adds its own (prefill, decode,
 * preempted, iterations on a replica's GPUs) without touching the views that draw them.
 */
export type SegmentKind = string

/** In the queue: from arrival until the step that starts it. No resources. */
export const WAITING: SegmentKind = 'waiting'
/** Holding its GPUs: from its start until the step that frees them (t1: its exact finish). */
export const RUNNING: SegmentKind = 'running'
/** Refused at arrival (it can never fit on the cluster): a point, t0 = t1 = its arrival. */
export const REJECTED: SegmentKind = 'rejected'

/** Receives a run's segments and decisions in the order they happen. Steps are loop step indices. */
export interface SimulationListener {
  /**
   * Item `item` begins a segment of `kind` on `resources` (GPU indices; none while waiting) at
   * `timeS`, in a stage of step `step`. `plannedEndS` is the end the model expects (NaN when it
   * cannot tell): the close may still come earlier. The segment stays open until close().
   */
  open(item: number, kind: SegmentKind, step: number, timeS: number, resources: ArrayLike<number>, plannedEndS: number): void
  /** The item's open segment of `kind` ends at `timeS`; `step` is the step whose stage ended it. */
  close(item: number, kind: SegmentKind, step: number, timeS: number): void
  /** A decision (see Decision); `passedOver` is only valid during the call. */
  decided(step: number, task: number, freeGpus: number, queueLength: number, passedOver: ArrayLike<number>): void
}

/** How many segments of each kind a job run of these tasks opens at most (a capacity hint for readers). */
export function jobSegmentCounts(taskCount: number, rejectedCount: number): Readonly<Record<SegmentKind, number>> {
  return { [WAITING]: taskCount - rejectedCount, [RUNNING]: taskCount - rejectedCount, [REJECTED]: rejectedCount }
}
