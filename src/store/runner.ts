import { RemoteKeys, type AskKeys } from '../run-view/remote-keys.ts'
import { GROW_AHEAD_BYTES, growRunAhead } from '../run-view/grow-ahead.ts'
import { indexReplicaIterations } from '../run-view/serving.ts'
import { iterationMix } from '../run-view/serving-iterations.ts'
import { requestFacts } from '../run-view/serving-requests.ts'
import { applyBatch } from '../run-view/timeline.ts'
import { zeroedPool, type MakeZeroed } from '../run-view/zeroed-pool.ts'
import { spentBuffers, type SegmentBatch } from '../worker/recorder.ts'
import type { WorkerCommand, WorkerEvent } from '../worker/protocol.ts'
import { createSimClient, type SimClient } from '../worker/sim-client.ts'
import type { AppStore } from './app-store.ts'
import { requestFrame, soon } from '../timing/scheduler.ts'
import { selectStreamShown } from './selectors.ts'

export interface RunnerOptions {
  /** How the simulation runs (a Worker by default; tests pass an in-thread client). */
  readonly createClient?: (onEvent: (e: WorkerEvent) => void) => SimClient
  /** Quiet time after an edit before re-running, so typing does not start a run per key. */
  readonly debounceMs?: number
  /** When to apply a batch: once per animation frame in the browser. */
  readonly schedule?: (apply: () => void) => void
  /** Where a run is sent to the simulation: in a task of its own by default (after the one that starts it). */
  readonly later?: (send: () => void) => void
  /** The clock that paces publications (ms); tests pass one they move by hand. */
  readonly now?: () => number
  /**
   * The same budget for a run of built-in policies only (ms; unlimited by default: the engine's
   * step limit bounds their loops, and a huge workload is only slow). Cancel ends any run.
   */
  readonly stuckMs?: number
  /**
   * The watchdog: while a run with a policy written by a user is in flight, a worker that owes
   * an answer (to the run command or to an acknowledged batch) and stays silent this long (ms)
   * is ended and started afresh, and the run fails with a message. The step budget stops the
   * loops it can count; this ends the rest (a key stuck in one slow built-in). A page that is
   * slow to acknowledge (a hidden tab) is not the worker's fault: it owes nothing then.
   */
  readonly watchdogMs?: number
  /** Bytes of the run's columns widened ahead of need a frame (tests pass a small one to see it spread over frames). */
  readonly growAheadBytes?: number
  /**
   * Where the memory of widened columns is made (a worker in the app: run-view/zeroed-pool.ts);
   * fresh memory on this thread if not given.
   */
  readonly makeZeroed?: MakeZeroed
  /**
   * While true, a streamed batch waits for a later frame, and the simulation with it (it runs
   * on only once its batch is acknowledged): the app holds them while the serving views mount.
   */
  readonly holdBatches?: () => boolean
}

/** How long a worker running user code may stay silent before the page ends it. */
export const WATCHDOG_MS = 10_000

/** The most frames a run's batches are held (RunnerOptions.holdBatches): a hold that never ends must not stall the run. */
export const HOLD_FRAMES_MAX = 30

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
  const later = options.later ?? soon
  const debounceMs = options.debounceMs ?? 120
  const now = options.now ?? (() => performance.now())
  const stuckMs = options.stuckMs ?? Infinity
  const holdBatches = options.holdBatches ?? (() => false)
  let runId = 0
  let pending: { runId: number; batches: readonly SegmentBatch[]; progress: number } | null = null
  let timer: ReturnType<typeof setTimeout> | undefined
  let publishedAt = -Infinity
  /** Frames the current run's batches were held, and whether a frame is asked to take the batch that came. */
  let heldFrames = 0
  let takeAsked = false
  /** The run's end, once it came: finished in the frame that applies the last batch. */
  let done: Extract<WorkerEvent, { type: 'done' }> | null = null
  /** The run's end as far as the applied batches tell, published or not. */
  let knownEnd = 0
  /** Whether the simulation owes an answer (to a run or an acknowledgement), and since when it is silent. */
  let owed = false
  let watchdog: ReturnType<typeof setTimeout> | undefined
  /** The last run the simulation prepared, and the last run sent again to a fresh one. */
  let preparedRunId = 0
  let resentRunId = 0
  let lastRun: WorkerCommand | null = null
  /** Whether the run in flight compares policies written in the browser (a shorter budget then). */
  let userCode = false
  const watchdogMs = options.watchdogMs ?? WATCHDOG_MS
  const growAheadBytes = options.growAheadBytes ?? GROW_AHEAD_BYTES
  // A buffer made for a column waiting for one: widen in the next frame.
  const pool = options.makeZeroed === undefined ? undefined : zeroedPool(options.makeZeroed, () => askGrowTick(runId))

  const rearm = () => {
    clearTimeout(watchdog)
    const budget = userCode ? watchdogMs : stuckMs
    watchdog = owed && Number.isFinite(budget) ? setTimeout(stuck, budget) : undefined
  }

  const send = (cmd: WorkerCommand) => {
    if (cmd.type !== 'cancel') owed = true
    client.send(cmd)
    if (cmd.type !== 'cancel') rearm()
  }

  const onEvent = (event: WorkerEvent) => {
    // Any answer says the simulation is alive; an old run's batch still owes the current run's.
    const current = event.runId === runId
    if (current && (event.type === 'batch' || event.type === 'done' || event.type === 'error')) owed = false
    rearm()
    if (!current && event.runId !== -1) return
    const { actions } = store.getState()
    switch (event.type) {
      case 'prepared': {
        preparedRunId = event.runId
        // Questions about keys are answered at once and cannot loop for long (the step budget): not watched.
        const ask: AskKeys = (algorithm, step, tasks, generated) => client.send({ type: 'rank', runId: event.runId, algorithm, step, tasks, ...(generated !== undefined && { generated }) })
        const hasUserCode = event.algorithms.some((a) => store.getState().customPolicies.some((p) => p.name === a) && event.rankOrders[a] === undefined)
        actions.prepared(hasUserCode ? { ...event, remoteKeys: new RemoteKeys(ask, () => store.getState().actions.keysAnswered(event.runId)) } : event)
        knownEnd = 0
        heldFrames = 0
        // A serving run's first publication a pace after it is prepared, not with its first
        // batch: the frames between mount its views (use-mount-turn.ts) without every view
        // drawing again (the first turn's frame: 34–48 ms of thread time, 25–29 ms after).
        if (event.serving !== undefined) publishedAt = now()
        break
      }
      case 'ranked':
        store.getState().run.prepared?.remoteKeys?.answer(event.algorithm, event.step, event.tasks, event.keys, event.error)
        break
      case 'batch':
        pending = { runId: event.runId, batches: event.batches, progress: event.progress }
        askTake()
        break
      case 'done':
        // After the last batch, which may still wait for its frame (or be held): in its frame.
        // The worker keeps answering questions about keys, which cannot loop for long (the step budget).
        done = event
        askTake()
        break
      case 'error':
        if (event.runId === runId) pool?.clear()
        store.getState().actions.failRun(event.runId, event.message)
        break
    }
  }

  const askTake = () => {
    if (takeAsked) return
    takeAsked = true
    schedule(take)
  }

  /**
   * In a frame: applies the batch that came and acknowledges it (or, held, asks the next frame),
   * then finishes the run if its end came.
   */
  function take(): void {
    takeAsked = false
    const p = pending
    if (p !== null && p.runId !== runId) pending = null
    else if (p !== null) {
      if (heldFrames < HOLD_FRAMES_MAX && holdBatches()) {
        heldFrames += 1
        askTake()
        return
      }
      pending = null
      apply(p)
      // What it read once goes back, to be packed into again (worker/packed-arrays.ts).
      send({ type: 'ack', runId: p.runId, spare: spentBuffers(p.batches) })
    }
    const end = done
    done = null
    if (end === null) return
    // Its columns grow no more: what was made for them is let go.
    if (end.runId === runId) pool?.clear()
    store.getState().actions.finishRun(end.runId, end.metrics, knownEnd, end.serving)
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
    done = null
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
    if (userCode) {
      store.getState().actions.failRun(runId, `The simulation stopped answering for ${watchdogMs / 1000} s while running a policy written in the browser, so it was ended. Check the policy for a loop; the page is unaffected.`)
      return
    }
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
      // The serving Gantt's iteration mix, each replica's iterations and the request view's
      // facts, kept up a batch at a time: extended only when read (the Gantt's time domain
      // grown, the run's end shown, the request view come on screen), they read tens of
      // thousands of iterations in one frame (50–100 ms late in a 10,000-request run; the
      // request view's, held below the fold, 17–25 ms of the frame it caught up in).
      if (prepared.serving !== undefined) {
        iterationMix(tl)
        indexReplicaIterations(tl, prepared.serving)
        requestFacts(tl, prepared.serving)
      }
    })
    growAfterBatch(p.runId)
    const at = now()
    if (at - publishedAt < (selectStreamShown(s) ? PUBLISH_MS : PUBLISH_SETTLED_MS)) return
    publishedAt = at
    s.actions.publishRun(p.runId, p.progress, knownEnd)
  }

  /** Whether a frame of its own is asked to widen the run's columns, and whether one did since the last batch. */
  let growTick = false
  let grewInTick = false

  /**
   * Widens the run's columns ahead of need, every algorithm's from one budget a frame; returns
   * whether the budget ran out (more may want widening). A budget per algorithm, spent in the
   * frame of each batch, widened four columns of up to 4 MB in one frame of a 10,000-request
   * serving run: up to 26 ms of touching new memory on this VM in that frame.
   */
  function growAhead(id: number): boolean {
    const s = store.getState()
    const prepared = s.run.prepared
    if (id !== runId || id !== s.run.runId || prepared === null) return false
    const timelines = prepared.algorithms.flatMap((a) => s.run.timelines[a] ?? [])
    return growRunAhead(timelines, growAheadBytes, pool?.take)
  }

  /** After a batch: widens in its frame, unless a frame of widening came since the last batch (one budget a frame). */
  function growAfterBatch(id: number): void {
    if (grewInTick) grewInTick = false
    else if (growAhead(id)) askGrowTick(id)
  }

  /** Asks the next frame to widen more (the budget ran out; batches may be frames apart). */
  function askGrowTick(id: number): void {
    if (growTick) return
    growTick = true
    schedule(() => {
      growTick = false
      grewInTick = true
      if (growAhead(id)) askGrowTick(id)
    })
  }

  function start(): void {
    // A run not yet sent (its task still to come) is only dropped.
    if (runId > 0 && sentRunId === runId) send({ type: 'cancel', runId })
    pool?.clear()
    runId += 1
    const { scenario, algorithms, customPolicies, actions } = store.getState()
    actions.beginRun(runId, scenario)
    // Only the policies this run compares travel (and are compiled) with it.
    const custom = customPolicies.filter((p) => algorithms.includes(p.name))
    userCode = custom.length > 0
    const run: WorkerCommand = { type: 'run', runId, scenario, algorithms, ...(custom.length > 0 && { customPolicies: custom }) }
    lastRun = run
    // Sent in a task of its own, after the one that renders the new run (React renders in this
    // task's microtasks): packing 10,000 tasks for the worker and switching the page to the
    // serving views in one task made it 23 ms of thread time, 55 ms wall on a loaded machine.
    const id = runId
    later(() => {
      if (id !== runId || disposed) return
      sentRunId = id
      send(run)
    })
  }

  let disposed = false
  /** The last run sent to the simulation. */
  let sentRunId = 0
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
    (s) => [s.scenario, s.algorithms, s.customPolicies] as const,
    () => {
      clearTimeout(timer)
      timer = setTimeout(start, debounceMs)
    },
    { equalityFn: (a, b) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2] },
  )
  return () => {
    disposed = true
    clearTimeout(timer)
    clearTimeout(watchdog)
    unsubscribe()
    unsubscribeCancel()
    client.dispose()
  }
}
