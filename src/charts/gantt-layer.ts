import { clipped, cursorPx, drawBackground, drawPass, drawPassPart, flushMerged, FUTURE_ALPHA, mergerFor, passRange, type Pass } from './gantt-draw.ts'
import { createRowMerger } from './gantt-merge.ts'
import type { DrawStats, GanttContext, GanttScene } from './gantt-scene.ts'

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
