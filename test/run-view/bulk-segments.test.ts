import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { policies } from '../../src/engine/policies/registry.ts'
import { SERVING_KINDS, type ServingRecordListener } from '../../src/engine/segments.ts'
import { prepareServing } from '../../src/engine/serving/prepare.ts'
import { createSegmentWriter } from '../../src/engine/serving/segment-writer.ts'
import { createServingSimulation } from '../../src/engine/serving/simulation.ts'
import type { Scenario } from '../../src/engine/types.ts'
import { applyBatch, createTimeline, type Timeline } from '../../src/run-view/timeline.ts'
import type { SegmentTrack } from '../../src/run-view/track.ts'
import { BatchRecorder, type SegmentBatch } from '../../src/worker/recorder.ts'
import { expectEqual } from '../helpers/fast-expect.ts'
import { servingScenarioArb } from '../helpers/serving-arbitraries.ts'
import { squeeze } from '../helpers/serving.ts'

/** Tells two recorders the same run. */
function tee(a: ServingRecordListener, b: ServingRecordListener): ServingRecordListener {
  return {
    open: (...args) => (a.open(...args), b.open(...args)),
    close: (...args) => (a.close(...args), b.close(...args)),
    decided: (...args) => (a.decided(...args), b.decided(...args)),
    iterationBatch: (...args) => (a.iterationBatch(...args), b.iterationBatch(...args)),
    servingDecided: (...args) => (a.servingDecided(...args), b.servingDecided(...args)),
  }
}

/** Everything a track holds, up to its length (columns may have grown differently). */
function trackState(t: SegmentTrack) {
  const n = t.length
  return {
    kind: t.kind,
    length: n,
    item: Array.from(t.item.subarray(0, n)),
    stepOpen: Array.from(t.stepOpen.subarray(0, n)),
    stepClose: Array.from(t.stepClose.subarray(0, n)),
    t0: Array.from(t.t0.subarray(0, n)),
    t1: Array.from(t.t1.subarray(0, n)),
    resOffset: Array.from(t.resOffset.subarray(0, n)),
    resCount: Array.from(t.resCount.subarray(0, n)),
    resources: Array.from(t.resources.data.subarray(0, t.resources.length)),
    holdsResources: t.holdsResources,
    maxLengthS: t.maxLengthS,
    maxSteps: t.maxSteps,
    firstUnbounded: t.firstUnbounded,
  }
}

function state(tl: Timeline) {
  return {
    knownStep: tl.knownStep,
    done: tl.done,
    tracks: tl.tracks.map(trackState),
    lastTrack: Array.from(tl.lastTrack),
    lastPos: Array.from(tl.lastPos),
    serving: Object.fromEntries(Object.entries(tl.serving).map(([k, v]) => [k, k === 'chunks' ? v : Array.from((v as { toArray(): ArrayLike<number> }).toArray())])),
  }
}

/**
 * Runs the scenario once, recorded both ways (iterations as columns, as the worker sends them,
 * and as one event each), and checks after every flush that the two page timelines hold the
 * same segments. Returns the batches sent as columns.
 */
function compare(scenario: Scenario, policy: string, every: number): SegmentBatch[] {
  const prepared = prepareServing(scenario)
  const n = prepared.tasks.length
  const items = n + prepared.replicas.length
  const columnar = new BatchRecorder(items)
  const perEvent = new BatchRecorder(items, [])
  const writer = createSegmentWriter(prepared, scenario.dtS, tee(columnar, perEvent))
  const sim = createServingSimulation(prepared, policies.get(policy), writer)
  const a = createTimeline(n, prepared.cluster.gpus.length)
  const b = createTimeline(n, prepared.cluster.gpus.length)
  const sent: SegmentBatch[] = []
  const flush = (known: number, done: boolean) => {
    const bulk = columnar.flush(known, done)
    const events = perEvent.flush(known, done)
    expect(events.bulk).toEqual([])
    sent.push(bulk)
    applyBatch(a, bulk)
    applyBatch(b, events)
    expectEqual(state(a), state(b))
  }
  let events = 0
  let step = 0
  while (sim.advance()) if (++events % every === 0) flush(++step, false)
  writer.finish()
  flush(Number.MAX_SAFE_INTEGER, true)
  return sent
}

/** The iteration track's code in a batch, and whether any event opens or closes one. */
function iterationEvents(b: SegmentBatch): number {
  const code = b.kinds.indexOf(SERVING_KINDS.iteration)
  let count = 0
  for (let e = 0; e < b.events.length; e += 3) if (b.events[e]! >> 1 === code) count += 1
  return count
}

describe('iteration segments streamed as columns', () => {
  it('fill the iteration track as the same segments applied one event at a time (the squeeze, every event)', () => {
    const sent = compare(squeeze(0.0001), 'FIFO', 1)
    const opened = sent.reduce((k, b) => k + b.bulk.reduce((j, c) => j + c.item.length, 0), 0)
    const closed = sent.reduce((k, b) => k + b.bulk.reduce((j, c) => j + c.closed.length, 0), 0)
    // Every iteration of the squeeze (its hand-worked history in test/engine/serving) opens and closes once.
    expect(opened).toBeGreaterThan(3)
    expect(closed).toBe(opened)
    expect(sent.map(iterationEvents)).toEqual(sent.map(() => 0))
  })

  it('leave every track, after every batch, as the per-event read does, over random runs, policies and flushes', () => {
    fc.assert(
      fc.property(servingScenarioArb, fc.constantFrom('FIFO', 'WeightedFIFO', 'SRPT', 'WSRPT'), fc.constantFrom(1, 3, 50, Infinity), (scenario, policy, every) => {
        const sent = compare(scenario, policy, every)
        expect(sent.map(iterationEvents)).toEqual(sent.map(() => 0))
      }),
      { numRuns: 80 },
    )
  })
})
