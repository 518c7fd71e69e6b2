import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { policies } from '../../src/engine/policies/registry.ts'
import { prepareServing } from '../../src/engine/serving/prepare.ts'
import { createSegmentWriter } from '../../src/engine/serving/segment-writer.ts'
import { createServingSimulation } from '../../src/engine/serving/simulation.ts'
import { kvUseByReplica, preemptionTimes } from '../../src/run-view/serving-kv.ts'
import { applyBatch, createTimeline } from '../../src/run-view/timeline.ts'
import { BatchRecorder } from '../../src/worker/recorder.ts'
import { servingScenarioArb } from '../helpers/serving-arbitraries.ts'
import { recordServing, runInfo } from '../helpers/serving.ts'

describe('KV use and preemptions read as a run streams in', () => {
  it('equal, after every batch, what a read of the same batches from scratch gives', () => {
    fc.assert(
      fc.property(servingScenarioArb, fc.constantFrom('FIFO', 'SRPT', 'WSRPT'), fc.constantFrom(1, 4, 30), (scenario, policy, every) => {
        const prepared = prepareServing(scenario)
        const info = runInfo(prepared)
        const n = prepared.tasks.length
        const recorder = new BatchRecorder(n + prepared.replicas.length)
        const writer = createSegmentWriter(prepared, scenario.dtS, recorder)
        const sim = createServingSimulation(prepared, policies.get(policy), writer)
        // The streamed timeline is read after every batch (its indexes extended); the other,
        // fed the same batches, is read from scratch each time (a fresh copy of its columns).
        const streamed = createTimeline(n, prepared.cluster.gpus.length)
        const batches: ReturnType<BatchRecorder['flush']>[] = []
        const check = () => {
          const fresh = createTimeline(n, prepared.cluster.gpus.length)
          for (const b of batches) applyBatch(fresh, b)
          expect(kvUseByReplica(streamed, info)).toEqual(kvUseByReplica(fresh, info))
          expect(preemptionTimes(streamed, info.replicas.length)).toEqual(preemptionTimes(fresh, info.replicas.length))
        }
        let events = 0
        while (sim.advance()) {
          if (++events % every !== 0) continue
          batches.push(recorder.flush(0, false))
          applyBatch(streamed, batches.at(-1)!)
          check()
        }
        writer.finish()
        batches.push(recorder.flush(Number.MAX_SAFE_INTEGER, true))
        applyBatch(streamed, batches.at(-1)!)
        check()
      }),
      { numRuns: 30 },
    )
  })

  it('read once at the end, give each replica one entry per iteration', () => {
    const { tl, info } = recordServing(fc.sample(servingScenarioArb, { numRuns: 1, seed: 3 })[0]!, 'FIFO')
    const use = kvUseByReplica(tl, info)
    expect(use.reduce((k, u) => k + u.t0.length, 0)).toBe(tl.serving.usedBlocks.length)
  })
})
