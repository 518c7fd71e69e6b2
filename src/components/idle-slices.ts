/**
 * Background work done in the page's idle time, a slice at a time, shared by every job: work
 * that is not needed for the next frame (a view's off-screen layer) must not take a frame's
 * time. Scheduling each part as a task of its own let several parts run back to back between
 * two frames and drop frames; here all jobs together get at most one slice per idle period.
 */

/** Does some work, stopping soon after `deadline` (a performance.now() time); true once finished. */
export type SlicedJob = (deadline: number) => boolean

/** The longest slice, even when the page has nothing else to do (input may arrive meanwhile). */
export const MAX_SLICE_MS = 8
/** A slice where the browser cannot tell its idle time (no requestIdleCallback). */
export const FALLBACK_SLICE_MS = 4

interface Job {
  readonly step: SlicedJob
}

/** Jobs in the order they came: a Set keeps insertion order and deletes while iterated. */
const jobs = new Set<Job>()
let scheduled = false

/** Queues a job; returns a function that drops it (a no-op once it has finished). */
export function runSliced(step: SlicedJob): () => void {
  const job: Job = { step }
  jobs.add(job)
  schedule()
  return () => {
    jobs.delete(job)
  }
}

function schedule(): void {
  if (scheduled || jobs.size === 0) return
  scheduled = true
  if (typeof requestIdleCallback === 'function') requestIdleCallback((idle) => runSlice(Math.min(idle.timeRemaining(), MAX_SLICE_MS), idle))
  else setTimeout(() => runSlice(FALLBACK_SLICE_MS), 0)
}

/** A task of its own, at once: a message, which a browser never holds back as it may a timer. */
function soon(f: () => void): void {
  if (typeof MessageChannel !== 'function') {
    setTimeout(f, 0)
    return
  }
  const channel = new MessageChannel()
  channel.port1.onmessage = () => {
    channel.port1.close()
    f()
  }
  channel.port2.postMessage(null)
}

function runSlice(budgetMs: number, idle?: IdleDeadline): void {
  scheduled = false
  // At least a millisecond, so that a page never idle still gets on with the work.
  const deadline = performance.now() + Math.max(1, budgetMs)
  try {
    for (const job of jobs) {
      let done = true
      try {
        done = job.step(deadline)
      } finally {
        // A job that throws is dropped, not retried forever.
        if (done) jobs.delete(job)
      }
      if (performance.now() >= deadline) break
    }
  } finally {
    // Time left in this idle period: the next slice in a task of its own (input and frames go
    // first), not in the next period. A callback asked for within an idle period waits for the
    // next one, and a still page has one every 50 ms: one 8 ms slice per 50 ms drew a
    // 100,000-task run's layers over seconds, and a drag begun meanwhile drew every frame
    // without them.
    if (idle !== undefined && jobs.size > 0 && idle.timeRemaining() >= 1) {
      scheduled = true
      soon(() => runSlice(Math.min(idle.timeRemaining(), MAX_SLICE_MS), idle))
    } else schedule()
  }
}
