import { describe, expect, it } from 'vitest'
import { fifo } from '../../src/engine/policies/fifo.ts'
import { createPolicyRegistry, policies } from '../../src/engine/policies/registry.ts'
import { runSimulation } from '../../src/engine/simulation.ts'
import { prefill, scenario } from '../helpers/scenario.ts'

// Three tasks of 4, 2 and 3 s on one GPU, all at t = 0, weights 1, 2, 3.
const tasks = [prefill('A', 4, { weight: 1 }), prefill('B', 2, { weight: 2 }), prefill('C', 3, { weight: 3 })]

const table: { algorithm: string; completions: number[] }[] = [
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
    const t = { order: 0, arrival: 0.5, weight: 4, remaining: 2, ratioRemaining: 2, tokens: 2000, remainingTokens: 2000, model: 'Qwen3', tp: 1, waited: 0, now: 0.5 }
    expect(policies.names()).toEqual(['FIFO', 'WeightedFIFO', 'SRPT', 'WSRPT'])
    expect(['FIFO', 'WeightedFIFO', 'SRPT', 'WSRPT'].map((n) => policies.get(n).key(t))).toEqual([0.5, 4, 2, 2])
    expect(policies.get('WSRPT').key({ ...t, ratioRemaining: 0 })).toBe(Infinity)
  })

  it('compare is total: equal keys fall back to queue order, infinite keys included', () => {
    const w = policies.get('WSRPT')
    const a = { order: 3, arrival: 0, weight: 1, remaining: 0, ratioRemaining: 0, tokens: 0, remainingTokens: 0, model: 'Qwen3', tp: 1, waited: 0, now: 0 }
    const b = { ...a, order: 5 }
    expect(w.compare(a, b)).toBeLessThan(0)
    expect(w.compare(b, a)).toBeGreaterThan(0)
    expect(w.compare(a, a)).toBe(0)
  })

  it('the registry refuses duplicates and unknown names', () => {
    expect(() => createPolicyRegistry([fifo, fifo])).toThrow(/registered twice/)
    expect(() => policies.get('LIFO')).toThrow(/unknown algorithm 'LIFO'/)
  })

  it('registration returns a disposer; names, colours and reasons come from the entries', () => {
    const registry = createPolicyRegistry([fifo])
    const seen: number[] = []
    const stop = registry.subscribe(() => seen.push(registry.version))
    const edf = registry.register({ name: 'EDF', label: 'Earliest deadline', keyLabel: 'deadline (s)', summary: 'Arrival plus a budget.', higherFirst: false, staticKey: true, key: (t) => t.arrival + 0.001 * t.tokens })
    expect(registry.names()).toEqual(['FIFO', 'EDF'])
    const p = registry.get('EDF')
    // No colour given: the first spare one; no reason given: the generic sentence.
    expect([p.color, p.reason]).toEqual(['#2563eb', 'deadline (s) {key}, lowest in queue'])
    expect(registry.get('FIFO').color).toBe('#6b7280')
    expect(() => registry.register({ ...fifo })).toThrow(/registered twice/)
    expect(() => registry.register({ ...fifo, name: 'two words' })).toThrow(/policy name 'two words'/)
    expect(() => registry.register({ ...fifo, name: 'A,B' })).toThrow(/policy name 'A,B'/)
    edf.dispose()
    edf.dispose()
    expect(registry.names()).toEqual(['FIFO'])
    expect(() => registry.get('EDF')).toThrow(/unknown algorithm 'EDF' \(known: FIFO\)/)
    stop()
    registry.register({ ...fifo, name: 'FIFO2' })
    expect(seen).toEqual([2, 3])
  })
})
