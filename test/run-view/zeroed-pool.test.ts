import { describe, expect, it } from 'vitest'
import { GrowableFloat64 } from '../../src/engine/growable.ts'
import { zeroedPool } from '../../src/run-view/zeroed-pool.ts'
import { touchedZeroes } from '../../src/worker/zeroed-client.ts'

/** A maker whose buffers come only when the test says so. */
function scriptedMaker() {
  const asks: { bytes: number; give: () => Promise<void> }[] = []
  const make = (bytes: number) =>
    new Promise<ArrayBuffer>((resolve) => {
      asks.push({ bytes, give: async () => { resolve(new ArrayBuffer(bytes)); await Promise.resolve() } })
    })
  return { asks, make }
}

describe('the pool of zeroed memory made elsewhere', () => {
  it('asks once per array, answers with the buffer made for it, then asks anew for its next size', async () => {
    const { asks, make } = scriptedMaker()
    let ready = 0
    const take = zeroedPool(make, () => (ready += 1))
    const a = new Int32Array(4)
    const b = new Int32Array(4)
    expect(take(a, 32)).toBeUndefined()
    expect(take(a, 32)).toBeUndefined()
    expect(take(b, 32)).toBeUndefined()
    // One ask an array, however often it asks before the buffer comes.
    expect(asks.map((x) => x.bytes)).toEqual([32, 32])
    await asks[1]!.give()
    expect(ready).toBe(1)
    // b's buffer is b's: a still waits for its own.
    expect(take(a, 32)).toBeUndefined()
    const got = take(b, 32)
    expect(got?.byteLength).toBe(32)
    expect(take(b, 32)).toBeUndefined()
    expect(asks).toHaveLength(3)
    await asks[0]!.give()
    expect(take(a, 32)?.byteLength).toBe(32)
    expect(ready).toBe(2)
  })

  it('hands out no buffer of a size the array no longer wants', async () => {
    const { asks, make } = scriptedMaker()
    let ready = 0
    const take = zeroedPool(make, () => (ready += 1))
    const a = new Float64Array(2)
    expect(take(a, 32)).toBeUndefined()
    expect(take(a, 64)).toBeUndefined()
    expect(asks.map((x) => x.bytes)).toEqual([32, 64])
    await asks[0]!.give()
    // The 32 bytes came too late: neither kept nor announced.
    expect(ready).toBe(0)
    expect(take(a, 64)).toBeUndefined()
    await asks[1]!.give()
    expect(ready).toBe(1)
    expect(take(a, 32)).toBeUndefined()
    // Asking for 32 again dropped the 64: a new ask.
    expect(asks.map((x) => x.bytes)).toEqual([32, 64, 32])
  })

  it('widens a list into the buffer taken, keeping its values, and not while none is ready', () => {
    const g = new GrowableFloat64(4)
    for (const x of [1.5, 2.5, 3.5]) g.push(x)
    expect(g.growAhead(() => undefined)).toBe(0)
    expect(g.data.length).toBe(4)
    const made = touchedZeroes(64)
    let asked: [object, number] | undefined
    expect(g.growAhead((owner, bytes) => ((asked = [owner, bytes]), made))).toBe(64)
    expect(g.data.buffer).toBe(made)
    expect(Array.from(g.data)).toEqual([1.5, 2.5, 3.5, 0, 0, 0, 0, 0])
    expect(g.length).toBe(3)
    // The array that asked was the one it moved out of, for twice its bytes.
    expect(asked![1]).toBe(64)
    expect(asked![0]).not.toBe(g.data)
  })

  it('makes zeroed buffers of the size asked', () => {
    for (const bytes of [8, 4096, 12_288, 1 << 20]) {
      const b = new Uint8Array(touchedZeroes(bytes))
      expect(b.length).toBe(bytes)
      expect(b.every((x) => x === 0)).toBe(true)
    }
  })
})
