/** What a batch entry computes: a prompt chunk, one decode token, or a preempted request's recompute. */
export const PREFILL = 0
export const DECODE = 1
export const RECOMPUTE = 2
export type BatchKind = typeof PREFILL | typeof DECODE | typeof RECOMPUTE

/**
 * Told of a serving run's events as they happen, in time order: what the run does, in its own
 * terms (segments.ts turns them into the segments and decisions the app streams). A run
 * without a listener records nothing beyond its results. Request and
 * replica ids are indices (input order, placement order); arrays passed are valid only during
 * the call.
 */
export interface ServingListener {
  /** The request joined its model's queue. */
  arrived(request: number, timeS: number): void
  /** The request can never be served; `reason` says why. */
  rejected(request: number, timeS: number, reason: string): void
  /** The replica took the queue's head into its running set (`queueLength` after it left). */
  admitted(request: number, replica: number, timeS: number, queueLength: number): void
  /**
   * `request` was the running request ranked last when `forRequest` needed `blocksNeeded` more
   * blocks; it goes back to the queue keeping its `generated` tokens (g).
   */
  preempted(request: number, replica: number, timeS: number, forRequest: number, blocksNeeded: number, generated: number): void
  /**
   * An iteration ran on `replica` from t0 to t1: `requests[k]` computed `tokens[k]` tokens
   * after `computed[k]` (a chunk of prefill, or 1 for a decode). `usedBlocks` of `blocks` are
   * held during it; `queueLength` requests of its model wait; `kinds[k]` is a BatchKind.
   */
  iteration(
    replica: number,
    t0: number,
    t1: number,
    requests: ArrayLike<number>,
    tokens: ArrayLike<number>,
    computed: ArrayLike<number>,
    usedBlocks: number,
    queueLength: number,
    kinds: ArrayLike<number>,
  ): void
  /** The request sampled its last token at the end of an iteration of `replica` (before `ended`). */
  finished(request: number, replica: number, timeS: number): void
  /** The replica's iteration ended at `timeS` (its tokens landed; finished requests left). */
  ended(replica: number, timeS: number): void
}
