import { describe, expect, it } from 'vitest'
import { createRowMerger } from '../../src/charts/gantt-merge.ts'

function fills(adds: [number, number, number, string][], rows = 2): [number, number, number, string][] {
  const merger = createRowMerger(rows)
  for (const [row, x0, x1, color] of adds) merger.add(row, x0, x1, color)
  const out: [number, number, number, string][] = []
  merger.flush((x, row, w, color) => out.push([Number(x.toFixed(6)), row, Number(w.toFixed(6)), color]))
  return out
}

describe('merging bars narrower than a pixel', () => {
  it('joins touching slivers of one colour into one fill', () => {
    expect(
      fills([
        [0, 10.1, 10.3, 'a'],
        [0, 10.6, 10.9, 'a'],
        [0, 11.5, 11.8, 'a'],
      ]),
    ).toEqual([[10.1, 0, 1.7, 'a']])
  })

  it('joins other colours only inside the same pixel column, and keeps rows apart', () => {
    expect(
      fills([
        [0, 10.1, 10.3, 'a'],
        [0, 10.4, 10.6, 'b'], // same pixel as the pending span: merged
        [0, 12.5, 12.6, 'b'], // next pixel, other colour: a new fill
        [1, 5, 5.5, 'a'],
        [0, 20, 20.2, 'b'], // apart: a new fill
      ]),
    ).toEqual([
      [10.1, 0, 1, 'a'],
      [5, 1, 1, 'a'],
      [12.5, 0, 1, 'b'],
      [20, 0, 1, 'b'],
    ])
  })

  it('flushes in parts of at most `limit` fills, the same fills in the same order', () => {
    const adds: [number, number, number, string][] = Array.from({ length: 40 }, (_, i) => [i % 3, 2 * i, 2 * i + 0.5, i % 4 === 0 ? 'a' : 'b'])
    const once = fills(adds, 3)
    expect(once).toHaveLength(40)
    const merger = createRowMerger(3)
    for (const [row, x0, x1, color] of adds) merger.add(row, x0, x1, color)
    const out: [number, number, number, string][] = []
    const calls: number[] = []
    let done = false
    while (!done) {
      const before = out.length
      done = merger.flush((x, row, w, color) => out.push([Number(x.toFixed(6)), row, Number(w.toFixed(6)), color]), 7)
      calls.push(out.length - before)
    }
    expect(calls).toEqual([7, 7, 7, 7, 7, 5])
    expect(out).toEqual(once)
    // Empty afterwards.
    expect(merger.flush(() => out.push([0, 0, 0, 'x']))).toBe(true)
    expect(out).toHaveLength(40)
  })

  it('is empty again after a flush', () => {
    const merger = createRowMerger(1)
    merger.add(0, 1, 1.2, 'a')
    merger.flush(() => {})
    const out: number[] = []
    merger.flush((x) => out.push(x))
    expect(out).toEqual([])
  })
})
