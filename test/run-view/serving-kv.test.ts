import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { drawGantt } from '../../src/charts/gantt-draw.ts'
import { layoutRows } from '../../src/charts/gantt-layout.ts'
import { ganttTracks } from '../../src/charts/gantt-tracks.ts'
import { drawKvGrid, kvCellColor, kvGridLayout } from '../../src/charts/kv-grid.ts'
import { kvUseColumns } from '../../src/charts/kv-use.ts'
import { createTimeScale } from '../../src/charts/time-scale.ts'
import { iterationBatch } from '../../src/components/serving-batch.ts'
import { SERVING_KINDS } from '../../src/engine/segments.ts'
import { replicaAt } from '../../src/run-view/serving.ts'
import { FREE_BLOCK, HELD_OUTSIDE_BATCH, kvBlockRuns, kvUseByReplica, preemptionTimes } from '../../src/run-view/serving-kv.ts'
import { trackOf } from '../../src/run-view/timeline.ts'
import { RecordingContext } from '../charts/gantt-fixtures.ts'
import { servingScenarioArb } from '../helpers/serving-arbitraries.ts'
import { kvRows, recordServing, squeeze, squeezeFirstS as first, squeezeSecondS as second } from '../helpers/serving.ts'

// The squeeze (test/helpers/serving.ts): one replica of 3 blocks of 16 tokens. A and B prefill
// 16 tokens each (1 block each); at A's first decode (16 + 1 tokens: 2 blocks) B is preempted.
const dtS = first / 10
const { tl, info, scenario, result } = (() => {
  const s = squeeze(dtS)
  return { ...recordServing(s, 'FIFO'), scenario: s }
})()

describe('the KV cache of a serving run at a step', () => {
  it('gives each block its owner: A and B one block each in the first iteration, A two after B’s preemption', () => {
    const run = (owner: number, blocks: number) => ({ owner, blocks })
    expect(kvBlockRuns(replicaAt(tl, info, 0, 5), info.blockSize)).toEqual([run(0, 1), run(1, 1), run(FREE_BLOCK, 1)])
    expect(kvBlockRuns(replicaAt(tl, info, 0, 11), info.blockSize)).toEqual([run(0, 2), run(FREE_BLOCK, 1)])
    // Idle after the last finish: every block free.
    expect(kvBlockRuns(replicaAt(tl, info, 0, Math.ceil(result.endS / dtS) + 1), info.blockSize)).toEqual([run(FREE_BLOCK, 3)])
  })

  it('counts blocks held by running requests left out of the batch', () => {
    const rs = { segment: 0, t0: 0, t1: 1, requests: [4], tokens: [8], kinds: [0], computed: [16], usedBlocks: 5, freeBlocks: 1 }
    // 4 holds ceil(24 / 16) = 2; 3 more are held by requests outside this batch.
    expect(kvBlockRuns(rs, 16)).toEqual([
      { owner: 4, blocks: 2 },
      { owner: HELD_OUTSIDE_BATCH, blocks: 3 },
      { owner: FREE_BLOCK, blocks: 1 },
    ])
  })

  it('never gives the batch more blocks than the replica holds, over random runs', () => {
    fc.assert(
      fc.property(servingScenarioArb, fc.constantFrom('FIFO', 'SRPT', 'WSRPT'), (s, policy) => {
        const run = recordServing(s, policy)
        const track = trackOf(run.tl, SERVING_KINDS.iteration)
        for (let k = 0; track !== undefined && k < track.length; k++) {
          const r = track.item[k]! - run.tl.taskCount
          const rs = replicaAt(run.tl, run.info, r, track.stepOpen[k]!)
          if (rs.segment !== k) continue
          const runs = kvBlockRuns(rs, run.info.blockSize)
          expect(runs.reduce((n, x) => n + x.blocks, 0)).toBe(run.info.replicas[r]!.blocks)
          // The batch's blocks fit in what the engine says is used.
          expect(runs.filter((x) => x.owner >= 0).reduce((n, x) => n + x.blocks, 0)).toBeLessThanOrEqual(rs.usedBlocks)
        }
      }),
      { numRuns: 40 },
    )
  })

  it('lays out and draws the grid, one rectangle per block when cells are large', () => {
    // 3 blocks in 220 × 110 px: 18 px cells (the cap), 12 a row, one row.
    const layout = kvGridLayout(3, 220, 110)
    expect(layout).toEqual({ cellPx: 18, blocksPerCell: 1, cols: 12, rows: 1, heightPx: 18 })
    // 26,675 blocks (a Llama3-8B replica on an H100) in 220 × 110 (24,200 px): 2 blocks a 1 px cell, 13,338 cells, 61 rows.
    expect(kvGridLayout(26_675, 220, 110)).toEqual({ cellPx: 1, blocksPerCell: 2, cols: 220, rows: 61, heightPx: 61 })
    const ctx = new RecordingContext()
    drawKvGrid(ctx as unknown as CanvasRenderingContext2D, [{ owner: 0, blocks: 2 }, { owner: FREE_BLOCK, blocks: 1 }], layout, 220)
    const rects = ctx.calls.filter((c) => c.op === 'fillRect').map((c) => [c.fillStyle, ...c.args])
    expect(rects).toEqual([
      [kvCellColor(0), 0, 0, 17, 17],
      [kvCellColor(0), 18, 0, 17, 17],
      [kvCellColor(FREE_BLOCK), 36, 0, 17, 17],
    ])
  })

  it('draws a large replica as one rectangle per run of an owner in a row', () => {
    const layout = kvGridLayout(500, 100, 100) // 4 px cells: 25 a row, 20 rows
    expect(layout.cellPx).toBe(4)
    const owners = [{ owner: 7, blocks: 30 }, { owner: FREE_BLOCK, blocks: 470 }]
    const big = kvGridLayout(500, 40, 40) // 1 px cells: no gaps, runs merged
    expect(big.cellPx).toBe(1)
    const ctx = new RecordingContext()
    drawKvGrid(ctx as unknown as CanvasRenderingContext2D, owners, big, 40)
    const rects = ctx.calls.filter((c) => c.op === 'fillRect').map((c) => [c.fillStyle, ...c.args])
    // 40 a row: request 7 fills x 0..29 of row 0, free the rest of row 0 and rows 1..12 (500 = 12 × 40 + 20).
    expect(rects[0]).toEqual([kvCellColor(7), 0, 0, 30, 1])
    expect(rects[1]).toEqual([kvCellColor(FREE_BLOCK), 30, 0, 10, 1])
    expect(rects).toHaveLength(2 + 12)
  })

  it('keeps each replica’s KV use over time, and the preemptions', () => {
    const [use] = kvUseByReplica(tl, info)
    const rows = kvRows(use!)
    // First iteration: 2 blocks (A and B's prefills); second: 2 (A's 17 tokens) after B was preempted.
    expect(rows.t0.slice(0, 2)).toEqual([0, first])
    expect(rows.used.slice(0, 2)).toEqual([2, 2])
    expect(Math.abs(rows.t1[1]! - (first + second))).toBeLessThan(1e-15)
    expect(preemptionTimes(tl, 1)).toEqual([[first]])
    // Over [0, 2 × first] in 2 columns: each column's peak share, 2 of 3.
    expect(Array.from(kvUseColumns(use!, 3, 2 * first, 2))).toEqual([2 / 3, 2 / 3].map(Math.fround))
  })
})

describe('a serving run on the Gantt', () => {
  it('draws each replica’s iterations on its GPUs, coloured as the replica’s item', () => {
    const layout = layoutRows([{ first: 0, count: 8, gpu: 'H100' }], 18, 8)
    const colors = [...scenario.tasks.map(() => '#111111'), '#5b7db1']
    const ctx = new RecordingContext()
    drawGantt(ctx, {
      layout,
      tracks: ganttTracks(tl),
      knownS: Infinity,
      colors,
      labels: [...scenario.tasks.map((t) => t.id), 'replica 0'],
      scale: createTimeScale(0, result.endS, 400),
      cursorStep: Math.ceil(result.endS / dtS),
      cursorS: result.endS,
      future: 'hidden',
    })
    // Only iterations hold GPUs: every bar is the replica's colour, on GPU 0's row.
    const bars = ctx.rectsIn(colors)
    expect(bars.length).toBeGreaterThan(0)
    expect(new Set(bars.map((b) => b.fillStyle))).toEqual(new Set(['#5b7db1']))
  })

  it('tells an iteration’s batch on hover: requests, tokens by kind, KV blocks', () => {
    expect(iterationBatch(tl, info, 0, 0, scenario.tasks)).toEqual({
      replica: 0,
      model: 'Tiny',
      tp: 1,
      entries: [
        { id: 'A', tokens: 16, kind: 0 },
        { id: 'B', tokens: 16, kind: 0 },
      ],
      prefillTokens: 32,
      decodeTokens: 0,
      recomputeTokens: 0,
      usedBlocks: 2,
      blocks: 3,
    })
    expect(iterationBatch(tl, info, 0, 1, scenario.tasks)).toMatchObject({ entries: [{ id: 'A', tokens: 1, kind: 1 }], prefillTokens: 0, decodeTokens: 1 })
  })
})
