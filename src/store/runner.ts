import { RemoteKeys } from '../run-view/remote-keys.ts'
import { applyBatch } from '../run-view/timeline.ts'
import type { SegmentBatch } from '../worker/recorder.ts'
import type { WorkerEvent } from '../worker/protocol.ts'
import { createSimClient, type SimClient } from '../worker/sim-client.ts'
import type { AppStore } from './app-store.ts'
import { requestFrame } from '../timing/scheduler.ts'
import { selectStreamShown } from './selectors.ts'

export interface RunnerOptions {
  /** How the simulation runs (a Worker by default; tests pass an in-thread client). */
  readonly createClient?: (onEvent: (e: WorkerEvent) => void) => SimClient
  /** Quiet time after an edit before re-running, so typing does not start a run per key. */
  readonly debounceMs?: number
  /** When to apply a batch: once per animation frame in the browser. */
  readonly schedule?: (apply: () => void) => void
  /** The clock that paces publications (ms); tests pass one they move by hand. */
  readonly now?: () => number
  /**
   * The watchdog: while a run with a policy written by a user is in flight, a worker that owes
   * an answer (to the run command or to an acknowledged batch) and stays silent this long (ms)
   * is ended and started afresh, and the run fails with a message. The step budget stops the
   * loops it can count; this ends the rest (a key stuck in one slow built-in). A page that is
   * slow to acknowledge (a hidden tab) is not the worker's fault: it owes nothing then.
   */
  readonly watchdogMs?: number
}

/** How long a worker running user code may stay silent before the page ends it. */
export const WATCHDOG_MS = 10_000

/** How often streamed batches are published to the views while they can show them. */
const PUBLISH_MS = 100
/**
 * How often otherwise: only the progress and the run's end move then (an import streaming in
 * behind a cursor left at the start), and each publication costs a frame a re-render.
 */
const PUBLISH_SETTLED_MS = 250

const nextFrame = (apply: () => void) => {
  requestFrame(apply)
}

/**
 * Keeps the results in step with the scenario: every change of the scenario or algorithm set
 * cancels the run in flight and starts a new one in the worker. Batches are applied to the
 * run's timelines outside React, at most one per frame, and acknowledged only once applied
 * (backpressure); the views hear of them at the pace set here (publishRun), not per batch.
 */
export function connectRunner(store: AppStore, options: RunnerOptions = {}): () => void {
  const schedule = options.schedule ?? nextFrame
  const debounceMs = options.debounceMs ?? 120
  const now = options.now ?? (() => performance.now())
  let runId = 0
  let pending: { runId: number; batches: readonly SegmentBatch[]; progress: number } | null = null
  let timer: ReturnType<typeof setTimeout> | undefined
  let publishedAt = -Infinity
  /** The run's end as far as the applied batches tell, published or not. */
  let knownEnd = 0
  const watchdogMs = options.watchdogMs ?? WATCHDOG_MS
  let watchdog: ReturnType<typeof setTimeout> | undefined
  /** Whether the run in flight carries user code (only then is the worker watched). */
  let watched = false

  const onEvent = (event: WorkerEvent) => {
    if (event.runId !== runId && event.runId !== -1) return
    const { actions } = store.getState()
    // An answer: the worker owes nothing more, except the first batch after `prepared`.
    clearTimeout(watchdog)
    if (watched && event.type === 'prepared') feedWatchdog()
    switch (event.type) {
      case 'prepared': {
        const ask = (algorithm: string, step: number, tasks: readonly number[]) => client.send({ type: 'rank', runId: event.runId, algorithm, step, tasks })
        const hasUserCode = event.algorithms.some((a) => store.getState().customPolicies.some((p) => p.name === a) && event.rankOrders[a] === undefined)
        actions.prepared(hasUserCode ? { ...event, remoteKeys: new RemoteKeys(ask, () => store.getState().actions.keysAnswered(event.runId)) } : event)
        knownEnd = 0
        break
      }
      case 'ranked':
        store.getState().run.prepared?.remoteKeys?.answer(event.algorithm, event.step, event.tasks, event.keys)
        break
      case 'batch':
        pending = { runId: event.runId, batches: event.batches, progress: event.progress }
        schedule(() => {
          const p = pending
          pending = null
          if (p === null || p.runId !== runId) return
          apply(p)
          client.send({ type: 'ack', runId: p.runId })
          if (watched) feedWatchdog()
        })
        break
      case 'done':
        // The last batch may still wait for its frame; finish after it. The worker keeps
        // answering questions about keys, which cannot loop for long (the step budget).
        stopWatchdog()
        schedule(() => store.getState().actions.finishRun(event.runId, event.metrics, knownEnd, event.serving))
        break
      case 'error':
        stopWatchdog()
        store.getState().actions.failRun(event.runId, event.message)
        break
    }
  }
  const makeClient = options.createClient ?? createSimClient
  let client = makeClient(onEvent)

  function feedWatchdog(): void {
    clearTimeout(watchdog)
    watchdog = setTimeout(bite, watchdogMs)
  }
  function stopWatchdog(): void {
    watched = false
    clearTimeout(watchdog)
  }
  /** The worker stopped answering: end it (and whatever it runs), fail the run, start a new worker. */
  function bite(): void {
    stopWatchdog()
    client.dispose()
    client = makeClient(onEvent)
    pending = null
    const { actions } = store.getState()
    actions.failRun(runId, `The simulation stopped answering for ${watchdogMs / 1000} s while running a policy written in the browser, so it was ended. Check the policy for a loop; the page is unaffected.`)
  }

  /**
   * Writes a batch into the run's timelines. Every batch is applied in its frame (and
   * acknowledged), but the views hear of them at most every PUBLISH_MS, or PUBLISH_SETTLED_MS
   * while they cannot show them; the run's end is published by finishRun.
   */
  function apply(p: { runId: number; batches: readonly SegmentBatch[]; progress: number }): void {
    const s = store.getState()
    const prepared = s.run.prepared
    if (p.runId !== s.run.runId || prepared === null) return
    knownEnd = Math.max(knownEnd, s.run.endStep)
    prepared.algorithms.forEach((a, i) => {
      const b = p.batches[i]
      const tl = s.run.timelines[a]
      if (b === undefined || tl === undefined) return
      applyBatch(tl, b)
      knownEnd = Math.max(knownEnd, b.lastEventStep)
    })
    const at = now()
    if (at - publishedAt < (selectStreamShown(s) ? PUBLISH_MS : PUBLISH_SETTLED_MS)) return
    publishedAt = at
    s.actions.publishRun(p.runId, p.progress, knownEnd)
  }

  function start(): void {
    if (runId > 0) client.send({ type: 'cancel', runId })
    runId += 1
    const { scenario, algorithms, customPolicies, actions } = store.getState()
    actions.beginRun(runId, scenario)
    // Only the policies this run compares travel (and are compiled) with it.
    const custom = customPolicies.filter((p) => algorithms.includes(p.name))
    stopWatchdog()
    client.send({ type: 'run', runId, scenario, algorithms, ...(custom.length > 0 && { customPolicies: custom }) })
    if (custom.length > 0) {
      watched = true
      feedWatchdog()
    }
  }

  start()
  const unsubscribeCancel = store.subscribe(
    (s) => s.run.status,
    (status) => {
      if (status === 'cancelled') client.send({ type: 'cancel', runId })
    },
  )
  const unsubscribe = store.subscribe(
    (s) => [s.scenario, s.algorithms, s.customPolicies] as const,
    () => {
      clearTimeout(timer)
      timer = setTimeout(start, debounceMs)
    },
    { equalityFn: (a, b) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2] },
  )
  return () => {
    clearTimeout(timer)
    stopWatchdog()
    unsubscribe()
    unsubscribeCancel()
    client.dispose()
  }
}
