import { describe, expect, it } from 'vitest'
import { fifo } from '../../src/engine/policies/fifo.ts'
import { createPolicyRegistry, policies } from '../../src/engine/policies/registry.ts'
import { runSimulation } from '../../src/engine/simulation.ts'
import type { PolicyName } from '../../src/engine/types.ts'
import { prefill, scenario } from '../helpers/scenario.ts'

// Three tasks of 4, 2 and 3 s on one GPU, all at t = 0, weights 1, 2, 3.
const tasks = [prefill('A', 4, { weight: 1 }), prefill('B', 2, { weight: 2 }), prefill('C', 3, { weight: 3 })]

const table: { algorithm: PolicyName; completions: number[] }[] = [
  { algorithm: 'FIFO', completions: [4, 6, 9] },
  { algorithm: 'SRPT', completions: [9, 2, 5] },
  { algorithm: 'WeightedFIFO', completions: [9, 5, 3] },
  // weight / remaining: 0.25, 1, 1; B and C tie, B is earlier in the queue.
  { algorithm: 'WSRPT', completions: [9, 2, 5] },
]

describe('policies on one GPU', () => {
  for (const { algorithm, completions } of table) {
    it(`${algorithm} completes A, B, C at ${completions.join(', ')}`, () => {
      const r = runSimulation(scenario(tasks, { cluster: 'h100:1', maxTimeS: Infinity }), algorithm)
      expect(r.tasks.map((t) => t.completionS)).toEqual(completions)
    })
  }

  it('keys are what the queue panel shows', () => {
    const t = { order: 0, arrivalS: 0.5, weight: 4, remainingS: 2, ratioRemainingS: 2 }
    expect(policies.names()).toEqual(['FIFO', 'WeightedFIFO', 'SRPT', 'WSRPT'])
    expect(['FIFO', 'WeightedFIFO', 'SRPT', 'WSRPT'].map((n) => policies.get(n).key(t))).toEqual([0.5, 4, 2, 2])
    expect(policies.get('WSRPT').key({ ...t, ratioRemainingS: 0 })).toBe(Infinity)
  })

  it('compare is total: equal keys fall back to queue order, infinite keys included', () => {
    const w = policies.get('WSRPT')
    const a = { order: 3, arrivalS: 0, weight: 1, remainingS: 0, ratioRemainingS: 0 }
    const b = { ...a, order: 5 }
    expect(w.compare(a, b)).toBeLessThan(0)
    expect(w.compare(b, a)).toBeGreaterThan(0)
    expect(w.compare(a, a)).toBe(0)
  })

  it('the registry refuses duplicates and unknown names', () => {
    expect(() => createPolicyRegistry([fifo, fifo])).toThrow(/registered twice/)
    expect(() => policies.get('LIFO')).toThrow(/unknown algorithm 'LIFO'/)
  })
})
