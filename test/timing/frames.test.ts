import { describe, expect, it } from 'vitest'
import { duringAnimationFrame, inAnimationFrame } from '../../src/timing/scheduler.ts'

describe('animation frame phase', () => {
  it('is set only while a frame callback runs, nested or throwing', () => {
    expect(inAnimationFrame()).toBe(false)
    const seen: boolean[] = []
    duringAnimationFrame(() => {
      seen.push(inAnimationFrame())
      duringAnimationFrame(() => seen.push(inAnimationFrame()))
      seen.push(inAnimationFrame())
    })
    expect(seen).toEqual([true, true, true])
    expect(inAnimationFrame()).toBe(false)
    expect(() =>
      duringAnimationFrame(() => {
        throw new Error('a view failed')
      }),
    ).toThrow('a view failed')
    expect(inAnimationFrame()).toBe(false)
  })
})
