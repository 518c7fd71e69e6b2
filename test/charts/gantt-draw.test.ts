import { describe, expect, it } from 'vitest'
import { FUTURE_ALPHA, drawCursor, drawGantt, labelTail } from '../../src/charts/gantt-draw.ts'
import { hitTest, taskRects } from '../../src/charts/gantt-hit.ts'
import type { GanttScene } from '../../src/charts/gantt-scene.ts'
import { layoutRows } from '../../src/charts/gantt-layout.ts'
import { createTimeScale } from '../../src/charts/time-scale.ts'
import { ganttTracks } from '../../src/charts/gantt-tracks.ts'
import { presetNodes, RecordingContext, timelineOf, type PlacedTask } from './gantt-fixtures.ts'

// h100_16gpu, 18 px rows: GPU g's row starts at 18 g (node 0) or 152 + 18 (g − 8) (node 1).
const layout = layoutRows(presetNodes('h100_16gpu'), 18, 8)
// dt = 0.1 s. In start order:
const tasks: PlacedTask[] = [
  { startStep: 0, startS: 0, finishS: 2, gpus: [0, 1], endStep: 20 }, // A: TP 2
  { startStep: 5, startS: 0.5, finishS: 4, gpus: [8] }, // C: running at the cursor
  { startStep: 10, startS: 1, finishS: 3, gpus: [2, 3, 6, 7] }, // B: TP 4 on two row runs
  { startStep: 30, startS: 3, finishS: 3.5, gpus: [9] }, // D: after the cursor
]
const COLORS = ['#08306b', '#4292c6', '#9ecae1', '#2171b5']
const LABELS = ['A', 'C', 'B', 'D']

/** 0–4 s over 400 px (100 px/s), the cursor at step 25 = 2.5 s (x = 250). */
function scene(overrides: Partial<GanttScene> = {}): GanttScene {
  return {
    layout,
    tracks: ganttTracks(timelineOf(tasks, 16)),
    knownS: Infinity,
    colors: COLORS,
    labels: LABELS,
    scale: createTimeScale(0, 4, 400),
    cursorStep: 25,
    cursorS: 2.5,
    future: 'hidden',
    ...overrides,
  }
}

const rect = (c: { args: readonly (number | string)[]; fillStyle: string }) => [c.fillStyle, ...c.args]

describe('drawGantt', () => {
  it('draws each started task as one fill per row run, up to the cursor, in its colour', () => {
    const ctx = new RecordingContext()
    const stats = drawGantt(ctx, scene())
    expect(ctx.rectsIn(COLORS).map(rect)).toEqual([
      // A ends at 2 s: 0–200 px less a pixel of air before the next bar.
      ['#08306b', 0, 1.5, 199, 33],
      // C runs on: it grows up to the cursor (250 px).
      ['#4292c6', 50, 153.5, 199, 15],
      // B on GPUs 2, 3, 6, 7: two rects, cut at the cursor.
      ['#9ecae1', 100, 37.5, 149, 33],
      ['#9ecae1', 100, 109.5, 149, 33],
    ])
    // D starts after the cursor: hidden.
    expect(stats).toEqual({ bars: 4, merged: 0, labels: 3 })
  })

  it('shows tasks that have just started, wider than the cursor drawn over them', () => {
    // At step 0 the queue says A runs; its bar is 8 px from the cursor (7 with the air), not a
    // zero-width sliver (0 s to 0 s) under the cursor's 1.5 px line.
    const ctx = new RecordingContext()
    drawGantt(ctx, scene({ cursorStep: 0, cursorS: 0 }))
    expect(ctx.rectsIn(COLORS).map(rect)).toEqual([['#08306b', 0, 1.5, 7, 33]])
    // C starts at 0.5 s (50 px): at the cursor, drawn from 50 to 57 px.
    const c = new RecordingContext()
    drawGantt(c, scene({ cursorStep: 5, cursorS: 0.5 }))
    expect(c.rectsIn(['#4292c6']).map(rect)).toEqual([['#4292c6', 50, 153.5, 7, 15]])
  })

  it('labels bars where the id fits, in the text colour for the bar', () => {
    const ctx = new RecordingContext()
    drawGantt(ctx, scene())
    expect(ctx.texts().map((c) => [c.args[0], c.args[1], c.args[2], c.fillStyle, c.font.split(' ')[1]])).toEqual([
      ['A', 4, 18, '#ffffff', '12px'],
      ['C', 54, 161, '#ffffff', '11px'],
      ['B', 104, 54, '#111827', '12px'],
    ])
  })

  it('draws no labels in small multiples, nor where the id does not fit', () => {
    const small = new RecordingContext()
    drawGantt(small, scene({ labels: null }))
    expect(small.texts()).toEqual([])
    const long = new RecordingContext()
    // 30 characters × 7 px = 210 px: wider than every bar.
    drawGantt(long, scene({ labels: LABELS.map((l) => l.repeat(30)) }))
    expect(long.texts()).toEqual([])
  })

  it("labels a bar too narrow for its id with the id's distinguishing tail", () => {
    // 0–16 s over 400 px (25 px/s), text 7 px a character: A (0–2 s) is 50 px (49 with the
    // air, room 41 px): "T_high_10" (63 px) does not fit, "…10" (21 px) does. C runs from
    // 0.5 s to the cursor at 4 s (87.5 px): its whole id fits. B (1–3 s) is like A. D (3–3.5 s,
    // 12.5 px, room 3.5 px) is too narrow even for a tail.
    const ids = ['T_high_10', 'T_high_11', 'T_high_12', 'T_high_13']
    const ctx = new RecordingContext()
    drawGantt(ctx, scene({ labels: ids, scale: createTimeScale(0, 16, 400), cursorStep: 40, cursorS: 4 }))
    expect(ctx.texts().map((c) => [c.args[0], c.args[1]])).toEqual([
      ['…10', 4],
      ['T_high_11', 16.5],
      ['…12', 29],
    ])
    expect(['T_high_10', 'T51', 'req-abc', 'batch.7', 'AAAA', 'x'].map(labelTail)).toEqual(['…10', '…51', '…abc', '…7', null, null])
  })

  it('shows the future dimmed when asked: clipped right of the cursor, at low alpha', () => {
    const ctx = new RecordingContext()
    drawGantt(ctx, scene({ future: 'dimmed' }))
    const bars = ctx.rectsIn(COLORS)
    const future = bars.filter((c) => c.alpha === FUTURE_ALPHA)
    const past = bars.filter((c) => c.alpha === 1)
    // Everything reaching past the cursor, whole, in the clip right of it: C, B (two rects), D.
    expect(future.map(rect)).toEqual([
      ['#4292c6', 50, 153.5, 349, 15],
      ['#9ecae1', 100, 37.5, 199, 33],
      ['#9ecae1', 100, 109.5, 199, 33],
      ['#2171b5', 300, 171.5, 49, 15],
    ])
    expect(new Set(future.map((c) => c.clip?.join()))).toEqual(new Set(['250,0,150,296']))
    // The past pass draws the started tasks whole too, clipped left of the cursor.
    expect(past.map((c) => c.args[0])).toEqual([0, 50, 100, 100])
    expect(new Set(past.map((c) => c.clip?.join()))).toEqual(new Set(['0,0,250,296']))
  })

  it('visits only tasks overlapping the window', () => {
    const ctx = new RecordingContext()
    // 2.5–4 s: A (ended at 2) is off screen; C and B started before the window and reach into it.
    drawGantt(ctx, scene({ scale: createTimeScale(2.5, 4, 300), future: 'dimmed', cursorStep: 40, cursorS: 4 }))
    expect(ctx.rectsIn(['#08306b'])).toEqual([])
    expect(ctx.rectsIn(COLORS).map((c) => [c.fillStyle, c.args[0]])).toEqual([
      ['#4292c6', -1],
      ['#9ecae1', -1],
      ['#9ecae1', -1],
      ['#2171b5', 100],
    ])
    // Labels of bars starting before the window stay at its left edge.
    expect(ctx.texts().map((c) => [c.args[0], c.args[1]])).toEqual([
      ['C', 4],
      ['B', 4],
      ['D', 104],
    ])
  })

  it('merges bars narrower than a pixel into one fill per row run', () => {
    // 1,000 tasks of 1 ms back to back on GPU 10, then one long bar: 0.1 px each at 100 px/s.
    const slivers: PlacedTask[] = Array.from({ length: 1000 }, (_, k) => ({ startStep: k, startS: k / 1000, finishS: (k + 1) / 1000, gpus: [10], endStep: k + 1 }))
    const tracks = ganttTracks(timelineOf(slivers, 16))
    const same = new RecordingContext()
    const stats = drawGantt(same, scene({ tracks, colors: slivers.map(() => '#2171b5'), labels: null, cursorStep: 4000, cursorS: 4 }))
    expect(stats).toEqual({ bars: 0, merged: 1, labels: 0 })
    expect(same.rectsIn(['#2171b5']).map(rect)).toEqual([['#2171b5', 0, 189.5, 100, 15]])

    // Two colours, one after the other: one fill each.
    const halves = new RecordingContext()
    drawGantt(halves, scene({ tracks, colors: slivers.map((_, k) => (k < 500 ? '#2171b5' : '#9ecae1')), labels: null, cursorStep: 4000, cursorS: 4 }))
    expect(halves.rectsIn(['#2171b5', '#9ecae1']).map((c) => [c.fillStyle, Math.round(c.args[0] as number), Math.round(c.args[2] as number)])).toEqual([
      ['#2171b5', 0, 50],
      ['#9ecae1', 50, 50],
    ])

    // Two colours alternating: at most one fill per pixel column (100 columns).
    const mixed = new RecordingContext()
    const two = drawGantt(mixed, scene({ tracks, colors: slivers.map((_, k) => (k % 2 ? '#2171b5' : '#9ecae1')), labels: null, cursorStep: 4000, cursorS: 4 }))
    expect(two.bars).toBe(0)
    expect(two.merged).toBeGreaterThan(1)
    expect(two.merged).toBeLessThanOrEqual(100)
  })
})

describe('hitTest and outlines', () => {
  it('finds the task under the pointer, on any row of its TP group', () => {
    const s = scene()
    expect(hitTest(s, 150, 20)).toBe(0) // GPU 1
    expect(hitTest(s, 150, 40)).toBe(2) // GPU 2
    expect(hitTest(s, 150, 115)).toBe(2) // GPU 6: B's second run
    expect(hitTest(s, 150, 80)).toBe(-1) // GPU 4: idle
    expect(hitTest(s, 150, 148)).toBe(-1) // the gap between the nodes
  })

  it('hits only what is shown: nothing after the cursor unless the future is dimmed', () => {
    expect(hitTest(scene(), 280, 40)).toBe(-1)
    expect(hitTest(scene(), 251, 40)).toBe(2) // within the 3 px tolerance of B's end
    expect(hitTest(scene(), 320, 175)).toBe(-1) // D not started yet
    expect(hitTest(scene({ future: 'dimmed' }), 280, 40)).toBe(2)
    expect(hitTest(scene({ future: 'dimmed' }), 320, 175)).toBe(3)
  })

  it('outlines the shown part of a task, one rect per row run', () => {
    expect(taskRects(scene(), 2)).toEqual([
      { x: 100, y: 37.5, w: 150, h: 33 },
      { x: 100, y: 109.5, w: 150, h: 33 },
    ])
    expect(taskRects(scene(), 3)).toEqual([])
    expect(taskRects(scene({ future: 'dimmed' }), 3)).toEqual([{ x: 300, y: 171.5, w: 50, h: 15 }])
  })
})

describe('drawCursor', () => {
  it('draws a 1.5 px line down the rows and a head narrowing row by row', () => {
    const ctx = new RecordingContext()
    ctx.globalAlpha = 0.3
    drawCursor(ctx, 250, 296, false)
    const rects = ctx.calls.map((c) => [c.op, ...c.args, c.fillStyle, c.alpha])
    expect(rects[0]).toEqual(['fillRect', 249.25, 0, 1.5, 296, '#111827', 1])
    // Seven rows, 12 px wide at the top, centred on the line.
    const head = ctx.calls.slice(1).map((c) => c.args)
    expect(head).toHaveLength(7)
    expect(head[0]).toEqual([244, 0, 12, 1])
    expect(head.map(([x, , w]) => Number(x) + Number(w) / 2)).toEqual(Array(7).fill(250))
    expect(head.map(([, , w]) => Number(w)).every((w, r, ws) => r === 0 || w < ws[r - 1]!)).toBe(true)
    // The small multiples' head is smaller.
    const small = new RecordingContext()
    drawCursor(small, 10, 120, true)
    expect(small.calls).toHaveLength(1 + 5)
    expect(small.calls[1]!.args).toEqual([6, 0, 8, 1])
  })
})
