import type { RowLayout } from './gantt-layout.ts'
import type { GanttTrack } from './gantt-tracks.ts'
import type { TimeScale } from './time-scale.ts'
import type { ServingScene } from './gantt-iterations.ts'

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
  /** A serving run: its iterations are drawn as batches (gantt-iterations.ts). */
  readonly serving?: ServingScene
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

/**
 * A task running at the cursor is drawn at least this wide, so one that just started shows: past
 * the cursor line and its head (6 px either side), not a sliver under them.
 */
export const MIN_RUNNING_PX = 8
