// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createAppStore, type AppStore } from '../../src/store/app-store.ts'
import { connectRunner } from '../../src/store/runner.ts'
import type { WorkerCommand, WorkerEvent } from '../../src/worker/protocol.ts'
import { createInThreadClient, type SimClient } from '../../src/worker/sim-client.ts'

// A simulation stuck in a loop that never returns answers nothing, whatever it is sent: Cancel
// and the runner's silence budget must end it and hand later runs to a fresh one.

let disconnect = () => {}
afterEach(() => {
  disconnect()
  vi.useRealTimers()
})

/** A simulation that takes every command and never answers (a worker spinning in its loop). */
function spinning() {
  const sent: WorkerCommand['type'][] = []
  let disposed = false
  const client: SimClient = { send: (cmd) => sent.push(cmd.type), inWorker: true, dispose: () => (disposed = true) }
  return { client, sent, disposed: () => disposed }
}

/**
 * The runner on a store with clients made in turn by `first` then healthy in-thread ones;
 * `made` counts the clients made.
 */
function connect(store: AppStore, first: (onEvent: (e: WorkerEvent) => void) => SimClient, stuckMs?: number) {
  let made = 0
  disconnect = connectRunner(store, {
    createClient: (onEvent) => (++made === 1 ? first(onEvent) : createInThreadClient(onEvent)),
    schedule: (f) => setTimeout(f, 0),
    // Sent at once, so the test reads what each client was sent right after an edit.
    later: (f) => f(),
    debounceMs: 0,
    ...(stuckMs === undefined ? {} : { stuckMs }),
  })
  return { made: () => made }
}

/** Moves the fake clock in small steps until the run is done (a hang guard of 10,000 steps). */
async function finish(store: AppStore) {
  let i = 0
  do await vi.advanceTimersByTimeAsync(5)
  while (++i < 10_000 && store.getState().run.status === 'running')
  expect([store.getState().run.status, store.getState().run.error]).toEqual(['done', null])
}

describe('a simulation stuck in its loop', () => {
  it('Cancel ends it (the page says cancelled only once it is ended) and the next run works', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const store = createAppStore()
    const stuck = spinning()
    const runner = connect(store, () => stuck.client)
    expect(stuck.sent).toEqual(['run'])
    expect(store.getState().run.status).toBe('running')
    let endedWhenCancelled: boolean | undefined
    store.subscribe(
      (s) => s.run.status,
      (status) => {
        if (status === 'cancelled') queueMicrotask(() => (endedWhenCancelled = stuck.disposed()))
      },
    )
    store.getState().actions.cancelRun()
    await vi.advanceTimersByTimeAsync(0)
    expect(store.getState().run.status).toBe('cancelled')
    expect(endedWhenCancelled).toBe(true)
    expect(runner.made()).toBe(2)
    // Later runs go to the fresh simulation: reference mode's 336.4 for FIFO (test/e2e/app.e2e.ts).
    store.getState().actions.setMode('reference')
    await finish(store)
    expect(store.getState().run.metrics.FIFO!.weighted_waiting_time).toBeCloseTo(336.4, 9)
    expect(stuck.sent).toEqual(['run'])
  })

  it('that never prepares the run: after the silence budget, the run goes once to a fresh simulation', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const store = createAppStore()
    const stuck = spinning()
    const runner = connect(store, () => stuck.client, 30_000)
    await vi.advanceTimersByTimeAsync(29_999)
    expect([runner.made(), stuck.disposed()]).toEqual([1, false])
    await vi.advanceTimersByTimeAsync(1)
    expect([runner.made(), stuck.disposed()]).toEqual([2, true])
    await finish(store)
    expect(store.getState().run.metrics.FIFO!.weighted_waiting_time).toBe(336)
  })

  it('that stops answering mid-run: the run fails with a message, and the next run works', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const store = createAppStore()
    // Prepares the run and sends its first batch, then hears no acknowledgement (spins).
    const stalling = (onEvent: (e: WorkerEvent) => void): SimClient => {
      const healthy = createInThreadClient(onEvent, { chunkMs: 0, now: () => 0 })
      return { send: (cmd) => cmd.type !== 'ack' && healthy.send(cmd), inWorker: true, dispose: () => healthy.dispose() }
    }
    const runner = connect(store, stalling, 1_000)
    // The first batch is acknowledged within a few (fake) ms of the start; the budget then runs.
    await vi.advanceTimersByTimeAsync(50)
    expect(store.getState().run.prepared).not.toBeNull()
    expect(store.getState().run.progress).toBeGreaterThan(0)
    await vi.advanceTimersByTimeAsync(900)
    expect([store.getState().run.status, runner.made()]).toEqual(['running', 1])
    await vi.advanceTimersByTimeAsync(100)
    expect(store.getState().run.status).toBe('error')
    expect(store.getState().run.error).toBe('no progress for 1 s, so it was stopped; a smaller workload or a coarser dt runs faster')
    expect(runner.made()).toBe(2)
    store.getState().actions.setMode('reference')
    await finish(store)
    expect(store.getState().run.metrics.WeightedFIFO!.weighted_waiting_time).toBeCloseTo(108.04, 9)
  })
})
