import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { GrowableInt32 } from '../../src/engine/growable.ts'
import type { PolicyDefinition } from '../../src/engine/policies/policy.ts'
import { BUILT_IN_POLICIES, policies, type Registration } from '../../src/engine/policies/registry.ts'
import { createReadyQueue, HeapQueue } from '../../src/engine/ready-queue.ts'
import { ScanQueue } from '../../src/engine/scan-queue.ts'
import { prepareScenario } from '../../src/engine/sim-task.ts'
import { runSimulation } from '../../src/engine/simulation.ts'
import { scenarioArb } from '../helpers/arbitraries.ts'
import { prefill, scenario } from '../helpers/scenario.ts'

// Five tasks on h100_16gpu, all at t = 0: A (TP 8, 4 s), B (TP 1, 1 s), C (TP 8, 2 s),
// D (TP 2, 3 s), E (TP 1, 0.5 s). Capacity classes by TP: A, C → 0; B, E → 1; D → 2.
const tasks = [
  prefill('A', 4, { tp: 8 }),
  prefill('B', 1, { tp: 1 }),
  prefill('C', 2, { tp: 8 }),
  prefill('D', 3, { tp: 2 }),
  prefill('E', 0.5, { tp: 1 }),
]
const prepared = prepareScenario(scenario(tasks))

describe('ready queue (heaps of a static key)', () => {
  it('puts the tasks of each TP in a capacity class of their own', () => {
    expect(Array.from(prepared.classOf)).toEqual([0, 1, 0, 2, 1])
  })

  for (const [kind, make] of [
    ['heap', () => new HeapQueue(prepared, policies.get('SRPT'))],
    ['scan', () => new ScanQueue(prepared, policies.get('SRPT'))],
  ] as const) {
    it(`${kind}: SRPT picks by remaining time, skipping what does not fit, and says whom it passed over`, () => {
      const q = make()
      for (let i = 0; i < 5; i++) q.push(i)
      expect(q.size).toBe(5)
      // SRPT's order: E 0.5, B 1, C 2, D 3, A 4.
      const all = () => true
      expect(q.pick(all, true, 0)).toBe(4)
      // With no room for TP 8, backfill still starts E, then B, then D past C.
      const noTp8 = (c: number) => c !== 0
      expect(q.pick(noTp8, true, 0)).toBe(4)
      q.take(4)
      expect(q.pick(noTp8, true, 0)).toBe(1)
      q.take(1)
      expect(q.pick(noTp8, true, 0)).toBe(3)
      const passed = new GrowableInt32()
      q.passedOver(3, true, passed)
      // The best of each class ranked before D: C (class 0, 2 s); A is behind C in its class.
      expect(Array.from(passed.toArray())).toEqual([2])
      // Strict: the head (C) does not fit, so nothing starts; the blocker is C.
      expect(q.pick(noTp8, false, 0)).toBe(-1)
      const blocked = new GrowableInt32()
      q.passedOver(-1, false, blocked)
      expect(Array.from(blocked.toArray())).toEqual([2])
      // Backfill with nothing fitting: every class head, best first (C 2 s, D 3 s).
      expect(q.pick(() => false, true, 0)).toBe(-1)
      const none = new GrowableInt32()
      q.passedOver(-1, true, none)
      expect(Array.from(none.toArray())).toEqual([2, 3])
      q.take(2)
      expect(q.size).toBe(2)
    })
  }

  it('takes the heap queue for a static key and the scan for a moving one', () => {
    expect(createReadyQueue(prepared, policies.get('FIFO'))).toBeInstanceOf(HeapQueue)
    const reg = policies.register({ ...BUILT_IN_POLICIES[0]!, name: 'FIFOmoving', staticKey: false })
    try {
      expect(createReadyQueue(prepared, policies.get('FIFOmoving'))).toBeInstanceOf(ScanQueue)
    } finally {
      reg.dispose()
    }
  })
})

describe('scan queue', () => {
  const registered: Registration[] = []
  afterEach(() => {
    for (const r of registered.splice(0)) r.dispose()
  })

  it('gives every built-in policy, re-ranked at each pick, the results and decisions of its heaps', () => {
    for (const p of BUILT_IN_POLICIES) registered.push(policies.register({ ...p, name: `${p.name}-scan`, staticKey: false }))
    fc.assert(
      fc.property(scenarioArb, fc.constantFrom(...BUILT_IN_POLICIES.map((p) => p.name)), (s, name) => {
        const heap = runSimulation(s, name)
        const scan = runSimulation(s, `${name}-scan`)
        expect(scan.tasks).toEqual(heap.tasks)
        expect(scan.decisions).toEqual(heap.decisions)
        expect(scan.metrics).toEqual(heap.metrics)
      }),
      { numRuns: 120, seed: 31 },
    )
  })

  it('ranks a moving key at the time of each pick', () => {
    // Aging: weight grows by 1 per second waited. On one GPU, A (weight 1) holds it 0–2 s;
    // B (weight 2.5, at 0.5 s) and C (weight 3, at 1.5 s) wait. At 2 s B has waited 1.5 s (4),
    // C 0.5 s (3.5): B goes first although C is heavier.
    const aging: PolicyDefinition = {
      name: 'Aging',
      label: 'Aging',
      keyLabel: 'weight + waited',
      summary: 'Weight plus seconds waited.',
      higherFirst: true,
      staticKey: false,
      key: (t) => t.weight + t.waited,
    }
    registered.push(policies.register(aging))
    const s = scenario([prefill('A', 2, { weight: 1 }), prefill('B', 1, { weight: 2.5, arrivalS: 0.5 }), prefill('C', 1, { weight: 3, arrivalS: 1.5 })], {
      cluster: 'h100:1',
      maxTimeS: Infinity,
    })
    expect(runSimulation(s, 'Aging').tasks.map((t) => t.completionS)).toEqual([2, 3, 4])
    expect(runSimulation(s, 'WeightedFIFO').tasks.map((t) => t.completionS)).toEqual([2, 4, 3])
  })
})
