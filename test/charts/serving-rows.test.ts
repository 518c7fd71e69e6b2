import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createIterationBinner, fillIteration, ITERATION_COLORS, iterationBar } from '../../src/charts/gantt-iterations.ts'
import { drawRowMarks, requestRowMarks, rowsInView } from '../../src/charts/request-rows.ts'
import { createTimeScale } from '../../src/charts/time-scale.ts'
import { SERVING_KINDS, WAITING } from '../../src/engine/segments.ts'
import type { GanttContext } from '../../src/charts/gantt-scene.ts'

/** A context that records its fills as [colour, x, y, w, h]. */
function recorder() {
  const fills: [string, number, number, number, number][] = []
  const ctx = {
    fillStyle: '',
    fillRect(x: number, y: number, w: number, h: number) {
      fills.push([String(this.fillStyle), x, y, w, h])
    },
  }
  return { ctx: ctx as unknown as GanttContext, fills }
}

describe('an iteration’s bar: batch size as height, prompt and decode tokens as fill', () => {
  it('splits a full batch by its tokens: preemption.json iteration 2 (batch 3 of 3, 126 prefill, 2 decode) on an 18 px row', () => {
    // 18 × 126 / 128 = 17.71875 px of prefill at the bottom, 18 × 2 / 128 = 0.28125 px of decode on top.
    expect(iterationBar(0, 18, 3, 3, 126, 0, 2)).toEqual([
      { kind: 'prefill', y: 0.28125, h: 17.71875 },
      { kind: 'decode', y: 0, h: 0.28125 },
    ])
  })

  it('draws a smaller batch shorter, standing on the rows’ bottom', () => {
    // Batch 2 of 3 on rows 10–28: 12 px tall, from 16 to 28, all decode.
    expect(iterationBar(10, 18, 2, 3, 0, 0, 2)).toEqual([{ kind: 'decode', y: 16, h: 12 }])
    // The squeeze's iteration 17: C prefills 8, B recomputes 17 (of 25 tokens): 5.76 px and 12.24 px.
    const [pre, re] = iterationBar(0, 18, 2, 2, 8, 17, 0)
    expect(pre).toEqual({ kind: 'prefill', y: 18 - 5.76, h: 5.76 })
    expect(re!.kind).toBe('recompute')
    expect(re!.h).toBeCloseTo(12.24, 12)
    expect(re!.y).toBeCloseTo(0, 12)
    // A batch of 1 against 256 would be 0.07 px: it is drawn 2 px tall.
    expect(iterationBar(0, 18, 1, 256, 0, 0, 1)).toEqual([{ kind: 'decode', y: 16, h: 2 }])
  })

  it('gathers iterations narrower than a pixel per column: the largest batch, the tokens of all', () => {
    const { ctx, fills } = recorder()
    const binner = createIterationBinner(4)
    // Two iterations in column 10 of row 0 (batches 1 and 3), one in column 11; cap 3, rows 0–18.
    binner.add(ctx, 0, 0, 18, 10.2, 1, 3, 0, 0, 1)
    binner.add(ctx, 0, 0, 18, 10.6, 3, 3, 6, 0, 2)
    expect(fills).toEqual([])
    binner.add(ctx, 0, 0, 18, 11.3, 2, 3, 0, 0, 2)
    // Column 10: batch 3 (18 px), 6 prefill of 9 tokens (12 px) under 3 decode (6 px).
    expect(fills).toEqual([
      ['#e8843c', 10, 6, 1, 12],
      ['#4c78a8', 10, 0, 1, 6],
    ])
    binner.flush(ctx)
    expect(fills.slice(2)).toEqual([['#4c78a8', 11, 6, 1, 12]])
    binner.flush(ctx)
    expect(fills).toHaveLength(3)
  })

  it('fills exactly the parts iterationBar gives, in its order, for any batch and token mix', () => {
    const tokens = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4096 }), fc.double({ min: 0.5, max: 1e4, noNaN: true }))
    fc.assert(
      fc.property(fc.double({ min: -50, max: 2000, noNaN: true }), fc.double({ min: 0, max: 300, noNaN: true }), fc.integer({ min: 0, max: 512 }), fc.integer({ min: 0, max: 512 }), tokens, tokens, tokens, (top, height, batch, cap, prefill, recompute, decode) => {
        const { ctx, fills } = recorder()
        fillIteration(ctx, 3.5, 2.25, top, height, batch, cap, prefill, recompute, decode)
        const parts = iterationBar(top, height, batch, cap, prefill, recompute, decode)
        expect(fills).toEqual(parts.map((p) => [ITERATION_COLORS[p.kind], 3.5, p.y, 2.25, p.h]))
      }),
      { numRuns: 500 },
    )
  })
})

describe('a request’s row', () => {
  // The squeeze's B (test/helpers/serving.ts): prefill, preempted at A's first token, recompute
  // after A finishes, then decode. Times from the engine's run.
  const first = 0.02886566705671642
  const aDone = 0.490716317038806
  const recomputed = 0.519581982758209
  const bDone = 0.9525669721791046
  const bars = [
    { kind: WAITING, t0: 0, t1: 0 },
    { kind: SERVING_KINDS.prefill, t0: 0, t1: first },
    { kind: SERVING_KINDS.preempted, t0: first, t1: aDone },
    { kind: SERVING_KINDS.recompute, t0: aDone, t1: recomputed },
    { kind: SERVING_KINDS.decode, t0: recomputed, t1: bDone },
  ]
  const chunks = [
    { t0: 0, t1: first, tokens: 16, kind: 0 as const },
    { t0: aDone, t1: recomputed, tokens: 17, kind: 2 as const },
  ]
  // 0–2 s over 2000 px: 1,000 px a second.
  const scale = createTimeScale(0, 2, 2000)

  it('places each stretch and the markers on the time scale, the empty wait left out', () => {
    expect(requestRowMarks(bars, chunks, first, bDone, scale, Infinity, Infinity)).toEqual({
      spans: [
        { kind: SERVING_KINDS.prefill, x0: 0, x1: first * 1000 },
        { kind: SERVING_KINDS.preempted, x0: first * 1000, x1: aDone * 1000 },
        { kind: SERVING_KINDS.recompute, x0: aDone * 1000, x1: recomputed * 1000 },
        { kind: SERVING_KINDS.decode, x0: recomputed * 1000, x1: bDone * 1000 },
      ],
      // The two chunks are apart (the preemption between): no edge.
      chunkEdges: [],
      firstTokenX: first * 1000,
      finishX: bDone * 1000,
    })
  })

  it('shows nothing past the cursor, and an open stretch up to what is known', () => {
    const marks = requestRowMarks(bars, chunks, first, bDone, scale, Infinity, 0.2)
    expect(marks.spans).toEqual([
      { kind: SERVING_KINDS.prefill, x0: 0, x1: first * 1000 },
      { kind: SERVING_KINDS.preempted, x0: first * 1000, x1: 200 },
    ])
    expect([marks.firstTokenX, marks.finishX]).toEqual([first * 1000, null])
    const open = requestRowMarks([{ kind: SERVING_KINDS.decode, t0: 0.5, t1: NaN }], [], NaN, NaN, scale, 0.75, Infinity)
    expect(open).toEqual({ spans: [{ kind: SERVING_KINDS.decode, x0: 500, x1: 750 }], chunkEdges: [], firstTokenX: null, finishX: null })
  })

  it('marks the edge between prompt chunks back to back (preemption.json C: 128 then 72 tokens)', () => {
    const c = [
      { t0: 2.786374579868657, t1: 2.8142355457671644, tokens: 128, kind: 0 as const },
      { t0: 2.8142355457671644, t1: 2.8420992504835825, tokens: 72, kind: 0 as const },
    ]
    expect(requestRowMarks([], c, NaN, NaN, createTimeScale(2.7, 2.9, 200), Infinity, Infinity).chunkEdges).toEqual([(2.8142355457671644 - 2.7) * (200 / (2.9 - 2.7))])
  })

  it('draws thin bars for waiting, full ones for work, a diamond and a bar for first token and finish', () => {
    const fills: [string, number, number, number, number][] = []
    const ctx = { fillStyle: '', globalAlpha: 1, fillRect(x: number, y: number, w: number, h: number) { fills.push([String(this.fillStyle), x, y, w, h]) } }
    drawRowMarks(ctx as never, { spans: [{ kind: WAITING, x0: 10, x1: 30 }, { kind: SERVING_KINDS.decode, x0: 30, x1: 50 }], chunkEdges: [], firstTokenX: null, finishX: 50 }, 100, 14, 400)
    expect(fills).toEqual([
      ['#9ca3af', 110, 19, 20, 4],
      ['#4c78a8', 130, 16, 20, 10],
      ['#111827', 149, 15, 2, 12],
    ])
  })

  it('draws only the rows in view', () => {
    expect(rowsInView(10_000, 140, 224)).toEqual([10, 26])
    expect(rowsInView(10_000, 140 + 7, 224)).toEqual([10, 27])
    expect(rowsInView(6, 0, 224)).toEqual([0, 6])
    expect(rowsInView(10_000, 14 * 10_000, 224)).toEqual([10_000, 10_000])
  })
})
