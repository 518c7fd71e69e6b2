// Drawing a schedule on a canvas directly: bands, bars (merged where narrower than a pixel),
// labels and the cursor. gantt-layer.ts draws the same off screen and copies it.

import { textColorOn } from './colors.ts'
import { barInsetPx, rowRuns } from './gantt-geometry.ts'
import type { RowLayout } from './gantt-layout.ts'
import { createRowMerger, type RowMerger } from './gantt-merge.ts'
import { MIN_RUNNING_PX, type DrawStats, type GanttContext, type GanttScene } from './gantt-scene.ts'
import { maxDurationS, visibleRange, type GanttTrack } from './gantt-tracks.ts'
import { pxPerS } from './time-scale.ts'
import { binnerFor, binnerOf, fillIteration, iterationBar, ITERATION_COLORS } from './gantt-iterations.ts'
import { SERVING_KINDS } from '../engine/segments.ts'

/** Label font; 11 px is the smallest that reads on a projector. */
const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
const LABEL_MIN_HEIGHT = 12
const LABEL_PAD = 4
export const FUTURE_ALPHA = 0.35
const BAND_PAST = '#eef1f5'
const BAND_FUTURE = '#f8f9fb'
const ROW_LINE = '#dfe4eb'

/** Where the cursor falls on the plot, kept inside it. */
export function cursorPx(scene: Pick<GanttScene, 'scale' | 'cursorS'>): number {
  const x = (scene.cursorS - scene.scale.t0S) * pxPerS(scene.scale)
  return Math.max(0, Math.min(scene.scale.widthPx, x))
}

const CURSOR = '#111827'

/**
 * The time cursor, drawn last over the bars: a line down the rows and a head at the top. On the
 * canvas, which every frame of playback redraws anyway, rather than in the SVG over it, which
 * would then be re-laid out and repainted in every frame of every view.
 */
export function drawCursor(ctx: GanttContext, x: number, heightPx: number, compact: boolean): void {
  ctx.globalAlpha = 1
  ctx.fillStyle = CURSOR
  ctx.fillRect(x - 0.75, 0, 1.5, heightPx)
  // The head, a triangle pointing down, one pixel row at a time.
  const half = compact ? 4 : 6
  const rows = compact ? 5 : 7
  for (let r = 0; r < rows; r++) {
    const w = half * (1 - r / rows)
    ctx.fillRect(x - w, r, 2 * w, 1)
  }
}

// Text widths depend on the font only, so every view (and its off-screen layer) shares them.
const textWidths = new Map<string, number>()

function measure(ctx: GanttContext, font: string, text: string): number {
  if (textWidths.size > 50_000) textWidths.clear()
  const key = `${font}\n${text}`
  let w = textWidths.get(key)
  if (w === undefined) {
    ctx.font = font
    textWidths.set(key, (w = ctx.measureText(text).width))
  }
  return w
}

/** No character of the label font is narrower than this: a narrower bar needs no measuring. */
const MIN_CHAR_PX = 2.5

const tails = new Map<string, string | null>()

/**
 * What tells an id from its neighbours when the whole does not fit: "…" and its trailing
 * number ("T_high_10" → "…10"), else what follows its last separator ("req-abc" → "…abc");
 * null when it has neither (the id is all one word).
 */
export function labelTail(id: string): string | null {
  let tail = tails.get(id)
  if (tail === undefined) {
    if (tails.size > 50_000) tails.clear()
    const m = /(\d+|[_\-.:/ ]([^_\-.:/ ]+))$/.exec(id)
    const part = m === null ? undefined : (m[2] ?? m[1])
    tail = part === undefined || part.length >= id.length ? null : `…${part}`
    tails.set(id, tail)
  }
  return tail
}

const textColors = new Map<string, string>()
function labelColor(background: string): string {
  let c = textColors.get(background)
  if (c === undefined) textColors.set(background, (c = textColorOn(background)))
  return c
}

export interface Pass {
  /** Only tasks started by the cursor. */
  readonly startedOnly: boolean
  /** Bars end at the cursor (the future hidden). */
  readonly endAtCursor: boolean
  /** Skip tasks over by the cursor (the dimmed pass draws only what reaches past it). */
  readonly futureOnly: boolean
}

const runScratch = new Int32Array(3 * 256)

export function drawPass(ctx: GanttContext, scene: GanttScene, pass: Pass, merger: RowMerger, stats: DrawStats): void {
  for (const track of scene.tracks) {
    const [lo, hi] = passRange(scene, track, pass)
    drawPassPart(ctx, scene, track, pass, merger, stats, lo, hi)
  }
  flushMerged(ctx, scene, merger, stats)
}

/** The positions of a track a pass visits: the segments that can overlap what it draws. */
export function passRange(scene: GanttScene, track: GanttTrack, pass: Pass): [number, number] {
  const { scale, cursorS } = scene
  const toS = pass.startedOnly ? Math.min(scale.t1S, cursorS) : scale.t1S
  // Segments still going on after the cursor opened at most the longest one before it.
  const fromS = pass.futureOnly ? Math.max(scale.t0S, cursorS) : scale.t0S
  return visibleRange(track, fromS, toS, maxDurationS(track))
}

/** A pass over a track's segments at positions [lo, hi); slivers wait in the merger. */
export function drawPassPart(ctx: GanttContext, scene: GanttScene, track: GanttTrack, pass: Pass, merger: RowMerger, stats: DrawStats, lo: number, hi: number): void {
  const { layout, scale, colors, labels, cursorS, cursorStep, knownS } = scene
  const { startedOnly, endAtCursor, futureOnly } = pass
  const k = pxPerS(scale)
  const t0 = scale.t0S
  const width = scale.widthPx
  const inset = barInsetPx(layout.rowPx)
  // Columns in locals: this loop runs once per visible segment per frame.
  const { item, stepOpen, t0: startS, t1: endS, resOffset, resCount } = track
  const gpuData = track.resources.data
  // A serving run's iterations: drawn as batches (gantt-iterations.ts), not task bars.
  const serving = scene.serving !== undefined && track.kind === SERVING_KINDS.iteration ? scene.serving : null
  let fill = ''
  for (let pos = lo; pos < hi; pos++) {
    if (startedOnly && stepOpen[pos]! > cursorStep) continue
    let finish = endS[pos]!
    // Open with no planned end: it reaches as far as the run is known.
    if (finish !== finish) finish = knownS
    if (finish <= t0 || (futureOnly && finish <= cursorS)) continue
    const i = item[pos]!
    const x0 = (startS[pos]! - t0) * k
    let x1 = ((endAtCursor && finish > cursorS ? cursorS : finish) - t0) * k
    if (endAtCursor && finish > cursorS && x1 < x0 + MIN_RUNNING_PX) x1 = x0 + MIN_RUNNING_PX
    if (x1 < 0 || x0 > width) continue
    const off = resOffset[pos]!
    const gpuCount = resCount[pos]!
    if (serving !== null) {
      drawIteration(ctx, scene, serving, merger, stats, pos, x0, x1, gpuData, off, gpuCount, labels !== null)
      fill = ''
      continue
    }
    const color = colors[i]!
    if (x1 - x0 < 1) {
      // Slivers are merged per GPU row: no need for runs.
      for (let g = off; g < off + gpuCount; g++) merger.add(gpuData[g]!, x0, x1, color)
      continue
    }
    const runs = rowRuns(layout, gpuData, runScratch, off, gpuCount)
    // A pixel of air before the next task on the row, so back-to-back bars of one colour part.
    const barEnd = x1 - (x1 - x0 >= 4 ? 1 : 0)
    const cx0 = Math.max(x0, -1)
    const cx1 = Math.min(barEnd, width + 1)
    if (fill !== color) ctx.fillStyle = fill = color
    let labelRun = 0
    for (let r = 0; r < runs; r++) {
      const rows = runScratch[2 * r + 1]!
      ctx.fillRect(cx0, layout.rowTop[runScratch[2 * r]!]! + inset, cx1 - cx0, rows * layout.rowPx - 2 * inset)
      stats.bars++
      if (rows > runScratch[2 * labelRun + 1]!) labelRun = r
    }
    if (labels === null) continue
    const h = runScratch[2 * labelRun + 1]! * layout.rowPx - 2 * inset
    if (h < LABEL_MIN_HEIGHT) continue
    let text = labels[i]!
    const font = `600 ${h >= 16 ? 12 : 11}px ${FONT_FAMILY}`
    const visibleX0 = Math.max(x0, 0)
    const room = Math.min(barEnd, width) - visibleX0 - 2 * LABEL_PAD
    if (room < 2 * MIN_CHAR_PX) continue
    if (room < text.length * MIN_CHAR_PX || room < measure(ctx, font, text)) {
      // Too narrow for the id: its distinguishing tail ("…10" for T_high_10), where that fits.
      const tail = labelTail(text)
      if (tail === null || room < tail.length * MIN_CHAR_PX || room < measure(ctx, font, tail)) continue
      text = tail
    }
    ctx.font = font
    ctx.fillStyle = fill = labelColor(color)
    ctx.fillText(text, visibleX0 + LABEL_PAD, layout.rowTop[runScratch[2 * labelRun]!]! + inset + h / 2)
    stats.labels++
  }
}

/** The batch size is written on an iteration's bar with at least this much room. */
const BATCH_LABEL_FONT = `600 11px ${FONT_FAMILY}`

/**
 * Iteration `pos` of a serving run from x0 to x1 on its replica's rows: its bar (batch size as
 * height, token mix as fill), or gathered into its pixel column when narrower than a pixel.
 * With room, the batch size is written at the top left of the rows.
 */
function drawIteration(ctx: GanttContext, scene: GanttScene, serving: NonNullable<GanttScene['serving']>, merger: RowMerger, stats: DrawStats, pos: number, x0: number, x1: number, gpuData: Int32Array, off: number, gpuCount: number, labelled: boolean): void {
  const { layout, scale } = scene
  const { mix, batchCap } = serving
  // An iteration's batch streams right after it; until it does, there is nothing to draw.
  if (pos >= mix.batch.length) return
  const batch = mix.batch.data[pos]!
  const prefill = mix.prefill.data[pos]!
  const recompute = mix.recompute.data[pos]!
  const decode = mix.decode.data[pos]!
  const inset = barInsetPx(layout.rowPx)
  const runs = rowRuns(layout, gpuData, runScratch, off, gpuCount)
  if (x1 - x0 < 1) {
    const binner = binnerFor(merger, layout.gpuCount)
    for (let r = 0; r < runs; r++) {
      const first = runScratch[2 * r]!
      binner.add(ctx, first, layout.rowTop[first]! + inset, runScratch[2 * r + 1]! * layout.rowPx - 2 * inset, x0, batch, batchCap, prefill, recompute, decode)
    }
    return
  }
  const barEnd = x1 - (x1 - x0 >= 4 ? 1 : 0)
  const cx0 = Math.max(x0, -1)
  const cx1 = Math.min(barEnd, scale.widthPx + 1)
  for (let r = 0; r < runs; r++) {
    const first = runScratch[2 * r]!
    const top = layout.rowTop[first]! + inset
    const h = runScratch[2 * r + 1]! * layout.rowPx - 2 * inset
    fillIteration(ctx, cx0, cx1 - cx0, top, h, batch, batchCap, prefill, recompute, decode)
    stats.bars++
    if (!labelled || h < LABEL_MIN_HEIGHT) continue
    const text = String(batch)
    const room = Math.min(barEnd, scale.widthPx) - Math.max(x0, 0) - 2 * LABEL_PAD
    if (room < text.length * MIN_CHAR_PX || room < measure(ctx, BATCH_LABEL_FONT, text)) continue
    // On the bar's top part when the bar reaches the label, else on the band.
    const parts = iterationBar(top, h, batch, batchCap, prefill, recompute, decode)
    const upper = parts[parts.length - 1]!
    ctx.font = BATCH_LABEL_FONT
    ctx.fillStyle = upper.y <= top + 2 ? labelColor(ITERATION_COLORS[upper.kind]) : '#1f2937'
    ctx.fillText(text, Math.max(x0, 0) + LABEL_PAD, top + 7)
    stats.labels++
  }
}

/** Draws the slivers a pass merged (at most `limit` fills); true once all are drawn. */
export function flushMerged(ctx: GanttContext, scene: GanttScene, merger: RowMerger, stats: DrawStats, limit = Infinity): boolean {
  const { layout } = scene
  binnerOf(merger)?.flush(ctx)
  const inset = barInsetPx(layout.rowPx)
  let fill = ''
  return merger.flush((x, row, w, color) => {
    if (fill !== color) ctx.fillStyle = fill = color
    ctx.fillRect(x, layout.rowTop[row]! + inset, w, layout.rowPx - 2 * inset)
    stats.merged++
  }, limit)
}

/** Runs `draw` clipped to the plot between x0 and x1, at the given opacity. */
export function clipped(ctx: GanttContext, x0: number, x1: number, height: number, alpha: number, draw: () => void): void {
  ctx.save()
  ctx.beginPath()
  ctx.rect(x0, 0, x1 - x0, height)
  ctx.clip()
  ctx.globalAlpha = alpha
  draw()
  ctx.restore()
}

const mergers = new WeakMap<RowLayout, RowMerger>()

export function mergerFor(layout: RowLayout): RowMerger {
  let merger = mergers.get(layout)
  if (merger === undefined) mergers.set(layout, (merger = createRowMerger(layout.gpuCount)))
  return merger
}

/** Clears the plot and draws the node bands (past and future shaded apart) and the GPU row lines. */
export function drawBackground(ctx: GanttContext, scene: GanttScene, cx: number): void {
  const { layout } = scene
  const width = scene.scale.widthPx
  ctx.clearRect(0, 0, width, layout.heightPx)
  for (const band of layout.nodes) {
    ctx.fillStyle = BAND_PAST
    ctx.fillRect(0, band.topPx, cx, band.heightPx)
    ctx.fillStyle = scene.future === 'hidden' ? BAND_FUTURE : BAND_PAST
    ctx.fillRect(cx, band.topPx, width - cx, band.heightPx)
    if (layout.rowPx >= 8) {
      ctx.fillStyle = ROW_LINE
      for (let r = 1; r < band.count; r++) ctx.fillRect(0, band.topPx + r * layout.rowPx - 0.5, width, 1)
    }
  }
}

/**
 * Draws one schedule: node bands, GPU row lines, then the bars, coloured per task and labelled
 * where the label fits. Only tasks overlapping the time window are visited. With the future
 * hidden, bars stop at the cursor; dimmed, what lies after it is drawn faint.
 */
export function drawGantt(ctx: GanttContext, scene: GanttScene): DrawStats {
  const { layout, scale } = scene
  const width = scale.widthPx
  const height = layout.heightPx
  const stats: DrawStats = { bars: 0, merged: 0, labels: 0 }
  const cx = cursorPx(scene)
  drawBackground(ctx, scene, cx)
  const merger = mergerFor(layout)
  ctx.textAlign = 'left'
  ctx.textBaseline = 'middle'
  if (scene.future === 'hidden') {
    drawPass(ctx, scene, { startedOnly: true, endAtCursor: true, futureOnly: false }, merger, stats)
    return stats
  }
  clipped(ctx, cx, width, height, FUTURE_ALPHA, () => drawPass(ctx, scene, { startedOnly: false, endAtCursor: false, futureOnly: true }, merger, stats))
  clipped(ctx, 0, cx, height, 1, () => drawPass(ctx, scene, { startedOnly: true, endAtCursor: false, futureOnly: false }, merger, stats))
  return stats
}
