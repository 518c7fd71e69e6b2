/**
 * A run is recorded as segments, the way a trace viewer stores slices: (item, resources, t0,
 * t1, kind), each bounded by the steps whose stages opened and closed it. A task that waits,
 * runs, waits and runs again is four segments, not a special case. Kinds are an open set of
 * names: the job modes use the three below; serving mode adds its own (SERVING_KINDS) without
 * touching the views that draw them.
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

/**
 * Serving mode's kinds (docs/serving.md "Snapshots"). Items 0..n−1 are the requests, item
 * n + r is replica r. A request waits (WAITING, from arrival to admission), computes its prompt
 * (prefill), its output one token an iteration (decode), waits again after a preemption
 * (preempted) and recomputes its tokens (recompute): no resources, since the replica's GPUs
 * belong to its iterations, each an `iteration` segment of its replica on the replica's GPUs
 * (t1: its end, known when it starts). Consecutive iterations of a request of one kind make
 * one segment. A step k (time k × dt) shows the state after every event at that time.
 */
export const SERVING_KINDS = {
  prefill: 'prefill',
  decode: 'decode',
  recompute: 'recompute',
  preempted: 'preempted',
  iteration: 'iteration',
} as const satisfies Record<string, SegmentKind>

/** Serving decisions, by code: a request joins a replica, is preempted, finishes, is rejected. */
export const ADMIT = 0
export const PREEMPT = 1
export const FINISH = 2
export const REJECT = 3

/**
 * A serving run tells its listener more than segments: what each iteration computes, and each
 * decision with what explains it.
 */
export interface ServingRecordListener extends SimulationListener {
  /**
   * The batch of the iteration segment opened just before, on `replica`: per entry the request, the tokens it
   * computes (a prefill chunk, or 1) and its kind (serving/listener.ts BatchKind: 0 prefill,
   * 1 decode, 2 recompute); `usedBlocks` KV blocks of the replica are held during it;
   * `computed`: the tokens each had computed before it (its KV blocks are for computed + tokens).
   */
  iterationBatch(replica: number, requests: ArrayLike<number>, tokens: ArrayLike<number>, kinds: ArrayLike<number>, usedBlocks: number, computed: ArrayLike<number>): void
  /**
   * A decision (ADMIT, PREEMPT, FINISH, REJECT) about `request` on `replica` (-1: none) at
   * `timeS`, in step `step`. `a`, `b`: after an admission, the queue's length and -1; for a
   * preemption, the request that needed the blocks and the tokens the victim keeps (g); for a
   * finish, the tokens it generated and -1; for a rejection, -1 and -1.
   */
  servingDecided(step: number, timeS: number, kind: number, request: number, replica: number, a: number, b: number): void
}

/** How many segments of each kind a job run of these tasks opens at most (a capacity hint for readers). */
export function jobSegmentCounts(taskCount: number, rejectedCount: number): Readonly<Record<SegmentKind, number>> {
  return { [WAITING]: taskCount - rejectedCount, [RUNNING]: taskCount - rejectedCount, [REJECTED]: rejectedCount }
}
