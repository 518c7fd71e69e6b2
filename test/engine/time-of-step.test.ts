import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createClock, timeOfStep } from '../../src/engine/clock.ts'
import { timeAt, windowEndS } from '../../src/run-view/time.ts'

describe('time of a step', () => {
  it('is k × dt on the exact clock', () => {
    expect([0, 3, 11, 300].map((k) => timeOfStep('exact', 0.01, k))).toEqual([0, 0.03, 0.11, 3])
    expect(timeOfStep('exact', 0.1, 3)).toBe(0.30000000000000004)
  })

  it('is the float sum of dt on the reference clock, as its loop counted it', () => {
    // The reference's arrival at 0.1 s is seen at 0.10999999999999999 (README "Two modes").
    expect(timeOfStep('reference', 0.01, 11)).toBe(0.10999999999999999)
    expect(timeOfStep('reference', 0.01, 300)).toBe(2.99999999999998)
    fc.assert(
      fc.property(fc.constantFrom(0.01, 0.05, 0.1, 0.25, 0.003), fc.integer({ min: 0, max: 3000 }), (dt, n) => {
        const clock = createClock('reference', dt, Infinity)
        for (let k = 0; k < n; k++) clock.next()
        expect(timeOfStep('reference', dt, n)).toBe(clock.timeS)
      }),
      { numRuns: 60, seed: 3 },
    )
  })

  it('is what the page shows: the scenario mode picks the clock; a window ends on a round time', () => {
    expect(timeAt({ mode: 'reference', dtS: 0.01 }, 11)).toBe(0.10999999999999999)
    expect(timeAt({ mode: 'exact', dtS: 0.01 }, 11)).toBe(0.11)
    expect(windowEndS({ mode: 'reference', dtS: 0.01 }, 300)).toBe(3)
    expect(windowEndS({ mode: 'exact', dtS: 0.1 }, 3)).toBe(0.3)
  })
})
