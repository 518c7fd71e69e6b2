import { describe, expect, it } from 'vitest'
import { createClock, leqTol } from '../../src/engine/clock.ts'

describe('clocks', () => {
  it('exact: t = k × dt from the integer step, compared with a tolerance', () => {
    const c = createClock('exact', 0.1, 1)
    for (let i = 0; i < 3; i++) c.next()
    expect(c.step).toBe(3)
    expect(c.timeS).toBe(3 * 0.1)
    expect(c.reached(0.3)).toBe(true)
    expect(c.reached(0.3000001)).toBe(false)
    expect(c.stepReaching(0.3)).toBe(3)
    expect(c.stepReaching(0.31)).toBe(4)
  })

  it('exact: the horizon is the first step at max time; advanceTo never passes it', () => {
    const c = createClock('exact', 0.01, 5)
    c.advanceTo(4.995)
    expect(c.step).toBe(500)
    expect(c.beforeHorizon()).toBe(false)
    const d = createClock('exact', 0.01, 5)
    d.advanceTo(99)
    expect(d.step).toBe(500)
  })

  it('reference: t accumulates dt in floating point and compares exactly', () => {
    const c = createClock('reference', 0.01, 5)
    for (let i = 0; i < 10; i++) c.next()
    expect(c.timeS).toBe(0.09999999999999999)
    expect(c.reached(0.1)).toBe(false)
    c.next()
    expect(c.reached(0.1)).toBe(true)
    const d = createClock('reference', 0.01, 5)
    d.advanceTo(0.1)
    expect(d.step).toBe(11)
  })

  it('leqTol is relative for large times and absolute near zero', () => {
    expect(leqTol(1e6 + 1e-4, 1e6)).toBe(true)
    expect(leqTol(1e6 + 1e-2, 1e6)).toBe(false)
    expect(leqTol(1e-10, 0)).toBe(true)
    expect(leqTol(1e-8, 0)).toBe(false)
  })
})
