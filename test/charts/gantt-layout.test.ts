import { describe, expect, it } from 'vitest'
import { focusRowPx, layoutRows, multipleRowPx, rowAt } from '../../src/charts/gantt-layout.ts'
import { presetNodes } from './gantt-fixtures.ts'

describe('layoutRows', () => {
  it('stacks h100_16gpu as two nodes of eight 18 px rows, 8 px apart', () => {
    const layout = layoutRows(presetNodes('h100_16gpu'), 18, 8)
    expect(Array.from(layout.rowTop)).toEqual([0, 18, 36, 54, 72, 90, 108, 126, 152, 170, 188, 206, 224, 242, 260, 278])
    expect(Array.from(layout.nodeOf)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1])
    expect(layout.heightPx).toBe(296)
    expect(layout.nodes).toEqual([
      { index: 0, label: 'Node 0 · H100 SXM 80 GB', gpu: 'H100 SXM 80 GB', first: 0, count: 8, topPx: 0, heightPx: 144 },
      { index: 1, label: 'Node 1 · H100 SXM 80 GB', gpu: 'H100 SXM 80 GB', first: 8, count: 8, topPx: 152, heightPx: 144 },
    ])
  })

  it('labels each node of a mixed cluster with its own GPU type', () => {
    const layout = layoutRows(presetNodes('mixed_8gpu'), 10, 4)
    expect(layout.nodes.map((n) => [n.label, n.topPx, n.heightPx])).toEqual([
      ['Node 0 · H100 SXM 80 GB', 0, 40],
      ['Node 1 · A100 SXM 80 GB', 44, 20],
      ['Node 2 · A30 24 GB', 68, 20],
    ])
    expect(layout.heightPx).toBe(88)
  })

  it('finds the GPU row under a y position, and nothing in the gap between nodes', () => {
    const layout = layoutRows(presetNodes('h100_16gpu'), 18, 8)
    expect([0, 17.9, 18, 143.9, 144, 151.9, 152, 295.9, 296, -1].map((y) => rowAt(layout, y))).toEqual([0, 0, 1, 7, -1, -1, 8, 15, -1, -1])
  })

  it('sizes rows: 18 px up to 16 GPUs, shrinking to 5 px; small multiples 2–8 px', () => {
    expect([8, 16, 32, 64, 4096].map(focusRowPx)).toEqual([18, 18, 10, 5, 5])
    expect([8, 16, 32, 64].map(multipleRowPx)).toEqual([8, 6, 3, 2])
  })
})
