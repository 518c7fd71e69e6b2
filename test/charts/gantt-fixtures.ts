import type { GanttContext } from '../../src/charts/gantt.ts'
import type { GanttNodeSpec } from '../../src/charts/gantt-layout.ts'
import { presetCluster, resolveCluster } from '../../src/engine/catalog/clusters.ts'
import { applyBatch, createTimeline, type Timeline } from '../../src/engine/timeline.ts'

/** The node layout the worker sends for a preset cluster. */
export function presetNodes(name: string): GanttNodeSpec[] {
  return resolveCluster(presetCluster(name)!).nodes.map((n) => ({ first: n.gpuIndices[0]!, count: n.gpuIndices.length, gpu: n.gpu.label }))
}

export interface PlacedTask {
  readonly startStep: number
  readonly startS: number
  readonly finishS: number
  readonly gpus: readonly number[]
  /** Step its GPUs are freed (omit: still running). */
  readonly endStep?: number
}

/** A timeline holding the given tasks (in start order), filled the way the store fills it. */
export function timelineOf(tasks: readonly PlacedTask[], gpuCount: number, taskCount = tasks.length): Timeline {
  const tl = createTimeline(taskCount, gpuCount)
  appendTasks(tl, tasks, 0)
  return tl
}

/** Streams more tasks into a timeline (indices from `first`), as a later batch would. */
export function appendTasks(tl: Timeline, tasks: readonly PlacedTask[], first: number): void {
  const starts = tasks.flatMap((t, k) => [first + k, t.startStep, t.gpus.length, ...t.gpus])
  const ends = tasks.flatMap((t, k) => (t.endStep === undefined ? [] : [first + k, t.endStep]))
  applyBatch(tl, {
    knownStep: 0,
    done: false,
    arrivals: new Int32Array(tasks.flatMap((t, k) => [first + k, t.startStep])),
    starts: new Int32Array(starts),
    startTimes: new Float64Array(tasks.flatMap((t) => [t.startS, t.finishS])),
    ends: new Int32Array(ends),
    decisions: new Int32Array(0),
  })
}

export interface Call {
  readonly op: string
  readonly args: readonly (number | string)[]
  readonly fillStyle: string
  readonly alpha: number
  readonly font: string
  /** The clip rectangle in force (x, y, w, h), or null. */
  readonly clip: readonly number[] | null
}

/** A 2D context that records what is drawn, with the state in force at each call. */
export class RecordingContext implements GanttContext {
  fillStyle: string | CanvasGradient | CanvasPattern = '#000000'
  globalAlpha = 1
  font = '10px sans-serif'
  textAlign: CanvasTextAlign = 'start'
  textBaseline: CanvasTextBaseline = 'alphabetic'
  readonly calls: Call[] = []
  private clipRect: number[] | null = null
  private pathRect: number[] | null = null
  private stack: { fillStyle: string | CanvasGradient | CanvasPattern; alpha: number; font: string; clip: number[] | null }[] = []

  /** Every character is 7 px wide. */
  measureText(text: string) {
    return { width: 7 * text.length }
  }
  private record(op: string, args: (number | string)[]) {
    this.calls.push({ op, args, fillStyle: String(this.fillStyle), alpha: this.globalAlpha, font: this.font, clip: this.clipRect })
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
  clearRect(x: number, y: number, w: number, h: number) {
    this.record('clearRect', [x, y, w, h])
  }
  fillRect(x: number, y: number, w: number, h: number) {
    this.record('fillRect', [x, y, w, h])
  }
  fillText(text: string, x: number, y: number) {
    this.record('fillText', [text, x, y])
  }
  /** fillRect calls in one of `colors`: the bars, without the background. */
  rectsIn(colors: readonly string[]): Call[] {
    return this.calls.filter((c) => c.op === 'fillRect' && colors.includes(c.fillStyle))
  }
  texts(): Call[] {
    return this.calls.filter((c) => c.op === 'fillText')
  }
}
