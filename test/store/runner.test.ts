// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { presetCluster } from '../../src/engine/catalog/clusters.ts'
import { runSimulation } from '../../src/engine/simulation.ts'
import type { Scenario } from '../../src/engine/types.ts'
import { DEFAULT_GENERATOR, generateWorkload } from '../../src/engine/workloads/generator.ts'
import { scenario } from '../helpers/scenario.ts'
import { createAppStore } from '../../src/store/app-store.ts'
import { connectRunner } from '../../src/store/runner.ts'
import type { WorkerCommand, WorkerEvent } from '../../src/worker/protocol.ts'
import { createInThreadClient, type SimClient } from '../../src/worker/sim-client.ts'
import { createTestStore, nextTask, waitForRun } from '../helpers/app.tsx'
import { BUILT_IN_NAMES } from '../helpers/arbitraries.ts'
import { generatedServing } from '../helpers/serving.ts'
import { RUNNING, SERVING_KINDS } from '../../src/engine/segments.ts'
import { requestFactsRead } from '../../src/run-view/serving-requests.ts'
import { trackOf } from '../../src/run-view/timeline.ts'

let disconnect = () => {}
afterEach(() => disconnect())

describe('store and runner', () => {
  it('runs the default scenario on start and keeps the engine numbers', async () => {
    const t = createTestStore()
    disconnect = t.disconnect
    await waitForRun(t.store)
    const { run } = t.store.getState()
    expect(run.metrics.FIFO!.weighted_waiting_time).toBe(336)
    expect(run.metrics.WeightedFIFO!.weighted_waiting_time).toBeCloseTo(102, 9)
    expect(run.endStep).toBe(300)
    expect(Object.keys(run.timelines)).toEqual(['FIFO', 'WeightedFIFO', 'SRPT', 'WSRPT'])
  })

  it('sends a run in a task after the one that starts it, and only the latest of runs started before then', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const store = createAppStore()
      const sent: string[] = []
      const client = (): SimClient => ({ send: (cmd) => void sent.push(`${cmd.type} ${cmd.runId}`), inWorker: true, dispose: () => {} })
      const tasks: (() => void)[] = []
      const stop = connectRunner(store, { createClient: client, later: (f) => void tasks.push(f), debounceMs: 0 })
      // The page shows the run started (this task renders it) before the worker is sent it.
      expect(store.getState().run.status).toBe('running')
      expect(sent).toEqual([])
      tasks.shift()!()
      expect(sent).toEqual(['run 1'])
      // Two edits before the second run is sent: the first run is cancelled, the second dropped unsent.
      store.getState().actions.setMode('reference')
      vi.advanceTimersByTime(0)
      store.getState().actions.setMode('exact')
      vi.advanceTimersByTime(0)
      expect(store.getState().run.runId).toBe(3)
      for (const f of tasks.splice(0)) f()
      expect(sent).toEqual(['run 1', 'cancel 1', 'run 3'])
      stop()
    } finally {
      vi.useRealTimers()
    }
  })

  it('re-runs on a mode, cluster or algorithm change and drops the old run', async () => {
    const t = createTestStore()
    disconnect = t.disconnect
    await waitForRun(t.store)
    const first = t.store.getState().run.runId
    t.store.getState().actions.setMode('reference')
    t.store.getState().actions.toggleAlgorithm('SRPT')
    await waitForRun(t.store)
    await new Promise((r) => setTimeout(r, 20))
    await waitForRun(t.store)
    const { run, algorithms } = t.store.getState()
    expect(run.runId).toBeGreaterThan(first)
    expect(algorithms).toEqual(['FIFO', 'WeightedFIFO', 'WSRPT'])
    expect(Object.keys(run.metrics)).toEqual(['FIFO', 'WeightedFIFO', 'WSRPT'])
    expect(run.metrics.FIFO!.weighted_waiting_time).toBeCloseTo(336.4, 9)
    t.store.getState().actions.setCluster(presetCluster('h100_32gpu')!)
    await new Promise((r) => setTimeout(r, 20))
    await waitForRun(t.store)
    expect(t.store.getState().run.metrics.FIFO!.weighted_waiting_time).toBeCloseTo(156, 9)
  })

  it('playback actions keep the cursor inside the run', async () => {
    const t = createTestStore()
    disconnect = t.disconnect
    await waitForRun(t.store)
    const a = t.store.getState().actions
    a.stepBy(-5)
    expect(t.store.getState().step).toBe(0)
    a.runToEnd()
    expect(t.store.getState().step).toBe(300)
    a.stepBy(1)
    expect(t.store.getState().step).toBe(300)
    a.setStep(1e9)
    expect(t.store.getState().step).toBe(300)
    a.play()
    expect(t.store.getState()).toMatchObject({ playing: true, step: 0 })
    a.reset()
    expect(t.store.getState()).toMatchObject({ playing: false, step: 0 })
  })

  it('runs to the end of the run an edit is owed, not of the run before it', async () => {
    const t = createTestStore()
    disconnect = t.disconnect
    await waitForRun(t.store)
    const a = t.store.getState().actions
    // Twice the tasks, arriving twice as late: the new run's end is well past the old one's.
    const old = t.store.getState().scenario
    a.setScenario({ ...old, tasks: [...old.tasks, ...old.tasks.map((task) => ({ ...task, id: `${task.id}-b`, arrivalS: task.arrivalS + 1 }))] }, 'longer')
    // Within the runner's pause for typing: the old run is done, the new one not begun.
    expect(t.store.getState().run.status).toBe('done')
    a.runToEnd()
    await new Promise((r) => setTimeout(r, 20))
    await waitForRun(t.store)
    const { step, run } = t.store.getState()
    expect(run.scenario).toBe(t.store.getState().scenario)
    expect(run.endStep).toBeGreaterThan(300)
    expect(step).toBe(run.endStep)
  })

  it('zoom and pan stay inside the run; fit clears the window', async () => {
    const t = createTestStore()
    disconnect = t.disconnect
    await waitForRun(t.store)
    const a = t.store.getState().actions
    a.zoomBy(2)
    expect(t.store.getState().viewS).toEqual([0.75, 2.25])
    a.panBy(-1)
    expect(t.store.getState().viewS).toEqual([0, 1.5])
    a.zoomBy(0.25)
    expect(t.store.getState().viewS).toBeNull()
  })

  /**
   * A run streamed on explicit clocks, so that what is published when does not depend on the
   * machine: the worker's chunking clock moves 4 ms per reading (each chunk is one window of
   * 64 steps), and each frame that applies a batch moves the page's clock by 16 ms.
   */
  async function streamed(s: Scenario, dimFuture: boolean) {
    let workerMs = 0
    let pageMs = 0
    const store = createAppStore({ scenario: s, dimFuture })
    const client = (onEvent: (e: WorkerEvent) => void) => createInThreadClient(onEvent, { now: () => (workerMs += 4), defer: nextTask })
    const schedule = (f: () => void) =>
      nextTask(() => {
        pageMs += 16
        f()
      })
    const stop = connectRunner(store, { createClient: client, schedule, now: () => pageMs, debounceMs: 0 })
    const published: number[] = []
    const unsubscribe = store.subscribe(
      (st) => st.run.version,
      () => published.push(pageMs),
    )
    let preparedAt = NaN
    const unsubscribePrepared = store.subscribe(
      (st) => st.run.prepared,
      (p) => {
        if (p !== null) preparedAt = pageMs
      },
    )
    await waitForRun(store)
    unsubscribe()
    unsubscribePrepared()
    stop()
    return { store, published, preparedAt, elapsedMs: pageMs }
  }

  /** Gaps between the publications of streamed batches (after the first batch's, before the finish). */
  const gaps = (published: number[]) => published.slice(1, -1).map((at, i) => at - published[i]!)

  it('publishes batches every 100 ms while the views can show them, every 250 ms while they are settled', async () => {
    const tasks = generateWorkload({ ...DEFAULT_GENERATOR, count: 800, seed: 3, arrivals: { kind: 'poisson', ratePerS: 12 } })
    const s = scenario(tasks, { cluster: 'h100_16gpu', maxTimeS: Infinity })
    // The cursor stays at 0 with the future hidden: after the first batch, every view is final,
    // so a publication waits for the first frame 250 ms or more after the last (16 frames).
    const settled = gaps((await streamed(s, false)).published)
    expect(settled.length).toBeGreaterThan(6)
    expect(new Set(settled)).toEqual(new Set([256]))
    // The future shown: bars stream in, so batches are published at the faster pace (7 frames).
    const shown = gaps((await streamed(s, true)).published)
    expect(shown.length).toBeGreaterThan(15)
    expect(new Set(shown)).toEqual(new Set([112]))
  })

  it("publishes a serving run's first batches a pace after it is prepared, a job run's with its first batch", async () => {
    // The serving views mount in the frames after `prepared` (use-mount-turn.ts); the first
    // batches are applied then, but published (every view drawn again) only 100 ms on.
    const serving = await streamed(generatedServing(3, 3000, 100), true)
    expect(serving.published.length).toBeGreaterThan(2)
    expect(serving.published[0]! - serving.preparedAt).toBe(112)
    const tasks = generateWorkload({ ...DEFAULT_GENERATOR, count: 800, seed: 3, arrivals: { kind: 'poisson', ratePerS: 12 } })
    const job = await streamed(scenario(tasks, { cluster: 'h100_16gpu', maxTimeS: Infinity }), true)
    expect(job.published[0]! - job.preparedAt).toBe(16)
  })

  it("keeps a serving run's request facts up with every batch, before any view reads them", async () => {
    // Read only when the request view draws, they were read whole in the frame the view came on
    // screen or caught up (held below the fold: 17–25 ms of a 10,000-request run's frame).
    const s = generatedServing(3, 3000, 100)
    const store = createAppStore({ scenario: s, dimFuture: true })
    let pageMs = 0
    let workerMs = 0
    const client = (onEvent: (e: WorkerEvent) => void) => createInThreadClient(onEvent, { now: () => (workerMs += 4), defer: nextTask })
    const stop = connectRunner(store, { createClient: client, schedule: (f) => nextTask(() => ((pageMs += 16), f())), now: () => pageMs, debounceMs: 0 })
    const behind: number[] = []
    let seen = 0
    const unsubscribe = store.subscribe(
      (st) => st.run.version,
      () => {
        const { run } = store.getState()
        for (const a of run.prepared?.algorithms ?? []) {
          const tl = run.timelines[a]!
          const iterations = trackOf(tl, SERVING_KINDS.iteration)?.length ?? 0
          if (iterations > 0) seen += 1
          behind.push(iterations - requestFactsRead(tl))
        }
      },
    )
    await waitForRun(store)
    unsubscribe()
    stop()
    expect(seen).toBeGreaterThan(8)
    expect(new Set(behind)).toEqual(new Set([0]))
  })

  it("gives each applied batch's buffers back with its ack, never the entries it keeps, and builds the same run on them", async () => {
    const s = generatedServing(3, 600, 40)
    /** Runs to the end, giving the spent buffers back or not; what the page built, and the acks. */
    async function run(giveBack: boolean) {
      const store = createAppStore({ scenario: s })
      const acks: Extract<WorkerCommand, { type: 'ack' }>[] = []
      const batches: Extract<WorkerEvent, { type: 'batch' }>[] = []
      const client = (onEvent: (e: WorkerEvent) => void): SimClient => {
        const inner = createInThreadClient(
          (e) => {
            if (e.type === 'batch') batches.push(e)
            onEvent(e)
          },
          { now: (() => { let t = 0; return () => (t += 4) })(), defer: nextTask },
        )
        return {
          ...inner,
          send: (cmd) => {
            if (cmd.type === 'ack') acks.push(cmd)
            inner.send(cmd.type === 'ack' && !giveBack ? { type: 'ack', runId: cmd.runId } : cmd)
          },
        }
      }
      const stop = connectRunner(store, { createClient: client, schedule: nextTask, debounceMs: 0 })
      await waitForRun(store)
      stop()
      const { run } = store.getState()
      const built = run.prepared!.algorithms.map((a) => {
        const tl = run.timelines[a]!
        return {
          tracks: tl.tracks.map((t) => [t.kind, t.length, Array.from(t.t0.subarray(0, t.length)), Array.from(t.t1.subarray(0, t.length)), Array.from(t.item.subarray(0, t.length))]),
          entries: tl.serving.chunks.map((c) => [Array.from(c.entries), Array.from(c.tokens), Array.from(c.removed)]),
          usedBlocks: Array.from(tl.serving.usedBlocks.used()),
        }
      })
      const kept = new Set(run.prepared!.algorithms.flatMap((a) => run.timelines[a]!.serving.chunks.map((c) => c.entries.buffer)))
      return { built, acks, batches, kept, metrics: run.servingMetrics }
    }
    const fresh = await run(false)
    const reused = await run(true)
    expect(reused.built).toEqual(fresh.built)
    expect(reused.metrics).toEqual(fresh.metrics)
    expect(reused.acks.length).toBeGreaterThan(4)
    for (const ack of reused.acks) for (const b of ack.spare ?? []) expect(reused.kept.has(b)).toBe(false)
    // Given back, packed into again: some later batch's arrays sit in a buffer an ack gave back.
    const given = new Set(reused.acks.flatMap((a) => a.spare ?? []))
    expect(reused.batches.some((e) => e.batches.some((b) => given.has(b.events.buffer as ArrayBuffer)))).toBe(true)
    expect(fresh.batches.some((e) => e.batches.some((b) => given.has(b.events.buffer as ArrayBuffer)))).toBe(false)
  })

  it('publishes streamed batches at most every 100 ms, and the finished run is whole', async () => {
    const tasks = generateWorkload({ ...DEFAULT_GENERATOR, count: 1000, seed: 3, arrivals: { kind: 'poisson', ratePerS: 12 } })
    const s = scenario(tasks, { cluster: 'h100_16gpu', maxTimeS: Infinity })
    const { store, published, elapsedMs } = await streamed(s, true)
    // One publication per 100 ms at most, plus the prepared run and the finish.
    expect(published.length).toBeGreaterThan(10)
    expect(published.length).toBeLessThanOrEqual(Math.floor(elapsedMs / 100) + 3)
    const { run } = store.getState()
    for (const a of BUILT_IN_NAMES) {
      const direct = runSimulation(s, a)
      expect(run.metrics[a]).toEqual(direct.metrics)
      expect(trackOf(run.timelines[a]!, RUNNING)!.length).toBe(1000)
    }
    expect(run.endStep).toBe(Math.max(...BUILT_IN_NAMES.map((a) => Math.max(...runSimulation(s, a).tasks.map((o) => o.endStep)))))
  })
})
