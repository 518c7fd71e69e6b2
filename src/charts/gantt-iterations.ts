// A serving replica's iterations on the Gantt: each a bar on the replica's rows whose height is
// its batch size (against the largest batch of the run, so every view shares one scale) and
// whose fill is split by the iteration's tokens: prompt (prefill, recompute) at the bottom,
// decode on top. Height, not a shade, for the batch: the fill's colours already tell the kinds
// apart, and stacked bars side by side read as an area chart of the batch over time, where
// continuous batching (the batch rising and falling) shows at any zoom; the number itself is
// written on bars wide enough for it.

import type { IterationMix } from '../run-view/serving-iterations.ts'
import type { RowMerger } from './gantt-merge.ts'
import type { GanttContext } from './gantt-scene.ts'

/** Fill colours of an iteration's tokens (the legend shows the same). */
export const ITERATION_COLORS = { prefill: '#e8843c', recompute: '#b03a2e', decode: '#4c78a8' } as const
export type TokenKind = keyof typeof ITERATION_COLORS

/** What the scene carries for a serving run. */
export interface ServingScene {
  readonly mix: IterationMix
  /** The batch drawn at full height (the largest of the run, over every algorithm). */
  readonly batchCap: number
}

/** One coloured part of an iteration's bar. */
export interface BarPart {
  readonly kind: TokenKind
  readonly y: number
  readonly h: number
}

/** The smallest bar drawn, so a batch of one still shows on a tall replica. */
const MIN_BAR_PX = 2

/**
 * The parts of an iteration's bar over rows from `top`, `height` px tall: the bar is
 * height × batch / cap tall (at least 2 px, at most the rows), standing on the rows' bottom;
 * prefill at its bottom, recompute above it, decode on top, each in proportion to its tokens.
 * Parts of no tokens are left out.
 */
export function iterationBar(top: number, height: number, batch: number, cap: number, prefill: number, recompute: number, decode: number): BarPart[] {
  const barH = Math.min(height, Math.max(Math.min(height, MIN_BAR_PX), (height * batch) / Math.max(1, cap)))
  const all = prefill + recompute + decode
  const parts: BarPart[] = []
  if (all === 0) return [{ kind: 'decode', y: top + height - barH, h: barH }]
  let y = top + height
  for (const [kind, tokens] of [['prefill', prefill], ['recompute', recompute], ['decode', decode]] as const) {
    if (tokens === 0) continue
    const h = (barH * tokens) / all
    y -= h
    parts.push({ kind, y, h })
  }
  return parts
}

/**
 * Draws an iteration's bar from x0 to x1 over rows [top, top + height): the parts iterationBar
 * gives, worked out the same way but without making them (a 10,000-request run draws some
 * 140,000 iterations a view, and building the parts was a third of that in profiles).
 */
export function fillIteration(ctx: GanttContext, x0: number, w: number, top: number, height: number, batch: number, cap: number, prefill: number, recompute: number, decode: number): void {
  const barH = Math.min(height, Math.max(Math.min(height, MIN_BAR_PX), (height * batch) / Math.max(1, cap)))
  const all = prefill + recompute + decode
  if (all === 0) {
    ctx.fillStyle = ITERATION_COLORS.decode
    ctx.fillRect(x0, top + height - barH, w, barH)
    return
  }
  let y = top + height
  if (prefill !== 0) {
    const h = (barH * prefill) / all
    y -= h
    ctx.fillStyle = ITERATION_COLORS.prefill
    ctx.fillRect(x0, y, w, h)
  }
  if (recompute !== 0) {
    const h = (barH * recompute) / all
    y -= h
    ctx.fillStyle = ITERATION_COLORS.recompute
    ctx.fillRect(x0, y, w, h)
  }
  if (decode !== 0) {
    const h = (barH * decode) / all
    y -= h
    ctx.fillStyle = ITERATION_COLORS.decode
    ctx.fillRect(x0, y, w, h)
  }
}

/**
 * Iterations narrower than a pixel, gathered per pixel column of each replica's rows (keyed by
 * their first row): a column shows its largest batch and the token mix of all its iterations.
 * A replica's iterations arrive in time order, so one pending column a row suffices. That
 * bounds the fills by replicas × width, as gantt-merge.ts does for job bars.
 */
export interface IterationBinner {
  add(ctx: GanttContext, row: number, top: number, height: number, x0: number, batch: number, cap: number, prefill: number, recompute: number, decode: number): void
  /** Draws every pending column. */
  flush(ctx: GanttContext): void
}

export function createIterationBinner(rows: number): IterationBinner {
  const col = new Float64Array(rows).fill(NaN)
  const top = new Float64Array(rows)
  const height = new Float64Array(rows)
  const batch = new Int32Array(rows)
  const caps = new Float64Array(rows)
  const tokens = new Float64Array(3 * rows)
  const pending: number[] = []
  const emit = (ctx: GanttContext, row: number) => fillIteration(ctx, col[row]!, 1, top[row]!, height[row]!, batch[row]!, caps[row]!, tokens[3 * row]!, tokens[3 * row + 1]!, tokens[3 * row + 2]!)
  return {
    add(ctx, row, t, h, x0, b, cap, prefill, recompute, decode) {
      const c = Math.floor(x0)
      if (col[row] === c) {
        batch[row] = Math.max(batch[row]!, b)
        tokens[3 * row]! += prefill
        tokens[3 * row + 1]! += recompute
        tokens[3 * row + 2]! += decode
        return
      }
      if (Number.isNaN(col[row]!)) pending.push(row)
      else emit(ctx, row)
      col[row] = c
      top[row] = t
      height[row] = h
      batch[row] = b
      caps[row] = cap
      tokens[3 * row] = prefill
      tokens[3 * row + 1] = recompute
      tokens[3 * row + 2] = decode
    },
    flush(ctx) {
      for (const row of pending) {
        emit(ctx, row)
        col[row] = NaN
      }
      pending.length = 0
    },
  }
}

const binners = new WeakMap<RowMerger, IterationBinner>()

/** The binner that goes with a pass's merger (flushed with it: see flushMerged). */
export function binnerFor(merger: RowMerger, rows: number): IterationBinner {
  let b = binners.get(merger)
  if (b === undefined) binners.set(merger, (b = createIterationBinner(rows)))
  return b
}

/** The binner of a merger, if a serving pass made one. */
export const binnerOf = (merger: RowMerger): IterationBinner | undefined => binners.get(merger)
