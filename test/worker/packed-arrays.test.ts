import { describe, expect, it } from 'vitest'
import { distinctBuffers, packArrays } from '../../src/worker/packed-arrays.ts'

describe('packArrays', () => {
  it('copies each array, of its own kind, into one buffer at multiples of 8 bytes', () => {
    const ints = new Int32Array([1, -2, 3])
    const bytes = new Uint8Array([7, 8, 9, 10, 11])
    const floats = new Float64Array([0.5, NaN, -Infinity])
    const [a, b, c, d] = packArrays([ints, bytes, floats, new Int32Array(0)] as const)
    expect(a).toBeInstanceOf(Int32Array)
    expect(b).toBeInstanceOf(Uint8Array)
    expect(c).toBeInstanceOf(Float64Array)
    expect(Array.from(a)).toEqual([1, -2, 3])
    expect(Array.from(b)).toEqual([7, 8, 9, 10, 11])
    expect(Array.from(c)).toEqual([0.5, NaN, -Infinity])
    expect(d.length).toBe(0)
    // 12 bytes → 16, 5 → 8, then the floats: 16 + 8 + 24.
    expect([a.byteOffset, b.byteOffset, c.byteOffset, d.byteOffset]).toEqual([0, 16, 24, 48])
    expect(a.buffer.byteLength).toBe(48)
    expect(new Set([a.buffer, b.buffer, c.buffer, d.buffer]).size).toBe(1)
    // Copies: the sources are not shared.
    ints[0] = 99
    expect(a[0]).toBe(1)
  })

  it('lists each buffer once, so that a transfer list may hold it', () => {
    const [a, b] = packArrays([new Int32Array([1]), new Float64Array([2])] as const)
    const apart = new Int32Array([3])
    const buffers = distinctBuffers([a, b, apart, a])
    expect(buffers).toEqual([a.buffer, apart.buffer])
    const moved = structuredClone({ a, b, apart }, { transfer: buffers })
    expect([Array.from(moved.a), Array.from(moved.b), Array.from(moved.apart)]).toEqual([[1], [2], [3]])
    expect(a.buffer.byteLength).toBe(0)
  })
})
