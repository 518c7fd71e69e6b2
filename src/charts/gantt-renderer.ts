import { runSliced, type Cancel } from '../timing/scheduler.ts'
import { drawCursor, drawGantt } from './gantt-draw.ts'
import { drawLayered, layerBuilder, type GanttLayer } from './gantt-layer.ts'
import type { GanttContext, GanttScene } from './gantt-scene.ts'

/** What one frame of a view asks the renderer to draw. */
export interface GanttFrame {
  /** The scene, or null when there is nothing to show (the canvas is cleared). */
  readonly scene: GanttScene | null
  /** What the bars depend on, the cursor aside: a layer drawn for one key stands for it until it changes. */
  readonly key: readonly unknown[]
  /** A run is streaming in: its next batch would make a layer stale, so none is built. */
  readonly streaming: boolean
  readonly widthPx: number
  readonly heightPx: number
  readonly dpr: number
  /** Where the cursor is drawn (px), or null when it is outside the window. */
  readonly cursorPx: number | null
  /** Small multiples draw a smaller cursor head. */
  readonly compact: boolean
}

/** Draws one view's frames, keeping and scheduling its off-screen layer. */
export interface GanttRenderer {
  render(ctx: GanttContext, frame: GanttFrame): void
  dispose(): void
}

/** How long the bars must hold still, after changing in quick succession, before a layer is drawn ahead of need. */
const SETTLE_MS = 300
/** Tasks drawn on a layer between looks at the clock (labels make a task cost up to ~20 µs). */
const LAYER_PART_TASKS = 100
const ONE_FRAME_MS = 16

/**
 * When a view last finished its layer within a frame (see render): one view a frame does, so a
 * drag begun before the idle time drew the layers pays one layer per frame, not five at once.
 */
let layerFinishedInFrameAt = -Infinity

const sameKey = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i])

/** A layer and the key it was drawn for ([] while none is complete). */
interface LayerCache {
  readonly layer: GanttLayer
  /** Sizes the layer's backing store. */
  readonly resize: (w: number, h: number) => void
  key: readonly unknown[]
}

/** An off-screen canvas for layers (null where there is no 2D canvas, as in jsdom). */
export function canvasLayer(): { layer: GanttLayer; resize: (w: number, h: number) => void } | null {
  const canvas = document.createElement('canvas')
  let ctx: CanvasRenderingContext2D | null = null
  try {
    ctx = canvas.getContext('2d')
  } catch {
    ctx = null
  }
  if (ctx === null) return null
  return {
    layer: { ctx, image: canvas },
    resize(w, h) {
      if (canvas.width !== w) canvas.width = w
      if (canvas.height !== h) canvas.height = h
    },
  }
}

/**
 * The renderer of one Gantt view (excalidraw's StaticCanvas split: the component sizes the
 * canvas and hands over frames; this decides how to draw them). While the key changes from
 * frame to frame (a run streaming in, a zoom gesture) the bars are drawn directly, culled by
 * the cursor; once it holds still they are drawn once off screen, in idle time, and a moving
 * cursor only copies them. `makeLayer` makes the off-screen canvas (tests pass a fake).
 */
export function createGanttRenderer(makeLayer: () => ReturnType<typeof canvasLayer> = canvasLayer): GanttRenderer {
  let cache: LayerCache | null | undefined
  let lastKey: readonly unknown[] = []
  /** When the key last changed (outside a streaming run). */
  let lastChange = -Infinity
  let cancelBuild: Cancel | null = null
  /** The key of the layer a pending build will draw, and how long it waits. */
  let pendingKey: readonly unknown[] = []
  let pendingDelay = Infinity
  /** The pending build's progress, once it has begun. */
  let building: { readonly key: readonly unknown[]; readonly builder: ReturnType<typeof layerBuilder> } | null = null
  /** Frames in a row drawn directly although the bars held still (the layer not yet drawn). */
  let directFrames = 0

  const layerCache = (): LayerCache | null => {
    if (cache === undefined) {
      const made = makeLayer()
      cache = made === null ? null : { ...made, key: [] }
    }
    return cache
  }

  const settled = () => {
    cancelBuild = null
    pendingKey = []
    pendingDelay = Infinity
  }

  /** Starts drawing the layer (cleared: half drawn, it stands for nothing). */
  const begin = (c: LayerCache, frame: GanttFrame, scene: GanttScene) => {
    c.resize(Math.round(frame.widthPx * frame.dpr), Math.round(frame.heightPx * frame.dpr))
    c.layer.ctx.setTransform(frame.dpr, 0, 0, frame.dpr, 0, 0)
    c.key = []
    building = { key: frame.key, builder: layerBuilder(c.layer, scene) }
    return building.builder
  }

  /** Builds the layer in the page's idle time (before other idle work), LAYER_PART_TASKS tasks at a time, after `delay`. */
  const schedule = (c: LayerCache, frame: GanttFrame, scene: GanttScene, delay: number) => {
    cancelBuild?.()
    pendingKey = frame.key
    pendingDelay = delay
    const build = () => {
      let builder: ReturnType<typeof layerBuilder> | null = null
      cancelBuild = runSliced((deadline) => {
        if (!sameKey(frame.key, lastKey)) {
          settled()
          return true
        }
        builder ??= begin(c, frame, scene)
        while (!builder.step(LAYER_PART_TASKS)) if (performance.now() >= deadline) return false
        c.key = frame.key
        building = null
        settled()
        return true
      }, true)
    }
    if (delay === 0) build()
    else {
      const timer = setTimeout(build, delay)
      cancelBuild = () => clearTimeout(timer)
    }
  }

  return {
    render(ctx, frame) {
      const { scene, key } = frame
      const steady = sameKey(key, lastKey)
      lastKey = key
      // A gesture changes the key frame after frame; a run's end or a recolouring once.
      // (Changes while a run streams in do not count: no layer is built then anyway.)
      const now = performance.now()
      const settling = !steady && now - lastChange < SETTLE_MS
      if (!steady && !frame.streaming) lastChange = now
      if (scene === null) ctx.clearRect(0, 0, frame.widthPx, frame.heightPx)
      else draw(ctx, frame, scene, steady, settling, now)
      if (frame.cursorPx !== null) drawCursor(ctx, frame.cursorPx, frame.heightPx, frame.compact)
    },
    dispose() {
      cancelBuild?.()
      cancelBuild = null
    },
  }

  function draw(ctx: GanttContext, frame: GanttFrame, scene: GanttScene, steady: boolean, settling: boolean, now: number): void {
    const { key } = frame
    const c = layerCache()
    // Bars that held still since the last frame, drawn directly again: the cursor moves (a
    // drag or playback begun before idle time drew the layer). Each such frame costs about
    // what the layer does, so finish it now, one view a frame, and copy it from then on.
    if (c !== null && steady && directFrames > 0 && !frame.streaming && now - layerFinishedInFrameAt > ONE_FRAME_MS && !sameKey(key, c.key)) {
      cancelBuild?.()
      settled()
      const builder = building !== null && sameKey(building.key, key) ? building.builder : begin(c, frame, scene)
      while (!builder.step(LAYER_PART_TASKS * 100));
      c.key = key
      building = null
      layerFinishedInFrameAt = performance.now()
    }
    if (c !== null && sameKey(key, c.key)) {
      directFrames = 0
      drawLayered(ctx, scene, c.layer)
    } else {
      directFrames = steady ? directFrames + 1 : 0
      drawGantt(ctx, scene)
      // Built in the next task unless the key keeps changing (then once it has held still
      // for a moment), so a drag or playback right after a run ends finds it ready.
      const delay = settling ? SETTLE_MS : 0
      if (c !== null && !frame.streaming && (!sameKey(key, pendingKey) || delay < pendingDelay)) schedule(c, frame, scene, delay)
    }
  }
}
