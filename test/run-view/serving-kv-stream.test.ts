import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { kvUseByReplica, preemptionTimes } from '../../src/run-view/serving-kv.ts'
import { servingScenarioArb } from '../helpers/serving-arbitraries.ts'
import { eachStreamedBatch, kvRows, recordServing, runInfo } from '../helpers/serving.ts'
import { fastExpect } from '../helpers/fast-expect.ts'

describe('KV use and preemptions read as a run streams in', () => {
  it('equal, after every batch, what a read of the same batches from scratch gives', () => {
    fc.assert(
      fc.property(servingScenarioArb, fc.constantFrom('FIFO', 'SRPT', 'WSRPT'), fc.constantFrom(1, 4, 30), (scenario, policy, every) =>
        // The streamed timeline is read after every batch (its indexes extended); the other,
        // fed the same batches, is read from scratch each time (a fresh copy of its columns).
        eachStreamedBatch(scenario, policy, every, (streamed, fresh, prepared) => {
          const info = runInfo(prepared)
          fastExpect(kvUseByReplica(streamed, info).map(kvRows)).toEqual(kvUseByReplica(fresh, info).map(kvRows))
          fastExpect(preemptionTimes(streamed, info.replicas.length)).toEqual(preemptionTimes(fresh, info.replicas.length))
        }),
      ),
      { numRuns: 30 },
    )
  })

  it('read once at the end, give each replica one entry per iteration', () => {
    const { tl, info } = recordServing(fc.sample(servingScenarioArb, { numRuns: 1, seed: 3 })[0]!, 'FIFO')
    const use = kvUseByReplica(tl, info)
    expect(use.reduce((k, u) => k + u.positions.length, 0)).toBe(tl.serving.usedBlocks.length)
  })
})
