import type { GanttContext } from '../../src/charts/gantt-scene.ts'
import type { GanttNodeSpec } from '../../src/charts/gantt-layout.ts'
import { presetCluster, resolveCluster } from '../../src/engine/catalog/clusters.ts'
import { RUNNING } from '../../src/engine/segments.ts'
import { applyBatch, createTimeline, type Timeline } from '../../src/run-view/timeline.ts'
import { BatchRecorder } from '../../src/worker/recorder.ts'

/** The node layout the worker sends for a preset cluster. */
export function presetNodes(name: string): GanttNodeSpec[] {
  return resolveCluster(presetCluster(name)!).nodes.map((n) => ({ first: n.gpuIndices[0]!, count: n.gpuIndices.length, gpu: n.gpu.label }))
}

export interface PlacedTask {
  readonly startStep: number
  readonly startS: number
  readonly finishS: number
  readonly gpus: readonly number[]
  /** Step its GPUs are freed (omit: still running, its planned end `finishS`). */
  readonly endStep?: number
}

/** A timeline holding the given tasks (in start order), filled the way the store fills it. */
export function timelineOf(tasks: readonly PlacedTask[], gpuCount: number, taskCount = tasks.length): Timeline {
  const tl = createTimeline(taskCount, gpuCount)
  appendTasks(tl, tasks, 0)
  return tl
}

const recorders = new WeakMap<Timeline, BatchRecorder>()

/** Streams more tasks into a timeline (indices from `first`), as a later batch would: one running segment each. */
export function appendTasks(tl: Timeline, tasks: readonly PlacedTask[], first: number): void {
  let rec = recorders.get(tl)
  if (rec === undefined) recorders.set(tl, (rec = new BatchRecorder(tl.taskCount)))
  tasks.forEach((t, k) => rec.open(first + k, RUNNING, t.startStep, t.startS, t.gpus, t.finishS))
  tasks.forEach((t, k) => t.endStep !== undefined && rec.close(first + k, RUNNING, t.endStep, t.finishS))
  applyBatch(tl, rec.flush(0, false))
}

export interface Call {
  readonly op: string
  readonly args: readonly (number | string)[]
  readonly fillStyle: string
  readonly alpha: number
  readonly font: string
  /** The clip rectangle in force (x, y, w, h), or null. */
  readonly clip: readonly number[] | null
  /** What drawImage drew. */
  readonly image?: CanvasImageSource
}

/**
 * The state a fake 2D context keeps: style, alpha, font, one clip rectangle, and save/restore.
 * Every character is 7 px wide.
 */
abstract class FakeContextState {
  fillStyle: string | CanvasGradient | CanvasPattern = '#000000'
  globalAlpha = 1
  font = '10px sans-serif'
  textAlign: CanvasTextAlign = 'start'
  textBaseline: CanvasTextBaseline = 'alphabetic'
  protected clipRect: number[] | null = null
  private pathRect: number[] | null = null
  private stack: { fillStyle: string | CanvasGradient | CanvasPattern; alpha: number; font: string; clip: number[] | null }[] = []

  measureText(text: string) {
    return { width: 7 * text.length }
  }
  setTransform() {}
  save() {
    this.stack.push({ fillStyle: this.fillStyle, alpha: this.globalAlpha, font: this.font, clip: this.clipRect })
  }
  restore() {
    const s = this.stack.pop()!
    this.fillStyle = s.fillStyle
    this.globalAlpha = s.alpha
    this.font = s.font
    this.clipRect = s.clip
  }
  beginPath() {
    this.pathRect = null
  }
  rect(x: number, y: number, w: number, h: number) {
    this.pathRect = [x, y, w, h]
  }
  clip() {
    this.clipRect = this.pathRect
  }
}

/** A 2D context that records what is drawn, with the state in force at each call. */
export class RecordingContext extends FakeContextState implements GanttContext {
  readonly calls: Call[] = []

  private record(op: string, args: (number | string)[]) {
    this.calls.push({ op, args, fillStyle: String(this.fillStyle), alpha: this.globalAlpha, font: this.font, clip: this.clipRect })
  }
  clearRect(x: number, y: number, w: number, h: number) {
    this.record('clearRect', [x, y, w, h])
  }
  fillRect(x: number, y: number, w: number, h: number) {
    this.record('fillRect', [x, y, w, h])
  }
  fillText(text: string, x: number, y: number) {
    this.record('fillText', [text, x, y])
  }
  drawImage(image: CanvasImageSource, dx: number, dy: number, dw: number, dh: number) {
    this.record('drawImage', [dx, dy, dw, dh])
    ;(this.calls[this.calls.length - 1] as { image?: CanvasImageSource }).image = image
  }
  /** fillRect calls in one of `colors`: the bars, without the background. */
  rectsIn(colors: readonly string[]): Call[] {
    return this.calls.filter((c) => c.op === 'fillRect' && colors.includes(c.fillStyle))
  }
  texts(): Call[] {
    return this.calls.filter((c) => c.op === 'fillText')
  }
}

/**
 * A context that paints into a grid of pixels, one colour name per pixel ('' = transparent): a
 * pixel is covered when its centre is inside the rectangle and the clip. Fills under an alpha
 * below 1 are tagged with it; text covers its measured box (7 px per character, 8 px high).
 * Enough to compare two ways of drawing the same picture pixel by pixel.
 */
export class PixelContext extends FakeContextState implements GanttContext {
  readonly pixels: string[]

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    super()
    this.pixels = new Array<string>(width * height).fill('')
  }

  clearRect(x: number, y: number, w: number, h: number) {
    this.paint(x, y, w, h, () => '', false)
  }
  fillRect(x: number, y: number, w: number, h: number) {
    const color = this.tagged(String(this.fillStyle))
    this.paint(x, y, w, h, () => color)
  }
  fillText(text: string, x: number, y: number) {
    const color = this.tagged(`text ${String(this.fillStyle)}`)
    this.paint(x, y - 4, 7 * text.length, 8, () => color)
  }
  drawImage(image: CanvasImageSource, dx: number, dy: number, dw: number, dh: number) {
    const source = image as unknown as PixelContext
    this.paint(dx, dy, dw, dh, (px, py) => {
      const c = source.pixels[py * source.width + px] ?? ''
      return c === '' ? null : this.tagged(c)
    })
  }
  at(x: number, y: number): string {
    return this.pixels[y * this.width + x]!
  }
  private tagged(color: string): string {
    return this.globalAlpha < 1 ? `${color}@${this.globalAlpha}` : color
  }
  /** Sets each covered pixel to what `color` gives (null: leave it). */
  private paint(x: number, y: number, w: number, h: number, color: (px: number, py: number) => string | null, clipped = true) {
    const [cx, cy, cw, ch] = clipped && this.clipRect !== null ? this.clipRect : [-Infinity, -Infinity, Infinity, Infinity]
    for (let py = Math.max(0, Math.floor(y)); py < Math.min(this.height, Math.ceil(y + h)); py++) {
      const yc = py + 0.5
      if (yc < y || yc >= y + h || yc < cy! || yc >= cy! + ch!) continue
      for (let px = Math.max(0, Math.floor(x)); px < Math.min(this.width, Math.ceil(x + w)); px++) {
        const xc = px + 0.5
        if (xc < x || xc >= x + w || xc < cx! || xc >= cx! + cw!) continue
        const c = color(px, py)
        if (c !== null) this.pixels[py * this.width + px] = c
      }
    }
  }
}
