import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runSimulation } from '../../src/engine/simulation.ts'
import type { TaskSpec } from '../../src/engine/types.ts'
import { algorithmArb } from '../helpers/arbitraries.ts'
import { prefill, scenario } from '../helpers/scenario.ts'

describe('a task never starts before it arrives, whatever the clock tolerance', () => {
  it('an arrival a hair after a step starts at its arrival (tiny scale)', () => {
    // 0.3 + 1e-11 is within the tolerance of step 3 (0.30000000000000004): seen there, but
    // it started at the step's time, a queueing delay of −1e-11.
    const arrivalS = 0.3 + 1e-11
    const r = runSimulation(scenario([prefill('A', 1, { arrivalS })], { dtS: 0.1 }), 'FIFO')
    expect(r.tasks[0]).toMatchObject({ startStep: 3, startS: arrivalS, completionS: arrivalS + 1 })
    expect(r.metrics.weighted_queueing_delay).toBe(0)
    const tiny = runSimulation(scenario([prefill('B', 1, { arrivalS: 5e-324 })]), 'FIFO')
    expect(tiny.tasks[0]).toMatchObject({ startStep: 0, startS: 5e-324 })
  })

  it('no event is seen more than a thousandth of a step early at large times', () => {
    // At 5e8 s the relative tolerance was 0.5 s: with dt 1 s, an arrival at 499,999,999.3 s
    // was seen at step 499,999,999 and started 0.3 s before it arrived.
    const arrivalS = 499_999_999.3
    const r = runSimulation(scenario([prefill('A', 0.001, { arrivalS })], { dtS: 1, maxTimeS: Infinity }), 'SRPT')
    expect(r.tasks[0]).toMatchObject({ startStep: 500_000_000, startS: 500_000_000 })
    expect(r.metrics.weighted_queueing_delay).toBeCloseTo(0.7, 6)
  })

  it('holds for arrivals on, just before and just after step times, in both modes', () => {
    const offsets = [0, 1e-15, -1e-15, 1e-12, -1e-12, 1e-10, -1e-10, 4e-9, Number.MIN_VALUE]
    const taskArb = fc.record({
      k: fc.integer({ min: 0, max: 200 }),
      grid: fc.constantFrom(0.01, 0.05, 0.1, 0.3, 0.7),
      offset: fc.constantFrom(...offsets),
      tokens: fc.integer({ min: 0, max: 3000 }),
      weight: fc.constantFrom(1, 10),
    })
    fc.assert(
      fc.property(
        fc.array(taskArb, { minLength: 1, maxLength: 30 }),
        fc.constantFrom(0.01, 0.1, 0.3, 0.25),
        fc.constantFrom('exact' as const, 'reference' as const),
        algorithmArb,
        (specs, dtS, mode, algorithm) => {
          const tasks = specs.map((t, i): TaskSpec => prefill(`T${i}`, 0, { arrivalS: Math.max(0, t.k * t.grid + t.offset), tokens: t.tokens, weight: t.weight }))
          const r = runSimulation(scenario(tasks, { dtS, mode, maxTimeS: Infinity, cluster: 'h100_8gpu' }), algorithm)
          for (const t of r.tasks) if (t.startS !== null) expect(t.startS).toBeGreaterThanOrEqual(tasks[t.index]!.arrivalS)
          expect(r.metrics.weighted_queueing_delay).toBeGreaterThanOrEqual(0)
          expect(r.metrics.completed_count).toBe(tasks.length)
        },
      ),
      { numRuns: 300, seed: 18 },
    )
  })
})
