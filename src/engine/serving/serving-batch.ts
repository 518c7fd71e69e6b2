/** Decision kinds of the serving log. */
export const ADMIT = 0
export const PREEMPT = 1
export const FINISH = 2
export const REJECT = 3

/** Request segment kinds: waiting for the first time, computing its prompt, decoding, waiting again after a preemption. */
export const SEG_QUEUED = 0
export const SEG_PREFILL = 1
export const SEG_DECODE = 2
export const SEG_PREEMPTED = 3

/**
 * A serving run's events between two flushes, as typed columns a worker can transfer:
 * - iterations: (replica, batchCount, usedBlocks, queueLength) and (t0, t1); their batch
 *   entries, in order: (request, tokens, kind) with kind a BatchKind of listener.ts;
 * - request segments closed meanwhile: (request, kind, replica or -1) and (t0, t1), where
 *   consecutive iterations of one kind on one replica make one segment (a recompute counts as
 *   prefill), not one per token;
 * - decisions: (kind, request, replica or -1, detail) and time; detail is the request a
 *   preemption made room for, the queue length after an admission, else -1;
 * - queue lengths per model after each change: (model, length) and time.
 */
export interface ServingBatch {
  readonly done: boolean
  readonly iterations: Int32Array
  readonly iterationTimes: Float64Array
  readonly batch: Int32Array
  readonly segments: Int32Array
  readonly segmentTimes: Float64Array
  readonly decisions: Int32Array
  readonly decisionTimes: Float64Array
  readonly queues: Int32Array
  readonly queueTimes: Float64Array
}
