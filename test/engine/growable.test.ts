import { describe, expect, it } from 'vitest'
import { GrowableInt32 } from '../../src/engine/growable.ts'

describe('GrowableInt32', () => {
  it('appends in one copy, growing by doubling, and keeps what it held', () => {
    const g = new GrowableInt32(4)
    g.push(7)
    g.append(Int32Array.from([1, 2, 3]))
    expect(g.data.length).toBe(4)
    g.append(Int32Array.from([4, 5, 6, 8, 9, 10]))
    // 10 values: 4 → 8 → 16.
    expect(g.data.length).toBe(16)
    expect(Array.from(g.toArray())).toEqual([7, 1, 2, 3, 4, 5, 6, 8, 9, 10])
    g.reserve(6)
    expect(g.data.length).toBe(16)
    g.reserve(7)
    expect(g.data.length).toBe(32)
    expect(Array.from(g.toArray())).toEqual([7, 1, 2, 3, 4, 5, 6, 8, 9, 10])
    g.append(new Int32Array(0))
    expect(g.length).toBe(10)
  })
})
