import { describe, expect, it } from 'vitest'
import { runSimulation } from '../../src/engine/simulation.ts'
import { applyBatch, createTimeline } from '../../src/run-view/timeline.ts'
import { discriminatingWorkload } from '../../src/engine/workloads/presets.ts'
import { createSimHandler } from '../../src/worker/handler.ts'
import type { WorkerEvent } from '../../src/worker/protocol.ts'
import { scenario } from '../helpers/scenario.ts'
import { perTask } from '../helpers/segments.ts'
import { BUILT_IN_NAMES } from '../helpers/arbitraries.ts'
import { policies } from '../../src/engine/policies/registry.ts'
import { ADMIT } from '../../src/engine/segments.ts'
import { runServing } from '../../src/engine/serving/run.ts'
import type { Scenario } from '../../src/engine/types.ts'
import { replicaAt } from '../../src/run-view/serving.ts'
import { servingDecisionsAt } from '../../src/run-view/serving-decisions.ts'
import { servingQueueAt } from '../../src/run-view/serving-queue.ts'
import type { Timeline } from '../../src/run-view/timeline.ts'
import { squeeze, squeezeFirstS } from '../helpers/serving.ts'

function harness(chunkMs = 12) {
  const events: WorkerEvent[] = []
  const transfers: ArrayBuffer[][] = []
  // A clock that advances 1 ms per reading makes chunking deterministic.
  let t = 0
  const handle = createSimHandler(
    (e, transfer) => {
      events.push(e)
      transfers.push(transfer)
    },
    { chunkMs, now: () => (t += 1) },
  )
  return { events, transfers, handle }
}

describe('worker handler (no Worker needed)', () => {
  const s = scenario(discriminatingWorkload())

  it('sends the same events whether the tasks carry their ids or not (the page does not send them)', () => {
    const withIds = harness(4)
    withIds.handle({ type: 'run', runId: 1, scenario: s, algorithms: BUILT_IN_NAMES })
    const without = harness(4)
    without.handle({ type: 'run', runId: 1, scenario: { ...s, tasks: s.tasks.map((t) => ({ ...t, id: '' })) }, algorithms: BUILT_IN_NAMES })
    for (const h of [withIds, without]) while (!h.events.some((e) => e.type === 'done')) h.handle({ type: 'ack', runId: 1 })
    expect(without.events.length).toBeGreaterThan(3)
    expect(without.events).toEqual(withIds.events)
  })

  it('makes the timeline columns of the page, empty, and transfers them with what the views need', () => {
    const { events, transfers, handle } = harness(4)
    handle({ type: 'run', runId: 1, scenario: s, algorithms: ['FIFO', 'SRPT'] })
    const prepared = events[0] as Extract<WorkerEvent, { type: 'prepared' }>
    expect(Object.keys(prepared.columns!)).toEqual(['FIFO', 'SRPT'])
    const fifo = prepared.columns!.FIFO!
    // Room for one waiting and one running segment per task (none is rejected here: the least room).
    expect(Object.entries(fifo.tracks).map(([kind, c]) => [kind, c.item.length, c.resources.length])).toEqual([
      ['waiting', 20, 40],
      ['running', 20, 40],
      ['rejected', 16, 32],
    ])
    expect([fifo.lastTrack.length, fifo.lastPos.length]).toEqual([20, 20])
    expect(transfers[0]).toContain(fifo.tracks.running!.t1.buffer)
    expect(transfers[0]).toContain(prepared.columns!.SRPT!.lastPos.buffer)
    // The page's timeline is built on them, or on fresh ones when they do not fit the run.
    expect(createTimeline(20, 16, fifo).lastPos).toBe(fifo.lastPos)
    expect(createTimeline(21, 16, fifo).lastPos).not.toBe(fifo.lastPos)
    expect(createTimeline(21, 16, fifo).lastPos).toHaveLength(21)
    // Exact mode's estimator: the fixed-rate durations (prefill tokens / 1000 per second).
    expect(Array.from(prepared.remaining)).toEqual(s.tasks.map((t) => t.tokens / 1000))
    expect(Array.from(prepared.ratioRemaining)).toEqual(s.tasks.map((t) => t.tokens / 1000))
    expect(Object.keys(prepared.rankOrders)).toEqual(['FIFO', 'SRPT'])
    for (const a of [prepared.remaining, prepared.ratioRemaining, prepared.rankOrders.SRPT!, prepared.keys.FIFO!]) expect(transfers[0]).toContain(a.buffer)
  })

  it('prepares, streams batches one at a time on ack, then reports the engine metrics', () => {
    const { events, transfers, handle } = harness(4)
    handle({ type: 'run', runId: 1, scenario: s, algorithms: BUILT_IN_NAMES })
    expect(events.map((e) => e.type)).toEqual(['prepared', 'batch'])
    const prepared = events[0] as Extract<WorkerEvent, { type: 'prepared' }>
    expect(prepared).toMatchObject({ taskCount: 20, gpuCount: 16, horizonStep: 500 })
    expect(prepared.nodes).toEqual([
      { first: 0, count: 8, gpu: 'H100 SXM 80 GB' },
      { first: 8, count: 8, gpu: 'H100 SXM 80 GB' },
    ])
    // WeightedFIFO ranks the 12 heavy tasks (indices 8..19) first.
    expect(Array.from(prepared.rankOrders.WeightedFIFO!).slice(0, 3)).toEqual([8, 9, 10])
    expect(transfers[1]!.length).toBeGreaterThan(0)

    const timelines = BUILT_IN_NAMES.map(() => createTimeline(20, 16))
    let seen = 1
    let batches = 0
    while (events[events.length - 1]!.type !== 'done') {
      // Every ack yields exactly one more batch (and, with the last, the done event).
      for (; seen < events.length; seen++) {
        const e = events[seen]!
        if (e.type === 'batch') {
          e.batches.forEach((b, i) => applyBatch(timelines[i]!, b))
          batches += 1
        }
      }
      handle({ type: 'ack', runId: 1 })
      expect(batches).toBeLessThan(1000)
    }
    for (; seen < events.length; seen++) {
      const e = events[seen]!
      if (e.type === 'batch') {
        e.batches.forEach((b, i) => applyBatch(timelines[i]!, b))
        batches += 1
      }
    }
    expect(batches).toBeGreaterThan(1)
    const done = events.find((e) => e.type === 'done') as Extract<WorkerEvent, { type: 'done' }>
    for (const a of BUILT_IN_NAMES) expect(done.metrics[a]).toEqual(runSimulation(s, a).metrics)
    expect(done.metrics.FIFO!.weighted_waiting_time).toBe(336)
    // The streamed columns hold the whole run.
    const fifo = runSimulation(s, 'FIFO')
    expect(perTask(timelines[0]!).startStep).toEqual(fifo.tasks.map((t) => t.startStep))
    expect(timelines[0]!.done).toBe(true)
  })

  it('sends nothing more without an ack (one batch in flight)', () => {
    const { events, handle } = harness(1)
    handle({ type: 'run', runId: 1, scenario: { ...s, maxTimeS: Infinity }, algorithms: ['FIFO'] })
    const n = events.length
    handle({ type: 'ack', runId: 2 })
    expect(events.length).toBe(n)
  })

  it('cancel drops the run; a new run replaces the old one', () => {
    const { events, handle } = harness(1)
    handle({ type: 'run', runId: 1, scenario: s, algorithms: ['FIFO'] })
    handle({ type: 'cancel', runId: 1 })
    const n = events.length
    handle({ type: 'ack', runId: 1 })
    expect(events.length).toBe(n)
    handle({ type: 'run', runId: 2, scenario: s, algorithms: ['SRPT'] })
    expect(events.slice(n).every((e) => e.runId === 2)).toBe(true)
  })

  it('reports a bad scenario as an error event, not an exception', () => {
    const { events, handle } = harness()
    handle({ type: 'run', runId: 3, scenario: { ...s, cluster: { name: 'custom', groups: [{ gpu: 'TPU', count: 4 }] } }, algorithms: ['FIFO'] })
    expect(events).toEqual([{ type: 'error', runId: 3, message: "unknown GPU type 'TPU' in cluster custom" }])
  })
})

describe('worker handler, serving mode', () => {
  const dtS = squeezeFirstS / 10

  /** Runs to the end, acknowledging every batch, and applies the batches to the page's timelines. */
  function runToEnd(s: Scenario, algorithms: readonly string[], chunkMs = 1) {
    const { events, transfers, handle } = harness(chunkMs)
    handle({ type: 'run', runId: 7, scenario: s, algorithms })
    const prepared = events[0] as Extract<WorkerEvent, { type: 'prepared' }>
    const timelines = algorithms.map((a) => createTimeline(prepared.taskCount, prepared.gpuCount, prepared.columns?.[a]))
    let seen = 1
    for (let acks = 0; ; acks++) {
      for (; seen < events.length; seen++) {
        const e = events[seen]!
        if (e.type === 'batch') e.batches.forEach((b, i) => applyBatch(timelines[i]!, b))
      }
      if (events.some((e) => e.type === 'done' || e.type === 'error')) break
      handle({ type: 'ack', runId: 7 })
      expect(acks).toBeLessThan(10_000)
    }
    const done = events.find((e) => e.type === 'done') as Extract<WorkerEvent, { type: 'done' }>
    return { events, transfers, prepared, timelines, done }
  }

  it('streams a serving run that arrives on the page with its batches, KV blocks, queues and metrics', () => {
    const s = squeeze(dtS)
    const { events, transfers, prepared, timelines, done } = runToEnd(s, ['FIFO', 'SRPT'])
    // More than one batch: the run was streamed in pieces.
    expect(events.filter((e) => e.type === 'batch').length).toBeGreaterThan(2)
    expect(prepared).toMatchObject({ taskCount: 4, gpuCount: 1, horizonStep: Infinity, rejections: [null, null, null, "no deployment serves model 'Nope'"] })
    expect(prepared.serving!.replicas).toEqual([{ model: 0, tp: 1, gpus: [0], blocks: 3 }])
    expect(Array.from(prepared.serving!.outputTokens)).toEqual([17, 17, 3, 1])
    expect(transfers[0]).toContain(prepared.serving!.order.buffer)
    const [fifo, srpt] = timelines as [Timeline, Timeline]
    expect(fifo.done).toBe(true)
    const info = prepared.serving!
    expect(replicaAt(fifo, info, 0, 5)).toEqual({ segment: 0, t0: 0, t1: squeezeFirstS, requests: [0, 1], tokens: [16, 16], kinds: [0, 0], computed: [0, 0], usedBlocks: 2, freeBlocks: 1 })
    expect(replicaAt(fifo, info, 0, 11)).toMatchObject({ requests: [0], tokens: [1], kinds: [1], computed: [16], usedBlocks: 2, freeBlocks: 1 })
    expect(servingQueueAt(srpt, info, 0, 11, 11 * dtS, policies.get('SRPT'))).toEqual({ head: [{ request: 2, key: 3 }, { request: 1, key: 16 }], length: 2 })
    expect(servingDecisionsAt(fifo, 0).map((d) => fifo.serving.decisionKind.data[d])).toEqual([ADMIT, ADMIT])
    // The engine's numbers, to the bit: its own metrics, and the keys every mode has.
    for (const a of ['FIFO', 'SRPT']) {
      const engine = runServing(s, a)
      expect(done.serving![a]).toEqual(engine.metrics)
      expect(done.metrics[a]).toEqual(engine.common)
    }
    expect(done.serving!.FIFO).toMatchObject({ completed_count: 3, rejected_count: 1, preemption_count: 1 })
    // The run ends with B's finish: the step after it.
    const end = runServing(s, 'FIFO').endS
    expect(done.steps.FIFO).toBe(Math.ceil(end / dtS - 1e-9) + 1)
  })

  it('sends each batch in a few buffers, each listed once, and the page builds the same run from the moved copies', () => {
    // What the page builds from the batches as sent, read out before anything is moved.
    const view = (tls: readonly Timeline[]) =>
      tls.map((tl) => ({
        tracks: tl.tracks.map((t) => [t.kind, t.length, Array.from(t.t0.subarray(0, t.length)), Array.from(t.t1.subarray(0, t.length)), Array.from(t.item.subarray(0, t.length))]),
        entries: tl.serving.chunks.map((c) => [Array.from(c.entries), Array.from(c.tokens), Array.from(c.removed)]),
        usedBlocks: Array.from(tl.serving.usedBlocks.used()),
      }))
    const expected = view(runToEnd(squeeze(dtS), ['FIFO', 'SRPT']).timelines)
    const { events, transfers, prepared } = runToEnd(squeeze(dtS), ['FIFO', 'SRPT'])
    const moved = ['FIFO', 'SRPT'].map(() => createTimeline(prepared.taskCount, prepared.gpuCount))
    let batches = 0
    events.forEach((e, k) => {
      if (e.type !== 'batch') return
      batches += 1
      const list = transfers[k]!
      expect(new Set(list).size).toBe(list.length)
      // Per algorithm: what the page reads once, the entries it keeps, and the iterations' columns.
      expect(list.length).toBeLessThanOrEqual(3 * e.batches.length)
      // As postMessage would move them (a buffer named twice would throw here).
      const copy = structuredClone(e, { transfer: list })
      copy.batches.forEach((b, i) => applyBatch(moved[i]!, b))
    })
    expect(batches).toBeGreaterThan(2)
    expect(view(moved)).toEqual(expected)
    expect(expected[0]!.entries.length).toBeGreaterThan(0)
  })

  it('gives the same batches whether the run is cut into many chunks or few', () => {
    const many = runToEnd(squeeze(dtS), ['WSRPT'], 1)
    const few = runToEnd(squeeze(dtS), ['WSRPT'], 1000)
    expect(few.events.filter((e) => e.type === 'batch').length).toBeLessThan(many.events.filter((e) => e.type === 'batch').length)
    for (let k = 0; k < 40; k++) expect(replicaAt(many.timelines[0]!, many.prepared.serving!, 0, k)).toEqual(replicaAt(few.timelines[0]!, few.prepared.serving!, 0, k))
    expect(many.done).toEqual(few.done)
  })

  it("starts a serving run's window at one step: the first batch holds the first iteration alone", () => {
    const firstBatch = (msPerReading: number) => {
      const events: WorkerEvent[] = []
      let t = 0
      const handle = createSimHandler((e) => events.push(e), { chunkMs: 12, now: () => (t += msPerReading) })
      handle({ type: 'run', runId: 1, scenario: squeeze(dtS), algorithms: ['FIFO'] })
      const b = (events[1] as Extract<WorkerEvent, { type: 'batch' }>).batches[0]!
      return [b.knownStep, b.iterations.length / 5]
    }
    // 20 ms a reading against chunks of 12: one advance, of the window (64 steps made it [70, 7]).
    expect(firstBatch(20)).toEqual([1, 1])
  })

  it("doubles a serving run's window while an advance takes under half a chunk, halves it past a whole one", () => {
    // Each reading of the clock moves it by what `tick` says: a chunk reads it once for its
    // deadline, then twice an advance (before and after) and once to go on. Chunks of 12 ms.
    // A step longer than any iteration: every step has events, so a batch is known up to its last step.
    const COARSE = 2 * squeezeFirstS
    const knownSteps = (tick: (reading: number) => number, batches: number) => {
      const events: WorkerEvent[] = []
      let t = 0
      let readings = 0
      const handle = createSimHandler((e) => events.push(e), { chunkMs: 12, now: () => (t += tick(readings++)) })
      handle({ type: 'run', runId: 1, scenario: squeeze(COARSE), algorithms: ['FIFO'] })
      for (let k = 1; k < batches; k++) handle({ type: 'ack', runId: 1 })
      return events.filter((e) => e.type === 'batch').map((e) => e.batches[0]!.knownStep)
    }
    // 4 ms an advance, under half of 12: one advance a chunk, each twice the last (1, 2, 4, 8 steps).
    expect(knownSteps(() => 4, 4)).toEqual([1, 3, 7, 15])
    // 8 ms: over half a chunk, under a whole one: the window stays at 1 step.
    expect(knownSteps(() => 8, 4)).toEqual([1, 2, 3, 4])
    // Two advances of 1 ms (1 + 2 steps, the window grown to 4), then 13 ms a reading: the first
    // chunk ends there; past a chunk, each advance halves the window after it (4, 2, then 1 step).
    expect(knownSteps((r) => (r < 6 ? 1 : 13), 4)).toEqual([3, 7, 9, 10])
  })

  it('reports a configuration error as an error event naming the field', () => {
    const s = { ...squeeze(dtS), serving: { deployments: [{ model: 'Tiny', tp: 1, replicas: 2 }] } }
    const { events } = runToEnd(s, ['FIFO'])
    expect(events).toEqual([{ type: 'error', runId: 7, message: expect.stringMatching(/^scenario: serving\.deployments\[0\], replicas = '2': replica 2 of Tiny TP 1 does not fit: no GPU left in node 0, the one node it fits on/) }])
  })
})
