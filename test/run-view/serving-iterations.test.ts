import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { growMixAhead, iterationMix, type IterationMix } from '../../src/run-view/serving-iterations.ts'
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

  it('reads the same when its columns are widened ahead of need between batches, within the budget', () => {
    fc.assert(
      fc.property(servingScenarioArb, fc.constantFrom('FIFO', 'WSRPT'), fc.constantFrom(1, 4), fc.integer({ min: 1, max: 600 }), (scenario, policy, every, budget) =>
        eachStreamedBatch(scenario, policy, every, (streamed, fresh) => {
          const mix = iterationMix(streamed)
          const room = (m: IterationMix) => [m.batch.data.length, m.prefill.data.length, m.decode.data.length, m.recompute.data.length]
          const before = room(mix)
          const left = growMixAhead(streamed, budget)
          const after = room(mix)
          // Each column keeps its room or doubles it, and only when over half of it is in use;
          // the bytes allocated are what the budget lost, and a column is widened only while
          // some budget is left.
          const bytes = after.reduce((sum, n, c) => sum + (n === before[c] ? 0 : n * (c === 0 ? 4 : 8)), 0)
          after.forEach((n, c) => expect(n === before[c] || (n === 2 * before[c]! && 2 * mix.batch.length > before[c]!)).toBe(true))
          expect(left).toBe(budget - bytes)
          const widened = after.map((n, c) => n !== before[c])
          const lastWidened = widened.lastIndexOf(true)
          if (lastWidened >= 0) expect(budget - (bytes - after[lastWidened]! * (lastWidened === 0 ? 4 : 8))).toBeGreaterThan(0)
          expect(columns(mix)).toEqual(columns(iterationMix(fresh)))
        }),
      ),
      { numRuns: 20 },
    )
  })
})
