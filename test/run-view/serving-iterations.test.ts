import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { iterationMix, type IterationMix } from '../../src/run-view/serving-iterations.ts'
import { servingScenarioArb } from '../helpers/serving-arbitraries.ts'
import { eachStreamedBatch } from '../helpers/serving.ts'

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
      fc.property(servingScenarioArb, fc.constantFrom('FIFO', 'SRPT', 'WSRPT'), fc.constantFrom(1, 4, 30), (scenario, policy, every) =>
        eachStreamedBatch(scenario, policy, every, (streamed, fresh) => {
          const mix = iterationMix(streamed)
          expect(mix.batch.length).toBe(streamed.serving.entryCount.length)
          expect(columns(mix)).toEqual(columns(iterationMix(fresh)))
        }),
      ),
      { numRuns: 30 },
    )
  })
})
