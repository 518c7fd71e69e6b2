import { resourcesOf, segmentsOf } from '../run-view/track.ts'
import { barInsetPx, rowRuns, type Rect } from './gantt-geometry.ts'
import { rowAt } from './gantt-layout.ts'
import { MIN_RUNNING_PX, type GanttScene, type SegmentRef } from './gantt-scene.ts'
import { maxDurationS, segmentEndS, visibleRange, type GanttTrack } from './gantt-tracks.ts'
import { pxPerS, pxToTime } from './time-scale.ts'

// What is where on a drawn Gantt: the span a segment is shown over, the outlines of a task,
// the segment under the pointer.

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
