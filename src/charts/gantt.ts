import { textColorOn } from './colors.ts'
import { resourcesOf, segmentsOf } from '../run-view/track.ts'
import { maxDurationS, segmentEndS, visibleRange, type GanttTrack } from './gantt-tracks.ts'
import { barInsetPx, rowRuns, type Rect } from './gantt-geometry.ts'
import { rowAt, type RowLayout } from './gantt-layout.ts'
import { createRowMerger, type RowMerger } from './gantt-merge.ts'
import { pxPerS, pxToTime, type TimeScale } from './time-scale.ts'

/** The part of CanvasRenderingContext2D the Gantt uses, so tests can pass a recording fake. */
export interface GanttContext {
  fillStyle: string | CanvasGradient | CanvasPattern
  globalAlpha: number
  font: string
  textAlign: CanvasTextAlign
  textBaseline: CanvasTextBaseline
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void
  save(): void
  restore(): void
  beginPath(): void
  rect(x: number, y: number, w: number, h: number): void
  clip(): void
  clearRect(x: number, y: number, w: number, h: number): void
  fillRect(x: number, y: number, w: number, h: number): void
  fillText(text: string, x: number, y: number): void
  measureText(text: string): { readonly width: number }
  drawImage(image: CanvasImageSource, dx: number, dy: number, dw: number, dh: number): void
}

/** What to do with the schedule after the time cursor. */
export type FutureMode = 'hidden' | 'dimmed'

/** One algorithm's schedule in one view. Coordinates are CSS pixels from the plot's top left. */
export interface GanttScene {
  readonly layout: RowLayout
  /** The segment tracks to draw (ganttTracks: those that hold GPUs), drawn in this order. */
  readonly tracks: readonly GanttTrack[]
  /** Colour of each task (a segment takes its task's). */
  readonly colors: readonly string[]
  /** Bar labels (task ids); null draws none (small multiples). */
  readonly labels: readonly string[] | null
  readonly scale: TimeScale
  readonly cursorStep: number
  readonly cursorS: number
  /** How far the run is known: an open segment with no planned end reaches this far. */
  readonly knownS: number
  readonly future: FutureMode
}

/** A segment of a scene: its track's index in scene.tracks, and its position there. */
export interface SegmentRef {
  readonly track: number
  readonly s: number
}

export interface DrawStats {
  /** Bars drawn as their own rectangles (one per run of rows). */
  bars: number
  /** Fills standing for bars narrower than a pixel. */
  merged: number
  labels: number
}

/** A task running at the cursor is drawn at least this wide, so one that just started shows. */
export const MIN_RUNNING_PX = 4
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

/**
 * The stretch of segment s of a track that is shown, in px: [x0, x1], or null when it is not
 * shown. With the future hidden, a segment not opened by the cursor is not shown and one still
 * going on there ends at the cursor (at least MIN_RUNNING_PX wide); dimmed, every opened
 * segment shows whole.
 */
export function shownSpanPx(scene: GanttScene, track: GanttTrack, s: number): [number, number] | null {
  const { scale } = scene
  const k = pxPerS(scale)
  const x0 = (track.t0[s]! - scale.t0S) * k
  const finish = segmentEndS(track, s, scene.knownS)
  if (scene.future === 'dimmed') return [x0, (finish - scale.t0S) * k]
  if (track.stepOpen[s]! > scene.cursorStep) return null
  if (finish <= scene.cursorS) return [x0, (finish - scale.t0S) * k]
  return [x0, Math.max((scene.cursorS - scale.t0S) * k, x0 + MIN_RUNNING_PX)]
}

/** The rectangles task i's segments are drawn with (none when not shown or off the plot): for outlines. */
export function taskRects(scene: GanttScene, i: number): Rect[] {
  const w = scene.scale.widthPx
  const inset = barInsetPx(scene.layout.rowPx)
  const out: Rect[] = []
  for (const track of scene.tracks) {
    for (const s of segmentsOf(track, i, scene.colors.length)) {
      const span = shownSpanPx(scene, track, s)
      if (span === null || span[1] < 0 || span[0] > w) continue
      // Clipped a little outside the plot, so an outline's sides off screen stay off screen.
      const x0 = Math.max(span[0], -4)
      const x1 = Math.min(span[1], w + 4)
      const gpus = resourcesOf(track, s)
      const runs = new Int32Array(3 * gpus.length)
      const count = rowRuns(scene.layout, gpus, runs)
      for (let r = 0; r < count; r++) {
        out.push({ x: x0, y: scene.layout.rowTop[runs[2 * r]!]! + inset, w: x1 - x0, h: runs[2 * r + 1]! * scene.layout.rowPx - 2 * inset })
      }
    }
  }
  return out
}

/**
 * The segment drawn under (x, y), or null. Slivers are hard to hit, so a bar within
 * `tolerancePx` counts; the nearest wins.
 */
export function segmentAt(scene: GanttScene, xPx: number, yPx: number, tolerancePx = 3): SegmentRef | null {
  const gpu = rowAt(scene.layout, yPx)
  if (gpu < 0 || xPx < 0 || xPx > scene.scale.widthPx) return null
  const tS = pxToTime(scene.scale, xPx)
  const tolS = tolerancePx / pxPerS(scene.scale)
  let best: SegmentRef | null = null
  let bestDistance = Infinity
  scene.tracks.forEach((track, t) => {
    const [lo, hi] = visibleRange(track, tS - tolS, tS + tolS, maxDurationS(track) + MIN_RUNNING_PX / pxPerS(scene.scale))
    for (let s = lo; s < hi; s++) {
      if (!resourcesOf(track, s).includes(gpu)) continue
      const span = shownSpanPx(scene, track, s)
      if (span === null) continue
      const distance = xPx < span[0] ? span[0] - xPx : xPx > span[1] ? xPx - span[1] : 0
      if (distance <= tolerancePx && distance <= bestDistance) {
        best = { track: t, s }
        bestDistance = distance
      }
    }
  })
  return best
}

/** The task drawn under (x, y), or -1 (see segmentAt). */
export function hitTest(scene: GanttScene, xPx: number, yPx: number, tolerancePx = 3): number {
  const hit = segmentAt(scene, xPx, yPx, tolerancePx)
  return hit === null ? -1 : scene.tracks[hit.track]!.item[hit.s]!
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

const textColors = new Map<string, string>()
function labelColor(background: string): string {
  let c = textColors.get(background)
  if (c === undefined) textColors.set(background, (c = textColorOn(background)))
  return c
}

interface Pass {
  /** Only tasks started by the cursor. */
  readonly startedOnly: boolean
  /** Bars end at the cursor (the future hidden). */
  readonly endAtCursor: boolean
  /** Skip tasks over by the cursor (the dimmed pass draws only what reaches past it). */
  readonly futureOnly: boolean
}

const runScratch = new Int32Array(3 * 256)

function drawPass(ctx: GanttContext, scene: GanttScene, pass: Pass, merger: RowMerger, stats: DrawStats): void {
  for (const track of scene.tracks) {
    const [lo, hi] = passRange(scene, track, pass)
    drawPassPart(ctx, scene, track, pass, merger, stats, lo, hi)
  }
  flushMerged(ctx, scene, merger, stats)
}

/** The positions of a track a pass visits: the segments that can overlap what it draws. */
function passRange(scene: GanttScene, track: GanttTrack, pass: Pass): [number, number] {
  const { scale, cursorS } = scene
  const toS = pass.startedOnly ? Math.min(scale.t1S, cursorS) : scale.t1S
  // Segments still going on after the cursor opened at most the longest one before it.
  const fromS = pass.futureOnly ? Math.max(scale.t0S, cursorS) : scale.t0S
  return visibleRange(track, fromS, toS, maxDurationS(track))
}

/** A pass over a track's segments at positions [lo, hi); slivers wait in the merger. */
function drawPassPart(ctx: GanttContext, scene: GanttScene, track: GanttTrack, pass: Pass, merger: RowMerger, stats: DrawStats, lo: number, hi: number): void {
  const { layout, scale, colors, labels, cursorS, cursorStep, knownS } = scene
  const { startedOnly, endAtCursor, futureOnly } = pass
  const k = pxPerS(scale)
  const t0 = scale.t0S
  const width = scale.widthPx
  const inset = barInsetPx(layout.rowPx)
  // Columns in locals: this loop runs once per visible segment per frame.
  const { item, stepOpen, t0: startS, t1: endS, resOffset, resCount } = track
  const gpuData = track.resources.data
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
    const text = labels[i]!
    const font = `600 ${h >= 16 ? 12 : 11}px ${FONT_FAMILY}`
    const visibleX0 = Math.max(x0, 0)
    const room = Math.min(barEnd, width) - visibleX0 - 2 * LABEL_PAD
    if (room < text.length * MIN_CHAR_PX || room < measure(ctx, font, text)) continue
    ctx.font = font
    ctx.fillStyle = fill = labelColor(color)
    ctx.fillText(text, visibleX0 + LABEL_PAD, layout.rowTop[runScratch[2 * labelRun]!]! + inset + h / 2)
    stats.labels++
  }
}

/** Draws the slivers a pass merged (at most `limit` fills); true once all are drawn. */
function flushMerged(ctx: GanttContext, scene: GanttScene, merger: RowMerger, stats: DrawStats, limit = Infinity): boolean {
  const { layout } = scene
  const inset = barInsetPx(layout.rowPx)
  let fill = ''
  return merger.flush((x, row, w, color) => {
    if (fill !== color) ctx.fillStyle = fill = color
    ctx.fillRect(x, layout.rowTop[row]! + inset, w, layout.rowPx - 2 * inset)
    stats.merged++
  }, limit)
}

/** Runs `draw` clipped to the plot between x0 and x1, at the given opacity. */
function clipped(ctx: GanttContext, x0: number, x1: number, height: number, alpha: number, draw: () => void): void {
  ctx.save()
  ctx.beginPath()
  ctx.rect(x0, 0, x1 - x0, height)
  ctx.clip()
  ctx.globalAlpha = alpha
  draw()
  ctx.restore()
}

const mergers = new WeakMap<RowLayout, RowMerger>()

function mergerFor(layout: RowLayout): RowMerger {
  let merger = mergers.get(layout)
  if (merger === undefined) mergers.set(layout, (merger = createRowMerger(layout.gpuCount)))
  return merger
}

/** Clears the plot and draws the node bands (past and future shaded apart) and the GPU row lines. */
function drawBackground(ctx: GanttContext, scene: GanttScene, cx: number): void {
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

/**
 * A view's whole schedule drawn once, off screen, to be copied every frame: during playback
 * only the cursor moves, and copying one image costs far less than filling 100,000 bars.
 */
export interface GanttLayer {
  readonly ctx: GanttContext
  readonly image: CanvasImageSource
}

/** Draws every started task in full on the layer (no bands, no cursor): what drawLayered copies. */
export function drawLayer(layer: GanttLayer, scene: GanttScene): DrawStats {
  const build = layerBuilder(layer, scene)
  while (!build.step(Infinity));
  return build.stats
}

/** Merged fills drawn per task of a step (a fill of a pixel's width costs a fraction of a task). */
const FILLS_PER_TASK = 10

/**
 * drawLayer in parts, so that drawing 100,000 bars never holds the page for long: each
 * `step(n)` draws the next n segments (track by track, in start order), or once all are drawn
 * the next 10·n merged slivers, and says whether the layer is complete.
 * The layer paints the same as drawLayer's only once complete.
 */
export function layerBuilder(layer: GanttLayer, scene: GanttScene): { step(tasks: number): boolean; readonly stats: DrawStats } {
  const { ctx } = layer
  const pass: Pass = { startedOnly: false, endAtCursor: false, futureOnly: false }
  // A merger of its own: other views draw between the parts.
  const merger = createRowMerger(scene.layout.gpuCount)
  const stats: DrawStats = { bars: 0, merged: 0, labels: 0 }
  const ranges = scene.tracks.map((track) => passRange(scene, track, pass))
  let t = 0
  let next = ranges[0]?.[0] ?? 0
  let done = false
  ctx.clearRect(0, 0, scene.scale.widthPx, scene.layout.heightPx)
  return {
    stats,
    step(tasks) {
      if (done) return true
      while (t < ranges.length && next >= ranges[t]![1]) {
        t += 1
        next = ranges[t]?.[0] ?? 0
      }
      if (t < ranges.length) {
        const end = Math.min(ranges[t]![1], next + tasks)
        // Set for each part: nothing else draws on the layer, but be sure.
        ctx.textAlign = 'left'
        ctx.textBaseline = 'middle'
        drawPassPart(ctx, scene, scene.tracks[t]!, pass, merger, stats, next, end)
        next = end
        return false
      }
      // Then the merged slivers (tens of thousands zoomed out on a large run), in parts too.
      done = flushMerged(ctx, scene, merger, stats, tasks * FILLS_PER_TASK)
      return done
    },
  }
}

/**
 * What drawGantt draws, from a layer drawLayer drew for the same scene (whatever its cursor).
 * Left of the cursor the layer shows exactly the tasks started by then; right of it, dimmed,
 * exactly the part of the schedule still to come. With the future hidden, the tasks running
 * at the cursor are drawn again on top, ending at the cursor as drawGantt ends them.
 */
export function drawLayered(ctx: GanttContext, scene: GanttScene, layer: GanttLayer): DrawStats {
  const { layout, scale } = scene
  const width = scale.widthPx
  const height = layout.heightPx
  const stats: DrawStats = { bars: 0, merged: 0, labels: 0 }
  const cx = cursorPx(scene)
  drawBackground(ctx, scene, cx)
  const copy = () => ctx.drawImage(layer.image, 0, 0, width, height)
  clipped(ctx, 0, cx, height, 1, copy)
  if (scene.future === 'dimmed') {
    clipped(ctx, cx, width, height, FUTURE_ALPHA, copy)
    return stats
  }
  ctx.textAlign = 'left'
  ctx.textBaseline = 'middle'
  drawPass(ctx, scene, { startedOnly: true, endAtCursor: true, futureOnly: true }, mergerFor(layout), stats)
  return stats
}
