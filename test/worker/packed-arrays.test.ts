import { describe, expect, it } from 'vitest'
import { distinctBuffers, packArrays, SpareBuffers } from '../../src/worker/packed-arrays.ts'

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

describe('SpareBuffers', () => {
  it('gives the smallest buffer large enough, once, and packs into it', () => {
    const spare = new SpareBuffers()
    const [small, mid, big] = [new ArrayBuffer(16), new ArrayBuffer(64), new ArrayBuffer(256)]
    spare.offer([big, small, mid, new ArrayBuffer(0), mid])
    expect(spare.size).toBe(3)
    const [a, b] = packArrays([new Int32Array([1, 2, 3]), new Float64Array([4, 5])] as const, spare)
    // 16 + 16 bytes: the 64-byte buffer, not the 256 one.
    expect(a.buffer).toBe(mid)
    expect(b.buffer).toBe(mid)
    expect([Array.from(a), Array.from(b)]).toEqual([[1, 2, 3], [4, 5]])
    expect(spare.take(64)).toBe(big)
    expect(spare.take(17)).toBeUndefined()
    expect(spare.take(16)).toBe(small)
    expect(spare.size).toBe(0)
    // None large enough: fresh memory.
    const [c] = packArrays([new Int32Array(100)] as const, spare)
    expect(c.buffer.byteLength).toBe(400)
  })

  it('keeps at most its limit, letting the smallest go', () => {
    const spare = new SpareBuffers(2)
    spare.offer([new ArrayBuffer(8), new ArrayBuffer(32), new ArrayBuffer(16)])
    expect(spare.size).toBe(2)
    expect(spare.take(1)!.byteLength).toBe(16)
    expect(spare.take(1)!.byteLength).toBe(32)
  })
})
