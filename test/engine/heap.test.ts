import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { IndexHeap, KeyedHeap } from '../../src/engine/heap.ts'
import { arrivalOrder } from '../../src/engine/sim-task.ts'

describe('KeyedHeap', () => {
  it('pops ids by primary key, then secondary, through growth and interleaved pushes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ key: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom(Infinity, -Infinity)), tie: fc.integer({ min: 0, max: 3 }) }), { maxLength: 200 }),
        fc.array(fc.boolean(), { maxLength: 400 }),
        (items, popAt) => {
          const primary = Float64Array.from(items, (x) => x.key)
          const secondary = Int32Array.from(items, (x) => x.tie)
          const heap = new KeyedHeap(primary, secondary, 1)
          const model: number[] = []
          const byKey = (a: number, b: number) => primary[a]! - primary[b]! || secondary[a]! - secondary[b]!
          let next = 0
          for (const pop of popAt) {
            if (pop && model.length > 0) {
              const got = heap.pop()
              model.sort((a, b) => (primary[a] === primary[b] ? secondary[a]! - secondary[b]! : primary[a]! < primary[b]! ? -1 : 1))
              // Ids with equal keys are interchangeable: compare the keys popped.
              expect([primary[got], secondary[got]]).toEqual([primary[model[0]!], secondary[model[0]!]])
              model.splice(model.indexOf(got), 1)
            } else if (next < items.length) {
              heap.push(next)
              model.push(next++)
            }
            expect(heap.size).toBe(model.length)
          }
          const rest: number[] = []
          while (heap.size > 0) rest.push(heap.pop())
          expect(heap.pop()).toBe(-1)
          expect(rest.map((i) => [primary[i], secondary[i]])).toEqual(
            [...model].sort((a, b) => (primary[a] === primary[b] ? byKey(a, b) : primary[a]! < primary[b]! ? -1 : 1)).map((i) => [primary[i], secondary[i]]),
          )
        },
      ),
    )
  })

  it('keeps the lower id first among equal keys when the secondary key is the id', () => {
    const primary = Float64Array.from([2, 1, 2, 1, 0])
    const heap = new KeyedHeap(primary, Int32Array.from([0, 1, 2, 3, 4]))
    for (const i of [2, 0, 3, 1, 4]) heap.push(i)
    expect([heap.pop(), heap.pop(), heap.pop(), heap.pop(), heap.pop()]).toEqual([4, 1, 3, 0, 2])
  })
})

describe('IndexHeap', () => {
  it('pops in the order of its comparator', () => {
    const heap = new IndexHeap((a, b) => a > b)
    for (const i of [3, 9, 1, 7]) heap.push(i)
    expect([heap.pop(), heap.pop(), heap.pop(), heap.pop(), heap.pop()]).toEqual([9, 7, 3, 1, -1])
  })
})

describe('arrivalOrder', () => {
  it('sorts by arrival with ties in input order, whether or not the input is sorted', () => {
    const at = (xs: number[]) => xs.map((arrivalS) => ({ arrivalS }) as never)
    expect(Array.from(arrivalOrder(at([0, 0.5, 0.5, 2])))).toEqual([0, 1, 2, 3])
    expect(Array.from(arrivalOrder(at([2, 0.5, 0, 0.5])))).toEqual([2, 1, 3, 0])
    expect(Array.from(arrivalOrder(at([])))).toEqual([])
  })
})
