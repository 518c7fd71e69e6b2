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
  it('asks once per array and size, and gives each buffer made to the first array of its size to ask', async () => {
    const { asks, make } = scriptedMaker()
    let ready = 0
    const { take } = zeroedPool(make, () => (ready += 1))
    const a = new Int32Array(4)
    const b = new Int32Array(4)
    expect(take(a, 32)).toBeUndefined()
    expect(take(a, 32)).toBeUndefined()
    expect(take(b, 32)).toBeUndefined()
    // One ask an array, however often it asks before the buffer comes.
    expect(asks.map((x) => x.bytes)).toEqual([32, 32])
    await asks[0]!.give()
    expect(ready).toBe(1)
    // The first buffer goes to whoever asks first: b here (a was widened some other way, say).
    const got = take(b, 32)
    expect(got?.byteLength).toBe(32)
    expect(take(a, 32)).toBeUndefined()
    expect(asks).toHaveLength(2)
    await asks[1]!.give()
    expect(take(a, 32)?.byteLength).toBe(32)
    expect(ready).toBe(2)
    // Another size is another ask, even of the same array.
    expect(take(a, 64)).toBeUndefined()
    expect(asks.map((x) => x.bytes)).toEqual([32, 32, 64])
  })

  it('has two buffers made at a time, the rest waiting in order, and drops what waits when cleared', async () => {
    const { asks, make } = scriptedMaker()
    let ready = 0
    const { take, clear } = zeroedPool(make, () => (ready += 1))
    const arrays = Array.from({ length: 5 }, () => new Float64Array(2))
    arrays.forEach((x, i) => expect(take(x, 16 << i)).toBeUndefined())
    expect(asks.map((x) => x.bytes)).toEqual([16, 32])
    await asks[0]!.give()
    // One made, the next in line asked.
    expect(asks.map((x) => x.bytes)).toEqual([16, 32, 64])
    expect(take(arrays[0]!, 16)?.byteLength).toBe(16)
    clear()
    // What was made for the run that ended is let go, and what waited is not made.
    await asks[1]!.give()
    await asks[2]!.give()
    expect(ready).toBe(1)
    expect(asks).toHaveLength(3)
    expect(take(arrays[1]!, 32)).toBeUndefined()
    expect(asks.map((x) => x.bytes)).toEqual([16, 32, 64, 32])
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
