// The request view's rows: one row per request on the Gantt's time scale, showing its life as
// the engine recorded it (run-view/serving-requests.ts). Only the rows in view are drawn.

import { REJECTED, SERVING_KINDS, WAITING, type SegmentKind } from '../engine/segments.ts'
import type { PromptChunk, RequestBar } from '../run-view/serving-requests.ts'
import { ITERATION_COLORS } from './gantt-iterations.ts'
import { pxPerS, type TimeScale } from './time-scale.ts'

/** How each kind of stretch is drawn: its colour, and whether it is a thin (waiting) bar. */
export const REQUEST_STYLE: Readonly<Record<SegmentKind, { readonly color: string; readonly thin: boolean; readonly label: string }>> = {
  [WAITING]: { color: '#9ca3af', thin: true, label: 'queued' },
  [SERVING_KINDS.preempted]: { color: '#d9534f', thin: true, label: 'preempted, waiting again' },
  [SERVING_KINDS.prefill]: { color: ITERATION_COLORS.prefill, thin: false, label: 'prefill' },
  [SERVING_KINDS.recompute]: { color: ITERATION_COLORS.recompute, thin: false, label: 'recompute' },
  [SERVING_KINDS.decode]: { color: ITERATION_COLORS.decode, thin: false, label: 'decode' },
  [REJECTED]: { color: '#b91c1c', thin: false, label: 'rejected' },
}

/** What a row shows, in px from the plot's left: stretches, the boundaries between prompt chunks, the markers. */
export interface RowMarks {
  readonly spans: readonly { readonly kind: SegmentKind; readonly x0: number; readonly x1: number }[]
  /** Where one prompt chunk ends and the next (of the same stretch) begins. */
  readonly chunkEdges: readonly number[]
  /** The first token's time (null: none yet, or not shown). */
  readonly firstTokenX: number | null
  readonly finishX: number | null
}

/**
 * A request's row on `scale`: each stretch from its start to its end (an open one with no end
 * known reaches `knownS`), cut at `untilS` (the cursor, when the future is hidden; Infinity
 * shows everything); the edges between consecutive prompt chunks that touch (chunked prefill
 * computes a prompt over several iterations); the first-token and finish markers when they
 * happen by `untilS`. A rejection is a point: drawn 3 px wide.
 */
export function requestRowMarks(bars: readonly RequestBar[], chunks: readonly PromptChunk[], firstTokenS: number, finishS: number, scale: TimeScale, knownS: number, untilS: number): RowMarks {
  const k = pxPerS(scale)
  const x = (t: number) => (t - scale.t0S) * k
  const spans: RowMarks['spans'][number][] = []
  for (const b of bars) {
    if (b.t0 > untilS) continue
    if (b.kind === REJECTED) {
      spans.push({ kind: b.kind, x0: x(b.t0) - 1.5, x1: x(b.t0) + 1.5 })
      continue
    }
    const end = Math.min(Number.isNaN(b.t1) ? knownS : b.t1, untilS)
    if (end > b.t0) spans.push({ kind: b.kind, x0: x(b.t0), x1: x(end) })
  }
  const chunkEdges: number[] = []
  for (let c = 1; c < chunks.length; c++) {
    const edge = chunks[c - 1]!.t1
    if (chunks[c]!.t0 === edge && edge <= untilS) chunkEdges.push(x(edge))
  }
  const shown = (t: number) => (Number.isNaN(t) || t > untilS ? null : x(t))
  return { spans, chunkEdges, firstTokenX: shown(firstTokenS), finishX: shown(finishS) }
}

/** Row geometry of the request view. */
export const REQUEST_ROW_PX = 14
const THIN_PX = 4
const FULL_PX = 10

/** The part of a 2D context the request view draws with. */
export type RowContext = Pick<CanvasRenderingContext2D, 'fillStyle' | 'fillRect' | 'globalAlpha'>

/** Draws a row's marks at `top` (the plot's left at x = `left`), clipped to [left, left + widthPx]. */
export function drawRowMarks(ctx: RowContext, marks: RowMarks, left: number, top: number, widthPx: number): void {
  const clip = (x: number) => Math.max(-2, Math.min(widthPx + 2, x))
  for (const s of marks.spans) {
    const style = REQUEST_STYLE[s.kind] ?? REQUEST_STYLE[WAITING]!
    const x0 = clip(s.x0)
    const x1 = clip(s.x1)
    if (x1 <= x0 && s.kind !== REJECTED) continue
    const h = style.thin ? THIN_PX : FULL_PX
    ctx.fillStyle = style.color
    ctx.fillRect(left + x0, top + (REQUEST_ROW_PX - h) / 2, Math.max(x1 - x0, s.kind === REJECTED ? 3 : 0.5), h)
  }
  ctx.fillStyle = '#ffffff'
  for (const e of marks.chunkEdges) if (e >= 0 && e <= widthPx) ctx.fillRect(left + e - 0.5, top + (REQUEST_ROW_PX - FULL_PX) / 2, 1, FULL_PX)
  ctx.fillStyle = '#111827'
  if (marks.firstTokenX !== null && marks.firstTokenX >= -4 && marks.firstTokenX <= widthPx + 4) {
    // A diamond, a pixel row at a time.
    const cx = left + marks.firstTokenX
    const cy = top + REQUEST_ROW_PX / 2
    for (let d = -4; d <= 4; d++) {
      const w = 4 - Math.abs(d)
      ctx.fillRect(cx - w - 0.5, cy + d - 0.5, 2 * w + 1, 1)
    }
  }
  if (marks.finishX !== null && marks.finishX >= -2 && marks.finishX <= widthPx + 2) ctx.fillRect(left + marks.finishX - 1, top + 1, 2, REQUEST_ROW_PX - 2)
}

/** The rows [first, last) in view of a list `rowPx` a row, scrolled by `scrollTop`, `viewPx` tall. */
export function rowsInView(count: number, scrollTop: number, viewPx: number, rowPx = REQUEST_ROW_PX): [number, number] {
  const first = Math.max(0, Math.min(count, Math.floor(scrollTop / rowPx)))
  return [first, Math.min(count, Math.ceil((scrollTop + viewPx) / rowPx))]
}

/** The keys that move the selected row, as aria-keyshortcuts names them. */
export const ROW_KEYS = ['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End'] as const

/**
 * The row a key selects in a list of `count` rows, `page` of them in view, the first in view
 * being `firstInView`: ↑/↓ one row, PageUp/PageDown a page, Home/End the ends, each stopping at
 * the ends. With none selected, the moving keys start at the first row in view. null: not a
 * key that moves the selection (or no rows).
 */
export function rowAfterKey(key: string, selected: number | null, firstInView: number, page: number, count: number): number | null {
  if (count === 0 || !(ROW_KEYS as readonly string[]).includes(key)) return null
  const clamp = (r: number) => Math.max(0, Math.min(count - 1, r))
  if (key === 'Home') return 0
  if (key === 'End') return count - 1
  if (selected === null) return clamp(firstInView)
  const step = key === 'ArrowUp' ? -1 : key === 'ArrowDown' ? 1 : key === 'PageUp' ? -page : page
  return clamp(selected + step)
}

/** The scroll position that shows row `r` whole, moving as little as it can from `scrollTop`. */
export function scrollToShow(r: number, scrollTop: number, viewPx: number, rowPx = REQUEST_ROW_PX): number {
  const top = r * rowPx
  if (top < scrollTop) return top
  if (top + rowPx > scrollTop + viewPx) return top + rowPx - viewPx
  return scrollTop
}
