import { describe, expect, it } from 'vitest'
import { expectEqual, fastExpect } from '../helpers/fast-expect.ts'

describe('fastExpect and expectEqual, the property tests’ fast matchers', () => {
  it('pass what toEqual passes, strict or not, and fail with its diff otherwise', () => {
    expectEqual({ a: [1, 2, { b: NaN }], c: new Float64Array([0.5]) }, { a: [1, 2, { b: NaN }], c: new Float64Array([0.5]) })
    // Equal to toEqual, though not strictly: an undefined key, a class instance.
    expectEqual<object>({ a: 1, b: undefined }, { a: 1 })
    expectEqual<object>(new (class Point { x = 1 })(), { x: 1 })
    expect(() => expectEqual({ a: [1, 2] }, { a: [1, 3] })).toThrow(/expected .* to deeply equal/)
    expect(() => expectEqual([1], [2], 'step 4')).toThrow('step 4')
  })

  it('pass and fail as expect does, with its messages', () => {
    const cases: [string, () => void, () => void][] = [
      ['toBe', () => fastExpect(NaN).toBe(NaN), () => fastExpect(0).toBe(-0)],
      ['toBeLessThan', () => fastExpect(1).toBeLessThan(2), () => fastExpect(2).toBeLessThan(2)],
      ['toBeLessThanOrEqual', () => fastExpect(2).toBeLessThanOrEqual(2), () => fastExpect(NaN).toBeLessThanOrEqual(2)],
      ['toBeGreaterThan', () => fastExpect(3).toBeGreaterThan(2), () => fastExpect(2).toBeGreaterThan(2)],
      ['toBeGreaterThanOrEqual', () => fastExpect(2).toBeGreaterThanOrEqual(2), () => fastExpect(1).toBeGreaterThanOrEqual(2)],
      ['toContain', () => fastExpect(['a', 'b']).toContain('b'), () => fastExpect(['a']).toContain('b')],
      ['toContain', () => fastExpect('running 3').toContain('running'), () => fastExpect('queued').toContain('running')],
      ['toHaveLength', () => fastExpect([1, 2]).toHaveLength(2), () => fastExpect([1]).toHaveLength(2)],
    ]
    for (const [name, pass, fail] of cases) {
      expect(pass, name).not.toThrow()
      expect(fail, name).toThrow(/expected/)
    }
    expect(() => fastExpect(5, 'replica 1').toBeLessThanOrEqual(4)).toThrow('replica 1: expected 5 to be less than or equal to 4')
  })
})
