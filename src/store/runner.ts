import { applyBatch } from '../run-view/timeline.ts'
import type { SegmentBatch } from '../worker/recorder.ts'
import type { WorkerCommand, WorkerEvent } from '../worker/protocol.ts'
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
  /** Silence from the simulation, while it owes an answer, after which it is taken as stuck (ms). */
  readonly stuckMs?: number
}

/** How often streamed batches are published to the views while they can show them. */
const PUBLISH_MS = 100
/**
 * How often otherwise: only the progress and the run's end move then (an import streaming in
 * behind a cursor left at the start), and each publication costs a frame a re-render.
 */
const PUBLISH_SETTLED_MS = 250

/**
 * A healthy simulation answers every command within a chunk (~12 ms) or, for a run's first
 * answer, the time to prepare its tasks (a second or two for a million). Thirty seconds of
 * silence means a loop that never returns: only terminating its worker stops it.
 */
const STUCK_MS = 30_000

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
  const stuckMs = options.stuckMs ?? STUCK_MS
  let runId = 0
  let pending: { runId: number; batches: readonly SegmentBatch[]; progress: number } | null = null
  let timer: ReturnType<typeof setTimeout> | undefined
  let publishedAt = -Infinity
  /** The run's end as far as the applied batches tell, published or not. */
  let knownEnd = 0
  /** Whether the simulation owes an answer (to a run or an acknowledgement), and since when it is silent. */
  let owed = false
  let watchdog: ReturnType<typeof setTimeout> | undefined
  /** The last run the simulation prepared, and the last run sent again to a fresh one. */
  let preparedRunId = 0
  let resentRunId = 0
  let lastRun: WorkerCommand | null = null

  const rearm = () => {
    clearTimeout(watchdog)
    watchdog = owed ? setTimeout(stuck, stuckMs) : undefined
  }

  const send = (cmd: WorkerCommand) => {
    if (cmd.type !== 'cancel') owed = true
    client.send(cmd)
    if (cmd.type !== 'cancel') rearm()
  }

  const onEvent = (event: WorkerEvent) => {
    // Any answer says the simulation is alive; an old run's batch still owes the current run's.
    const current = event.runId === runId
    if (current && event.type !== 'prepared') owed = false
    rearm()
    if (!current && event.runId !== -1) return
    const { actions } = store.getState()
    switch (event.type) {
      case 'prepared':
        preparedRunId = event.runId
        actions.prepared(event)
        knownEnd = 0
        break
      case 'batch':
        pending = { runId: event.runId, batches: event.batches, progress: event.progress }
        schedule(() => {
          const p = pending
          pending = null
          if (p === null || p.runId !== runId) return
          apply(p)
          send({ type: 'ack', runId: p.runId })
        })
        break
      case 'done':
        // The last batch may still wait for its frame; finish after it.
        schedule(() => store.getState().actions.finishRun(event.runId, event.metrics, knownEnd))
        break
      case 'error':
        store.getState().actions.failRun(event.runId, event.message)
        break
    }
  }

  const createClient = options.createClient ?? createSimClient
  /** Each simulation's events reach the runner only while it is the current one. */
  let generation = 0
  const connect = (): SimClient => {
    const mine = ++generation
    return createClient((event) => {
      if (mine === generation) onEvent(event)
    })
  }
  let client = connect()

  /** Ends the simulation (a Worker is terminated, whatever it is doing) and starts a fresh one. */
  function restart(): void {
    client.dispose()
    owed = false
    rearm()
    pending = null
    client = connect()
  }

  /**
   * The simulation has been silent for stuckMs while it owed an answer. If the current run was
   * never prepared, an earlier run may be what hangs: the current one is sent once to a fresh
   * simulation. Otherwise the current run is what hangs, and it fails with a message.
   */
  function stuck(): void {
    restart()
    if (store.getState().run.status !== 'running') return
    if (preparedRunId !== runId && resentRunId !== runId) {
      resentRunId = runId
      if (lastRun !== null) send(lastRun)
      return
    }
    store
      .getState()
      .actions.failRun(runId, `no progress for ${Math.round(stuckMs / 1000)} s, so it was stopped; a smaller workload or a coarser dt runs faster`)
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
    if (runId > 0) send({ type: 'cancel', runId })
    runId += 1
    const { scenario, algorithms, actions } = store.getState()
    actions.beginRun(runId, scenario)
    lastRun = { type: 'run', runId, scenario, algorithms }
    send(lastRun)
  }

  start()
  // A cancelled run's worker is ended, not asked to stop: a loop that never returns would not
  // hear the request, and "cancelled" would show while it still spins. Later runs go to a fresh one.
  const unsubscribeCancel = store.subscribe(
    (s) => s.run.status,
    (status) => {
      if (status === 'cancelled') restart()
    },
  )
  const unsubscribe = store.subscribe(
    (s) => [s.scenario, s.algorithms] as const,
    () => {
      clearTimeout(timer)
      timer = setTimeout(start, debounceMs)
    },
    { equalityFn: (a, b) => a[0] === b[0] && a[1] === b[1] },
  )
  return () => {
    clearTimeout(timer)
    clearTimeout(watchdog)
    unsubscribe()
    unsubscribeCancel()
    client.dispose()
  }
}
