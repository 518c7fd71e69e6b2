import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { GrowableInt32 } from '../../src/engine/growable.ts'
import { closeSegment, createTrack, growAhead, openSegment, type SegmentTrack } from '../../src/run-view/track.ts'

/** Everything a track holds, up to its length. */
function state(t: SegmentTrack) {
  const n = t.length
  const cols = [t.item, t.stepOpen, t.stepClose, t.t0, t.t1, t.resOffset, t.resCount].map((c) => Array.from(c.subarray(0, n)))
  return { n, cols, resources: Array.from(t.resources.data.subarray(0, t.resources.length)), maxLengthS: t.maxLengthS, maxSteps: t.maxSteps }
}

const columnsOf = (t: SegmentTrack) => [t.stepOpen, t.stepClose, t.t0, t.t1, t.resOffset, t.resCount, t.item]

describe('growing a track ahead of need', () => {
  it('widens one column at a time within the budget, item last, once over half the room is used', () => {
    const t = createTrack('iteration', 16)
    const gpus = Int32Array.of(3)
    for (let s = 0; s < 8; s++) openSegment(t, s, s, s, s + 1, gpus, 0, 1)
    // Half full: nothing to do yet.
    expect(growAhead(t, 1000)).toBe(1000)
    openSegment(t, 8, 8, 8, 9, gpus, 0, 1)
    // A budget of 1 byte still widens one column: stepOpen, 32 Int32 = 128 bytes.
    expect(growAhead(t, 1)).toBe(-127)
    expect(columnsOf(t).map((c) => c.length)).toEqual([32, 16, 16, 16, 16, 16, 16])
    // The rest: stepClose 128, t0 and t1 256 each, resOffset 128, resCount 32, item 128 bytes;
    // the resources (9 of room for 32) are not over half full.
    expect(growAhead(t, 10_000)).toBe(10_000 - 928)
    expect(columnsOf(t).map((c) => c.length)).toEqual([32, 32, 32, 32, 32, 32, 32])
    expect(t.resources.data.length).toBe(32)
    expect(Array.from(t.t0.subarray(0, 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 0])
  })

  it('leaves every segment as appending into room made at the start does, over random appends, closes and budgets, memory ready or not', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('open' as const), resources: fc.integer({ min: 0, max: 3 }), length: fc.integer({ min: 0, max: 50 }) }),
      fc.record({ kind: fc.constant('close' as const), back: fc.nat(), steps: fc.integer({ min: 1, max: 9 }) }),
      // Widened in fresh memory here (null), or in memory taken elsewhere: which of the columns
      // asking find theirs made (one flag an ask, in turn).
      fc.record({ kind: fc.constant('ahead' as const), budget: fc.integer({ min: 1, max: 400 }), ready: fc.option(fc.array(fc.boolean(), { minLength: 1, maxLength: 8 })) }),
    )
    fc.assert(
      fc.property(fc.array(op, { minLength: 50, maxLength: 300, size: 'max' }), (ops) => {
        // Room for every segment from the start: never grows.
        const plain = createTrack('iteration', 512)
        const ahead = createTrack('iteration', 16)
        const gpus = Int32Array.of(1, 2, 3)
        for (const o of ops) {
          if (o.kind === 'ahead') {
            const ready = o.ready
            let ask = 0
            growAhead(ahead, o.budget, ready === null ? undefined : (_owner, bytes) => (ready[ask++ % ready.length] ? new ArrayBuffer(bytes) : undefined))
            // The room for segments is the shortest column's: never ahead of a column waiting for memory.
            expect(Math.min(...columnsOf(ahead).map((c) => c.length))).toBe(ahead.item.length)
            continue
          }
          for (const t of [plain, ahead]) {
            const s = t.length
            if (o.kind === 'open') openSegment(t, s % 7, s, s, s + o.length / 10, gpus, 0, o.resources)
            else if (s > 0) closeSegment(t, s - 1 - (o.back % s), s + o.steps, s + o.steps / 10)
          }
        }
        expect(state(ahead)).toEqual(state(plain))
      }),
    )
  })

  it('waits with the room for segments while another column has no memory ready', () => {
    const t = createTrack('iteration', 16)
    const gpus = Int32Array.of(3)
    for (let s = 0; s < 9; s++) openSegment(t, s, s, s, s + 1, gpus, 0, 1)
    // Only t0 (the third column asking) finds none.
    let ask = 0
    expect(growAhead(t, 10_000, (_o, bytes) => (ask++ === 2 ? undefined : new ArrayBuffer(bytes)))).toBe(10_000 - 672)
    expect(columnsOf(t).map((c) => c.length)).toEqual([32, 32, 16, 32, 32, 32, 16])
    expect(growAhead(t, 10_000, (_o, bytes) => new ArrayBuffer(bytes))).toBe(10_000 - 384)
    expect(columnsOf(t).map((c) => c.length)).toEqual([32, 32, 32, 32, 32, 32, 32])
    expect(Array.from(t.t0.subarray(0, 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 0])
  })

  it('grows a list to twice its room only when over half of it is in use', () => {
    const g = new GrowableInt32(4)
    g.push(1)
    g.push(2)
    expect(g.growAhead()).toBe(0)
    g.push(3)
    expect(g.growAhead()).toBe(32)
    expect(Array.from(g.data)).toEqual([1, 2, 3, 0, 0, 0, 0, 0])
    expect(g.length).toBe(3)
  })
})
