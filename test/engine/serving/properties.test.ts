import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ServingListener } from '../../../src/engine/serving/listener.ts'
import { runServing } from '../../../src/engine/serving/run.ts'
import type { Scenario } from '../../../src/engine/types.ts'
import { BUILT_IN_POLICIES } from '../../../src/engine/policies/registry.ts'
import { servingScenarioArb as scenarioArb } from '../../helpers/serving-arbitraries.ts'
import { fastExpect } from '../../helpers/fast-expect.ts'

const POLICY_NAMES = BUILT_IN_POLICIES.map((p) => p.name)

/** Rebuilds each request's place, c and blocks from the events, and checks them at every iteration. */
function checker(scenario: Scenario, blocksOf: (replica: number) => number) {
  const { blockSize: bs, maxNumSeqs, maxBatchedTokens } = scenario.serving as Required<NonNullable<typeof scenario.serving>>
  const n = scenario.tasks.length
  const place: string[] = new Array<string>(n).fill('pending')
  const c = new Float64Array(n)
  const pending: { t1: number; requests: number[]; tokens: number[] }[] = []
  const recomputed = new Float64Array(n)
  const settle = (t: number) => {
    for (let i = pending.length - 1; i >= 0; i--) {
      const it = pending[i]!
      if (it.t1 > t) continue
      it.requests.forEach((r, k) => (c[r] = c[r]! + it.tokens[k]!))
      pending.splice(i, 1)
    }
  }
  const running = (replica: number) => place.flatMap((p, r) => (p === `running ${replica}` ? [r] : []))
  const listener: ServingListener = {
    arrived(r, t) {
      settle(t)
      fastExpect(place[r]).toBe('pending')
      place[r] = 'queued'
    },
    rejected(r) {
      fastExpect(place[r]).toBe('pending')
      place[r] = 'rejected'
    },
    admitted(r, replica, t) {
      settle(t)
      fastExpect(place[r]).toBe('queued')
      place[r] = `running ${replica}`
      fastExpect(running(replica).length).toBeLessThanOrEqual(maxNumSeqs)
    },
    preempted(r, replica, t) {
      settle(t)
      fastExpect(place[r]).toBe(`running ${replica}`)
      place[r] = 'queued'
      recomputed[r] = recomputed[r]! + c[r]!
      c[r] = 0
    },
    iteration(replica, t0, t1, requests, tokens, computed, used) {
      settle(t0)
      const batch = Array.from(requests)
      const sum = Array.from(tokens).reduce((a, b) => a + b, 0)
      fastExpect(sum).toBeLessThanOrEqual(maxBatchedTokens)
      fastExpect(batch.length).toBeLessThanOrEqual(maxNumSeqs)
      fastExpect(t1).toBeGreaterThan(t0)
      let held = 0
      for (const r of running(replica)) {
        const k = batch.indexOf(r)
        if (k >= 0) fastExpect(computed[k]).toBe(c[r])
        held += Math.ceil((c[r]! + (k >= 0 ? tokens[k]! : 0)) / bs)
      }
      for (const r of batch) fastExpect(place[r]).toBe(`running ${replica}`)
      fastExpect(used).toBe(held)
      fastExpect(used).toBeLessThanOrEqual(blocksOf(replica))
      pending.push({ t1, requests: batch, tokens: Array.from(tokens) })
    },
    finished(r, replica, t) {
      settle(t)
      fastExpect(place[r]).toBe(`running ${replica}`)
      place[r] = 'finished'
    },
    ended() {},
  }
  return { listener, place, recomputed }
}

describe('serving invariants over random scenarios', () => {
  it('blocks, places, batch limits, tokens computed, first token <= finish, determinism', () => {
    fc.assert(
      fc.property(scenarioArb, fc.constantFrom(...POLICY_NAMES), (scenario, policy) => {
        const plain = runServing(scenario, policy)
        const blocks = plain.replicas.map((r) => r.blocks)
        const { listener, place, recomputed } = checker(scenario, (i) => blocks[i]!)
        const watched = runServing(scenario, policy, { listener })
        // Listening changes nothing; two runs give the same numbers.
        fastExpect(watched.metrics).toEqual(plain.metrics)
        fastExpect(watched.requests).toEqual(plain.requests)
        fastExpect(runServing(scenario, policy).requests).toEqual(plain.requests)
        let preemptions = 0
        for (const r of plain.requests) {
          const spec = scenario.tasks[r.index]!
          preemptions += r.preemptions
          const wanted = r.status === 'completed' ? 'finished' : r.status === 'rejected' ? 'rejected' : undefined
          if (wanted !== undefined) fastExpect(place[r.index]).toBe(wanted)
          else fastExpect(['pending', 'queued']).toContain(place[r.index]!.replace(/running \d+/, 'queued'))
          if (r.status === 'completed') {
            fastExpect(r.firstTokenS!).toBeLessThanOrEqual(r.completionS!)
            fastExpect(r.computedTokens).toBe(spec.inputTokens! + spec.outputTokens! - 1 + recomputed[r.index]!)
          }
        }
        fastExpect(plain.metrics.preemption_count).toBe(preemptions)
        const m = plain.metrics
        expect(m.completed_count + m.unfinished_count + m.rejected_count).toBe(m.total_count)
      }),
      { numRuns: 300 },
    )
  })
})
