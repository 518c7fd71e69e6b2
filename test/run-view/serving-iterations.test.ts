import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { policies } from '../../src/engine/policies/registry.ts'
import { prepareServing } from '../../src/engine/serving/prepare.ts'
import { createSegmentWriter } from '../../src/engine/serving/segment-writer.ts'
import { createServingSimulation } from '../../src/engine/serving/simulation.ts'
import { iterationMix, type IterationMix } from '../../src/run-view/serving-iterations.ts'
import { applyBatch, createTimeline } from '../../src/run-view/timeline.ts'
import { BatchRecorder, type SegmentBatch } from '../../src/worker/recorder.ts'
import { servingScenarioArb } from '../helpers/serving-arbitraries.ts'

const columns = (m: IterationMix) => ({
  batch: Array.from(m.batch.toArray()),
  prefill: Array.from(m.prefill.toArray()),
  decode: Array.from(m.decode.toArray()),
  recompute: Array.from(m.recompute.toArray()),
  maxBatch: m.maxBatch,
})

describe('the iteration mix read as a run streams in', () => {
  it('equals, after every batch, a read of the same batches from scratch', () => {
    fc.assert(
      fc.property(servingScenarioArb, fc.constantFrom('FIFO', 'SRPT', 'WSRPT'), fc.constantFrom(1, 4, 30), (scenario, policy, every) => {
        const prepared = prepareServing(scenario)
        const n = prepared.tasks.length
        const recorder = new BatchRecorder(n + prepared.replicas.length)
        const writer = createSegmentWriter(prepared, scenario.dtS, recorder)
        const sim = createServingSimulation(prepared, policies.get(policy), writer)
        const streamed = createTimeline(n, prepared.cluster.gpus.length)
        const batches: SegmentBatch[] = []
        const check = () => {
          const fresh = createTimeline(n, prepared.cluster.gpus.length)
          for (const b of batches) applyBatch(fresh, b)
          const mix = iterationMix(streamed)
          expect(mix.batch.length).toBe(streamed.serving.entryCount.length)
          expect(columns(mix)).toEqual(columns(iterationMix(fresh)))
        }
        const flush = (known: number, done: boolean) => {
          batches.push(recorder.flush(known, done))
          applyBatch(streamed, batches.at(-1)!)
          check()
        }
        let events = 0
        while (sim.advance()) if (++events % every === 0) flush(0, false)
        writer.finish()
        flush(Number.MAX_SAFE_INTEGER, true)
      }),
      { numRuns: 30 },
    )
  })
})
