import type { PolicyName } from '../types.ts'

/**
 * What a policy may look at. Every field is fixed while a task waits (no preemption), so a
 * ranking never goes stale and the queue can be a heap.
 */
export interface QueuedTask {
  /** Queue order: position in the arrival order (arrival time, then input order). */
  readonly order: number
  readonly arrivalS: number
  readonly weight: number
  /** The estimator's remaining time, as SRPT sees it. */
  readonly remainingS: number
  /** The remaining time WSRPT divides by (the reference clamps it, see reference/README.md). */
  readonly ratioRemainingS: number
}

/**
 * Orders the waiting queue, like a Kubernetes queue-sort plugin: by `key` (larger first when
 * `higherFirst`), ties to queue order. `compare` is that order (build it with compareByKey), so
 * the engine may rank by precomputed keys instead of calling it. Pure.
 */
export interface SchedulingPolicy {
  readonly name: PolicyName
  readonly label: string
  /** What `key` is, for the queue panel ("arrival (s)", "weight / remaining"). */
  readonly keyLabel: string
  /** Whether a larger key ranks first. */
  readonly higherFirst: boolean
  /** The value the policy ranks by, shown as the reason for the ranking. */
  key(task: QueuedTask): number
  /** Negative when `a` goes before `b`. */
  compare(a: QueuedTask, b: QueuedTask): number
}

/** Builds `compare` from a key and its direction, ties to queue order. Handles infinite keys. */
export function compareByKey(
  key: (t: QueuedTask) => number,
  higherFirst: boolean,
): (a: QueuedTask, b: QueuedTask) => number {
  return (a, b) => {
    const ka = key(a)
    const kb = key(b)
    if (ka !== kb) {
      const aFirst = higherFirst ? ka > kb : ka < kb
      return aFirst ? -1 : 1
    }
    return a.order - b.order
  }
}

/**
 * Each task's place in the policy's order as one number (smaller ranks first; ties go to queue
 * order), so a heap compares two array reads instead of calling the policy.
 */
export function rankKeys(tasks: readonly QueuedTask[], policy: SchedulingPolicy): Float64Array {
  const out = new Float64Array(tasks.length)
  const sign = policy.higherFirst ? -1 : 1
  for (let i = 0; i < tasks.length; i++) out[i] = sign * policy.key(tasks[i]!)
  return out
}
