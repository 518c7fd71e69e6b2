import { describe, expect, it } from 'vitest'
import { focusRowPx, layoutGroups, layoutRows, multipleRowPx, rowAt } from '../../src/charts/gantt-layout.ts'
import { replicaGroups } from '../../src/charts/gantt-replicas.ts'
import { rowRuns } from '../../src/charts/gantt-geometry.ts'
import { presetNodes } from './gantt-fixtures.ts'

describe('layoutRows', () => {
  it('stacks h100_16gpu as two nodes of eight 18 px rows, 8 px apart', () => {
    const layout = layoutRows(presetNodes('h100_16gpu'), 18, 8)
    expect(Array.from(layout.rowTop)).toEqual([0, 18, 36, 54, 72, 90, 108, 126, 152, 170, 188, 206, 224, 242, 260, 278])
    expect(Array.from(layout.nodeOf)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1])
    expect(layout.heightPx).toBe(296)
    expect(layout.nodes).toEqual([
      { index: 0, label: 'Node 0 · H100 SXM 80 GB', name: 'Node 0', gpu: 'H100 SXM 80 GB', gpus: [0, 1, 2, 3, 4, 5, 6, 7], first: 0, count: 8, topPx: 0, heightPx: 144 },
      { index: 1, label: 'Node 1 · H100 SXM 80 GB', name: 'Node 1', gpu: 'H100 SXM 80 GB', gpus: [8, 9, 10, 11, 12, 13, 14, 15], first: 8, count: 8, topPx: 152, heightPx: 144 },
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

describe('a serving run\'s rows, grouped by replica', () => {
  // Two replicas on one node of 8: Llama (TP 2) on GPUs 4, 5 placed first, then Tiny (TP 1) on GPU 1.
  const info = { models: ['Llama', 'Tiny'], replicas: [{ model: 0, tp: 2, gpus: [5, 4], blocks: 10 }, { model: 1, tp: 1, gpus: [1], blocks: 5 }] }
  const groups = replicaGroups(info, [{ first: 0, count: 8, gpu: 'H100' }])

  it('groups the GPUs by replica in placement order, the GPUs of no replica last as "Unused"', () => {
    expect(groups).toEqual([
      { name: 'Replica 0', sub: 'Llama · TP 2', gpus: [5, 4] },
      { name: 'Replica 1', sub: 'Tiny · TP 1', gpus: [1] },
      { name: 'Unused', sub: 'no replica', gpus: [0, 2, 3, 6, 7] },
    ])
    expect(replicaGroups({ models: ['Tiny'], replicas: [{ model: 0, tp: 2, gpus: [0, 1], blocks: 1 }] }, [{ first: 0, count: 2, gpu: 'H100' }]).map((g) => g.name)).toEqual(['Replica 0'])
  })

  it('lays the groups out 10 px a row, 4 px apart, GPUs ascending inside a group', () => {
    const layout = layoutGroups(groups, 8, 10, 4)
    // Rows: 4, 5 | 1 | 0, 2, 3, 6, 7.
    expect(Array.from(layout.rowTop)).toEqual([38, 24, 48, 58, 0, 10, 68, 78])
    expect(Array.from(layout.nodeOf)).toEqual([2, 1, 2, 2, 0, 0, 2, 2])
    expect(layout.nodes.map((b) => [b.name, b.gpu, b.gpus, b.topPx, b.heightPx])).toEqual([
      ['Replica 0', 'Llama · TP 2', [4, 5], 0, 20],
      ['Replica 1', 'Tiny · TP 1', [1], 24, 10],
      ['Unused', 'no replica', [0, 2, 3, 6, 7], 38, 50],
    ])
    expect(layout.heightPx).toBe(88)
    expect([0, 15, 22, 25, 40, 87].map((y) => rowAt(layout, y))).toEqual([4, 5, -1, 1, 0, 7])
    // Replica 0's two GPUs are one run of two rows: one bar.
    const out = new Int32Array(12)
    expect(rowRuns(layout, [5, 4], out)).toBe(1)
    expect(Array.from(out.subarray(0, 2))).toEqual([4, 2])
  })
})
