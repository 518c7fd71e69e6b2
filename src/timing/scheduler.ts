/**
 * The one place the page decides when work runs: in an animation frame (before it is
 * rendered), a few frames on, in a task of its own, or in idle time (whole, or in slices). Everything that schedules frames or idle work
 * (the runner, the Gantt renderer, the text panels, playback, the link sync) asks here, so the
 * rules below hold everywhere. Globals are looked up at each call: tests replace them.
 */

/** Cancels what was scheduled (a no-op once it ran). */
export type Cancel = () => void

let frameDepth = 0

/**
 * Runs `f` as part of an animation frame's callbacks. Code that hears of a change there (a
 * view told of a streamed batch) can draw at once, in a microtask, and be rendered in the same
 * frame rather than ask for the next frame and have the page laid out and painted twice.
 */
export function duringAnimationFrame(f: () => void): void {
  frameDepth += 1
  try {
    f()
  } finally {
    frameDepth -= 1
  }
}

/** Whether the code running now was called from an animation frame's callbacks. */
export const inAnimationFrame = (): boolean => frameDepth > 0

/** In the next animation frame (16 ms on where there are none), marked as such (see duringAnimationFrame). */
export function requestFrame(f: (nowMs: number) => void): Cancel {
  if (typeof requestAnimationFrame !== 'function') {
    const id = setTimeout(() => duringAnimationFrame(() => f(performance.now())), 16)
    return () => clearTimeout(id)
  }
  const id = requestAnimationFrame((now) => duringAnimationFrame(() => f(now)))
  return () => cancelAnimationFrame(id)
}

/** Before the next rendering: at once (a microtask) within a frame's callbacks, else in the next frame. */
export function beforeRender(f: () => void): Cancel {
  if (inAnimationFrame()) {
    let live = true
    queueMicrotask(() => live && f())
    return () => {
      live = false
    }
  }
  return requestFrame(() => f())
}

/** In the n-th animation frame from now (the first is the next): for work that may lag a frame or two. */
export function inFrame(n: number, f: () => void): Cancel {
  let cancel: Cancel = () => {}
  const ask = (left: number) => {
    cancel = requestFrame(() => (left > 1 ? ask(left - 1) : f()))
  }
  ask(n)
  return () => cancel()
}

/**
 * Calls `tick` in every animation frame until it returns false or the loop is cancelled
 * (playback: one cursor move a frame).
 */
export function frameLoop(tick: (nowMs: number) => boolean): Cancel {
  let cancel: Cancel = () => {}
  let live = true
  const next = () => {
    cancel = requestFrame((now) => {
      if (live && tick(now)) next()
    })
  }
  next()
  return () => {
    live = false
    cancel()
  }
}

/** In a task of its own, at once: a message, which a browser never holds back as it may a timer. */
export function soon(f: () => void): void {
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

/** In a task of its own once the page is idle (within a second at the latest). */
export function whenIdle(f: () => void): Cancel {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(() => f(), { timeout: 1000 })
    return () => cancelIdleCallback(id)
  }
  const id = setTimeout(f, 0)
  return () => clearTimeout(id)
}

// Background work done in the page's idle time, a slice at a time, shared by every job: work
// that is not needed for the next frame (a view's off-screen layer) must not take a frame's
// time. Scheduling each part as a task of its own let several parts run back to back between
// two frames and drop frames; here all jobs together get at most one slice per idle period.

/** Does some work, stopping soon after `deadline` (a performance.now() time); true once finished. */
export type SlicedJob = (deadline: number) => boolean

/** The longest slice, even when the page has nothing else to do (input may arrive meanwhile). */
export const MAX_SLICE_MS = 8
/** A slice where the browser cannot tell its idle time (no requestIdleCallback, or no idle period came). */
export const FALLBACK_SLICE_MS = 4
/**
 * How long a slice waits for an idle period before it runs anyway. A page that is never idle
 * (a loaded machine, frames that take their whole budget) would otherwise starve every job:
 * serving's end-of-run curves were still not drawn two minutes after a run under load.
 */
export const IDLE_TIMEOUT_MS = 250

interface Job {
  readonly step: SlicedJob
}

/** Jobs in the order they came: a Set keeps insertion order and deletes while iterated. */
const jobs = new Set<Job>()
/** Jobs run before all of `jobs` (see runSliced's `first`). */
const firstJobs = new Set<Job>()
let scheduled = false

/**
 * Queues a job; returns a function that drops it (a no-op once it has finished). A job queued
 * `first` goes before every job queued without it: the Gantt views' layers, which every move of
 * the cursor needs, before a run's end-of-run curves (a second of slices on a 10,000-request
 * serving run), so that playback begun once the curves show finds them drawn.
 */
export function runSliced(step: SlicedJob, first = false): () => void {
  const job: Job = { step }
  const queue = first ? firstJobs : jobs
  queue.add(job)
  schedule()
  return () => {
    queue.delete(job)
  }
}

/**
 * Forgets every queued job and any slice asked for. For test setup only: the unit tests share
 * one module graph, and a slice asked for under one test's fake timers never comes, which
 * would hold back every later test's jobs.
 */
export function resetSliced(): void {
  jobs.clear()
  firstJobs.clear()
  scheduled = false
}

function schedule(): void {
  if (scheduled || jobs.size + firstJobs.size === 0) return
  scheduled = true
  if (typeof requestIdleCallback === 'function')
    requestIdleCallback((idle) => (idle.didTimeout ? runSlice(FALLBACK_SLICE_MS) : runSlice(Math.min(idle.timeRemaining(), MAX_SLICE_MS), idle)), { timeout: IDLE_TIMEOUT_MS })
  else setTimeout(() => runSlice(FALLBACK_SLICE_MS), 0)
}

function runSlice(budgetMs: number, idle?: IdleDeadline): void {
  scheduled = false
  // At least a millisecond, so that a page never idle still gets on with the work.
  const deadline = performance.now() + Math.max(1, budgetMs)
  try {
    slice: for (const queue of [firstJobs, jobs])
      for (const job of queue) {
        let done = true
        try {
          done = job.step(deadline)
        } finally {
          // A job that throws is dropped, not retried forever.
          if (done) queue.delete(job)
        }
        if (performance.now() >= deadline) break slice
      }
  } finally {
    // Time left in this idle period: the next slice in a task of its own (input and frames go
    // first), not in the next period. A callback asked for within an idle period waits for the
    // next one, and a still page has one every 50 ms: one 8 ms slice per 50 ms drew a
    // 100,000-task run's layers over seconds, and a drag begun meanwhile drew every frame
    // without them.
    if (idle !== undefined && jobs.size + firstJobs.size > 0 && idle.timeRemaining() >= 1) {
      scheduled = true
      soon(() => runSlice(Math.min(idle.timeRemaining(), MAX_SLICE_MS), idle))
    } else schedule()
  }
}

/** Asks for a view's drawing: before the next rendering, or a frame late. */
export interface DrawAsks {
  /** Before the next rendering (see beforeRender); it replaces a late one asked for. */
  now(): void
  /** In the next frame, unless one is asked for already. */
  late(): void
  cancel(): void
}

/**
 * One drawing at a time for a view, asked for now or a frame late: a view that may follow the
 * frame that publishes a streamed batch (use-after-publish.ts) draws a publication late, and
 * anything the user did at once.
 */
export function drawAsks(draw: () => void): DrawAsks {
  let cancel: Cancel | null = null
  let late = false
  const run = () => {
    cancel = null
    late = false
    draw()
  }
  return {
    now() {
      if (late) {
        cancel?.()
        cancel = null
        late = false
      }
      cancel ??= beforeRender(run)
    },
    late() {
      if (cancel !== null) return
      late = true
      cancel = inFrame(1, run)
    },
    cancel() {
      cancel?.()
      cancel = null
      late = false
    },
  }
}
