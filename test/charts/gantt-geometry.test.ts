import { describe, expect, it } from 'vitest'
import { barRects, rowRuns } from '../../src/charts/gantt-geometry.ts'
import { layoutRows } from '../../src/charts/gantt-layout.ts'
import { presetNodes } from './gantt-fixtures.ts'

const layout = layoutRows(presetNodes('h100_16gpu'), 18, 8)

function runs(gpus: number[]): number[][] {
  const out = new Int32Array(3 * gpus.length)
  const n = rowRuns(layout, gpus, out)
  return Array.from({ length: n }, (_, r) => [out[2 * r]!, out[2 * r + 1]!])
}

describe('bar geometry', () => {
  it('cuts a GPU set into runs of adjacent rows, whatever the order', () => {
    expect(runs([5, 4, 0, 1])).toEqual([
      [0, 2],
      [4, 2],
    ])
    expect(runs([3])).toEqual([[3, 1]])
    expect(runs([8, 9, 10, 11, 12, 13, 14, 15])).toEqual([[8, 8]])
  })

  it('never lets a run cross into the next node', () => {
    expect(runs([6, 7, 8])).toEqual([
      [6, 2],
      [8, 1],
    ])
  })

  it('draws a TP group on GPUs 0, 1, 4, 5 as two rects, inset 1.5 px in 18 px rows', () => {
    expect(barRects(layout, [0, 1, 4, 5], 10, 50)).toEqual([
      { x: 10, y: 1.5, w: 40, h: 33 },
      { x: 10, y: 73.5, w: 40, h: 33 },
    ])
  })

  it('spans the rows of one node, below the gap', () => {
    expect(barRects(layout, [9, 10, 11, 12], 0, 5)).toEqual([{ x: 0, y: 171.5, w: 5, h: 69 }])
  })
})
