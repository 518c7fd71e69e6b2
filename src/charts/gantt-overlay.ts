import { axisBottom } from 'd3-axis'
import { scaleLinear } from 'd3-scale'
import { select } from 'd3-selection'
import type { Rect } from './gantt-geometry.ts'
import type { TimeScale } from './time-scale.ts'
import { ensure, type Sel } from './svg-ensure.ts'

/**
 * What the SVG over a Gantt's canvas shows: the time axis, task outlines and where the cursor
 * is when zoomed away from it (the cursor itself is drawn on the canvas: drawCursor).
 */
export interface GanttOverlay {
  readonly scale: TimeScale
  /** Height of the rows; the axis sits below them. */
  readonly plotHeightPx: number
  readonly axisHeightPx: number
  /** Where the cursor is when outside the window, with a label ("t = 4.00 s"); else null. */
  readonly cursorAway: { readonly side: 'left' | 'right'; readonly label: string } | null
  /** Unique in the document: names the clip path of the outlines. */
  readonly id: string
  readonly selected: readonly Rect[]
  readonly hovered: readonly Rect[]
  /** Tasks a breakdown or a lesson marks (amber). */
  readonly highlighted?: readonly Rect[]
  /** Compact axes for the small multiples. */
  readonly compact: boolean
}

function outlines(parent: Sel<SVGGElement>, cls: string, rects: readonly Rect[], stroke: string, strokeWidth: number): void {
  parent
    .selectAll<SVGRectElement, Rect>(`rect.${cls}`)
    .data(rects)
    .join('rect')
    .attr('class', cls)
    .attr('x', (r) => r.x)
    .attr('y', (r) => r.y)
    .attr('width', (r) => Math.max(0, r.w))
    .attr('height', (r) => Math.max(0, r.h))
    .attr('fill', 'none')
    .attr('stroke', stroke)
    .attr('stroke-width', strokeWidth)
}

/** Tick spacing that keeps labels apart at 11–12 px. */
const tickCount = (widthPx: number, compact: boolean) => Math.max(2, Math.floor(widthPx / (compact ? 90 : 80)))

/** What each overlay was last drawn with, so a frame updates only what changed. */
const drawn = new WeakMap<SVGSVGElement, { frame: string; marks: string; away: string }>()

/**
 * Updates the overlay in place (idempotent): the axis, the outlines and the away marker are
 * rebuilt only when what they show changed, so playback leaves the overlay untouched.
 */
export function drawGanttOverlay(element: SVGSVGElement, d: GanttOverlay): void {
  const svg = select(element)
  const width = d.scale.widthPx
  const last = drawn.get(element) ?? { frame: '', marks: '', away: '' }
  const frame = [d.scale.t0S, d.scale.t1S, width, d.plotHeightPx, d.axisHeightPx, d.compact, d.id].join('|')
  if (frame !== last.frame) drawFrame(svg, d)
  const marks = JSON.stringify([d.selected, d.hovered, d.highlighted ?? [], frame])
  if (marks !== last.marks) drawMarks(svg, d)
  const away = JSON.stringify([d.cursorAway, frame])
  if (away !== last.away) drawAway(svg, d)
  drawn.set(element, { frame, marks, away })
}

/** Size, time axis and clip path: what depends on the window and the size. */
function drawFrame(svg: Sel<SVGSVGElement>, d: GanttOverlay): void {
  const width = d.scale.widthPx
  const height = d.plotHeightPx + d.axisHeightPx
  svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`)

  const x = scaleLinear().domain([d.scale.t0S, d.scale.t1S]).range([0, width])
  const axis = axisBottom(x)
    .ticks(tickCount(width, d.compact))
    .tickSizeOuter(0)
    .tickSize(d.compact ? 3 : 5)
    .tickPadding(d.compact ? 2 : 4)
  const g = ensure(svg, 'g', 'gantt-axis').attr('transform', `translate(0,${d.plotHeightPx})`).call(axis)
  // d3-axis sets 10 px; 11–12 px reads on a projector.
  g.attr('font-size', d.compact ? 11 : 12).attr('font-family', null)
  g.selectAll('.tick line').attr('stroke', '#9ca3af')
  g.select('.domain').attr('stroke', '#9ca3af')
  g.selectAll('.tick text').attr('fill', '#4b5563')

  // Outlines of bars running off the plot stay open-ended at its edge.
  ensure(ensure(ensure(svg, 'defs', 'gantt-defs'), 'clipPath', 'marks-clip').attr('id', `${d.id}-marks`), 'rect', 'marks-clip-rect')
    .attr('x', 0)
    .attr('y', -4)
    .attr('width', width)
    .attr('height', d.plotHeightPx + 8)
  ensure(svg, 'g', 'gantt-marks').attr('clip-path', `url(#${d.id}-marks)`)
}

/** Outlines of the hovered and the selected task. */
function drawMarks(svg: Sel<SVGSVGElement>, d: GanttOverlay): void {
  const marks = ensure(svg, 'g', 'gantt-marks')
  // Groups first, in paint order, so rects joined later never change the stacking.
  const highlightHalo = ensure(marks, 'g', 'highlight-halo')
  const highlight = ensure(marks, 'g', 'highlight')
  const hover = ensure(marks, 'g', 'hover')
  const halo = ensure(marks, 'g', 'halo')
  const selection = ensure(marks, 'g', 'selection')
  outlines(highlightHalo, 'highlight-halo', d.highlighted ?? [], '#ffffff', 6)
  outlines(highlight, 'highlight-outline', d.highlighted ?? [], '#d97706', 3)
  outlines(hover, 'hover-outline', d.hovered, '#111827', 1.5)
  // A white halo under a dark line keeps the outline visible on every bar colour.
  outlines(halo, 'selection-halo', d.selected, '#ffffff', 5)
  outlines(selection, 'selection-outline', d.selected, '#111827', 2.5)
}

/** Zoomed away from the cursor: say where it is, at the edge it lies beyond. */
function drawAway(svg: Sel<SVGSVGElement>, d: GanttOverlay): void {
  const width = d.scale.widthPx
  const away = ensure(svg, 'g', 'gantt-cursor-away')
    .attr('display', d.cursorAway === null ? 'none' : null)
    .attr('transform', `translate(${d.cursorAway?.side === 'right' ? width : 0},0)`)
  const dir = d.cursorAway?.side === 'right' ? 1 : -1
  ensure(away, 'path', 'away-arrow').attr('d', `M0,6L${-dir * 7},0V12Z`).attr('fill', '#111827')
  ensure(away, 'text', 'away-label')
    .attr('x', -dir * 10)
    .attr('y', 10)
    .attr('text-anchor', dir > 0 ? 'end' : 'start')
    .attr('font-size', 11)
    .attr('font-weight', 600)
    .attr('fill', '#111827')
    .attr('paint-order', 'stroke')
    .attr('stroke', '#ffffff')
    .attr('stroke-width', 3)
    .attr('display', d.compact ? 'none' : null)
    .text(d.cursorAway?.label ?? '')
}
