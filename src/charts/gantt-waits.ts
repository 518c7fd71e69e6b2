import { select } from 'd3-selection'
import type { Rect } from './gantt-geometry.ts'
import type { FutureMode } from './gantt-scene.ts'
import type { GanttTrack } from './gantt-tracks.ts'
import { pxPerS, type TimeScale } from './time-scale.ts'
import { segmentsOf } from '../run-view/track.ts'

/**
 * The focus view's waiting lanes, under the GPU rows: each waiting segment (arrival → start, or
 * preemption → resumption) as a thin bar in its task's colour, and an arrival marker at the
 * start of each task's first wait, so waiting is seen rather than inferred. Segments share a
 * lane when they do not overlap in time (greedy by start, which uses as few lanes as the queue
 * is ever long). Drawn for small runs only: a lane per waiting task stops reading past a few dozen.
 */
export interface WaitLanes {
  readonly count: number
  /** Per waiting segment (track position): its lane. */
  readonly laneOf: Int32Array
  /** Per waiting segment: whether it is its task's first (it starts at the arrival). */
  readonly arrival: Uint8Array
  readonly lanePx: number
  readonly heightPx: number
}

/** Past this many waiting segments or lanes, no lanes are drawn. */
export const MAX_WAIT_SEGMENTS = 400
export const MAX_WAIT_LANES = 24

/** Lanes for a waiting track, or null when there is none to draw (none, or too many). */
export function waitLanes(track: GanttTrack | undefined, itemCount: number): WaitLanes | null {
  if (track === undefined || track.length === 0 || track.length > MAX_WAIT_SEGMENTS) return null
  const laneOf = new Int32Array(track.length)
  const arrival = new Uint8Array(track.length)
  const ends: number[] = []
  for (let s = 0; s < track.length; s++) {
    const t0 = track.t0[s]!
    // Still open: it holds its lane for good. A wait of no length still takes a lane at its time.
    const t1 = track.stepClose[s]! < 0 ? Infinity : Math.max(t0, track.t1[s]!)
    let lane = ends.findIndex((end) => end < t0)
    if (lane < 0) {
      lane = ends.length
      ends.push(t1)
    } else ends[lane] = t1
    laneOf[s] = lane
    arrival[s] = segmentsOf(track, track.item[s]!, itemCount)[0] === s ? 1 : 0
  }
  if (ends.length > MAX_WAIT_LANES) return null
  const lanePx = ends.length <= 8 ? 12 : 7
  return { count: ends.length, laneOf, arrival, lanePx, heightPx: ends.length * lanePx + 6 }
}

/** One drawn wait: its bar (possibly empty), arrival marker, label, and whether it is after the cursor. */
export interface WaitMark extends Rect {
  readonly task: number
  readonly s: number
  readonly color: string
  readonly arrival: boolean
  readonly faint: boolean
  readonly label: string | null
}

export interface WaitScene {
  readonly scale: TimeScale
  readonly cursorStep: number
  readonly cursorS: number
  readonly future: FutureMode
  readonly colors: readonly string[]
  readonly labels: readonly string[] | null
}

/**
 * The waits to draw at `topPx`, as the bars are drawn: with the future hidden, only waits begun
 * by the cursor, cut at it; dimmed, the part after the cursor faint.
 */
export function waitMarks(track: GanttTrack, lanes: WaitLanes, scene: WaitScene, topPx: number): WaitMark[] {
  const { scale, cursorS } = scene
  const k = pxPerS(scale)
  const x = (t: number) => (t - scale.t0S) * k
  const out: WaitMark[] = []
  for (let s = 0; s < track.length; s++) {
    const task = track.item[s]!
    const t0 = track.t0[s]!
    const closed = track.stepClose[s]! >= 0
    const t1 = closed ? track.t1[s]! : Infinity
    const y = topPx + 3 + lanes.laneOf[s]! * lanes.lanePx
    const h = lanes.lanePx - 3
    const base = { task, s, y, h, color: scene.colors[task] ?? '#9ca3af', arrival: lanes.arrival[s] === 1 }
    const label = scene.labels !== null && h >= 9 ? scene.labels[task] ?? null : null
    if (track.stepOpen[s]! > scene.cursorStep) {
      if (scene.future === 'dimmed') out.push({ ...base, x: x(t0), w: Math.max(0, x(Math.min(t1, scale.t1S)) - x(t0)), faint: true, label })
      continue
    }
    const end = closed && (scene.future === 'dimmed' || track.stepClose[s]! <= scene.cursorStep) ? t1 : Math.max(t0, Math.min(t1, cursorS))
    out.push({ ...base, x: x(t0), w: Math.max(0, x(Math.min(end, scale.t1S)) - x(t0)), faint: false, label })
    if (scene.future === 'dimmed' && end > cursorS) {
      // The part after the cursor, faint, over the first.
      out.push({ ...base, x: x(Math.max(t0, cursorS)), w: Math.max(0, x(Math.min(end, scale.t1S)) - x(Math.max(t0, cursorS))), arrival: false, faint: true, label: null })
    }
  }
  return out.filter((m) => m.x <= scale.widthPx && m.x + m.w >= 0)
}

/** The wait drawn under (x, y), or null (a little tolerance: short waits are thin). */
export function waitAt(marks: readonly WaitMark[], xPx: number, yPx: number, tolerancePx = 3): WaitMark | null {
  let best: WaitMark | null = null
  let bestDistance = Infinity
  for (const m of marks) {
    if (yPx < m.y - 1 || yPx > m.y + m.h + 1) continue
    const d = xPx < m.x ? m.x - xPx : xPx > m.x + m.w ? xPx - m.x - m.w : 0
    if (d <= tolerancePx && d < bestDistance) {
      best = m
      bestDistance = d
    }
  }
  return best
}

/** What one draw of the waiting lanes shows (drawWaits). */
export interface WaitDrawing {
  readonly marks: readonly WaitMark[]
  readonly ids: readonly string[]
  /** Per mark: its tooltip ("B waits 0.00 s → 1.00 s (1.00 s)"). */
  readonly titles: readonly string[]
  readonly highlighted: ReadonlySet<number>
  readonly heightPx: number
  /** The cursor's x (px), or null when outside the window. */
  readonly cursorPx: number | null
}

/** A label fits in a bar this wide or wider (px per character, roughly, at 10 px). */
const CHAR_PX = 6

/** Draws the lanes into `svg`, outside React: a cursor move redraws them without a render. */
export function drawWaits(svg: SVGSVGElement, d: WaitDrawing): void {
  const root = select(svg)
  const groups = root
    .selectAll<SVGGElement, WaitMark>('g.wait')
    .data(d.marks)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'wait')
      g.append('title')
      g.append('rect').attr('rx', 2).attr('fill-opacity', 0.45)
      g.append('path').attr('class', 'wait-arrival')
      g.append('text').attr('class', 'wait-label')
      return g
    })
  groups.attr('opacity', (m) => (m.faint ? 0.35 : 1))
  groups.select('title').text((_, k) => d.titles[k] ?? '')
  groups
    .select('rect')
    .attr('x', (m) => m.x)
    .attr('y', (m) => m.y)
    .attr('width', (m) => Math.max(m.w, 1))
    .attr('height', (m) => m.h)
    .attr('fill', (m) => m.color)
    .attr('stroke', (m) => (d.highlighted.has(m.task) ? '#d97706' : m.color))
    .attr('stroke-width', (m) => (d.highlighted.has(m.task) ? 2 : 1))
  groups.select('path').attr('d', (m) => (m.arrival ? `M${m.x},${m.y - 2} l4,-3 h-8 z M${m.x},${m.y - 2} v${m.h + 3}` : null))
  groups
    .select('text')
    .attr('x', (m) => m.x + 4)
    .attr('y', (m) => m.y + m.h / 2)
    .text((m) => (m.label !== null && m.w >= (m.label.length + 1) * CHAR_PX ? m.label : ''))
  root
    .selectAll<SVGLineElement, number>('line.wait-cursor')
    .data(d.cursorPx === null ? [] : [d.cursorPx])
    .join('line')
    .attr('class', 'wait-cursor')
    .attr('x1', (x) => x)
    .attr('x2', (x) => x)
    .attr('y1', 0)
    .attr('y2', d.heightPx)
}
