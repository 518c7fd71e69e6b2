import { axisBottom, axisLeft } from 'd3-axis'
import { scaleLinear } from 'd3-scale'
import { select } from 'd3-selection'
import { curveStepAfter, line } from 'd3-shape'
import { decimateSteps } from './decimate.ts'
import { valueAt, type StepPoint, type StepSeries } from '../run-view/series.ts'
import { ensure, type Sel } from './svg-ensure.ts'

/** One algorithm's curve. Lines are drawn in order, the last on top. */
export interface ChartLine {
  readonly key: string
  readonly color: string
  readonly points: StepSeries
}

export interface LineChartData {
  /** Unique in the document: names the clip paths. */
  readonly id: string
  readonly width: number
  readonly height: number
  /** Seconds: the same for every chart of a run. */
  readonly xDomain: readonly [number, number]
  /** The y axis runs from 0 to this (shared by the lines). */
  readonly yMax: number
  readonly xLabel: string
  readonly yLabel: string
  readonly yFormat?: (value: number) => string
  /** Ticks at whole numbers only (counts). */
  readonly yIntegers?: boolean
  readonly lines: readonly ChartLine[]
  readonly cursorS: number
  /** What to do with the part after the cursor. */
  readonly future: 'hidden' | 'dimmed'
}

export const CHART_MARGIN = { top: 12, right: 16, bottom: 42, left: 58 } as const
const FONT_PX = 12
const BASE_STROKE = 2.5
const STROKE_STEP = 1.6
/** Four algorithms at most: the widest line lies under three equal ones. */
const WIDEST_STROKE = BASE_STROKE + STROKE_STEP * 3

function scales(d: LineChartData) {
  const innerW = Math.max(10, d.width - CHART_MARGIN.left - CHART_MARGIN.right)
  const innerH = Math.max(10, d.height - CHART_MARGIN.top - CHART_MARGIN.bottom)
  const yTicks = Math.max(2, Math.min(5, Math.floor(innerH / 36)))
  const x = scaleLinear().domain(d.xDomain).range([0, innerW])
  // Round the top up to a tick, so the highest curve ends on a labelled line.
  const y = scaleLinear()
    .domain([0, d.yMax > 0 ? d.yMax : 1])
    .range([innerH, 0])
    .nice(yTicks)
  return { x, y, innerW, innerH, yTicks }
}

/**
 * Stroke widths: a line that coincides with later-drawn lines is drawn wider, one step per
 * line on top of it, so identical curves show as nested stripes instead of hiding each other.
 */
function strokeWidths(paths: readonly string[]): number[] {
  return paths.map((p, k) => BASE_STROKE + STROKE_STEP * paths.slice(k + 1).filter((q) => q === p).length)
}

/** The step curve, held at its last value up to the end of the time axis (extends `points` in place). */
function extended(points: StepPoint[], endS: number): StepPoint[] {
  const last = points[points.length - 1]
  if (last !== undefined && last[0] < endS) points.push([endS, last[1]])
  return points
}

/**
 * Each curve's path as last drawn, and the scales (and the curve's length and end) it was drawn
 * for. A chart draws every line again as each algorithm's comes: after a 10,000-request serving
 * run, the last commit drew 28 curves, 20–34 ms of thread time (docs/performance.md,
 * "Twelfth pass"), where only the new algorithm's had changed.
 */
const drawnPaths = new WeakMap<StepSeries, { readonly key: string; readonly d: string }>()

/**
 * Draws step lines over time, one per algorithm, with axes, their labels and the time cursor.
 * Everything right of the cursor is hidden or dimmed (the past is clipped at the cursor).
 * Idempotent: calling it again updates the same elements.
 */
export function drawLineChart(element: SVGSVGElement, d: LineChartData): void {
  const svg = select(element)
  const { x, y, innerW, innerH, yTicks } = scales(d)
  svg.attr('width', d.width).attr('height', d.height).attr('viewBox', `0 0 ${d.width} ${d.height}`)

  const defs = ensure(svg, 'defs', 'chart-defs')
  // A stroke's width past the plot on every side: a step at the axis' end (the last completion
  // of a run, where the cursor stops) is drawn whole, not cut in half at the edge.
  ensure(ensure(defs, 'clipPath', 'plot-clip').attr('id', `${d.id}-plot`), 'rect', 'plot-rect')
    .attr('x', -WIDEST_STROKE)
    .attr('y', -WIDEST_STROKE)
    .attr('width', innerW + 2 * WIDEST_STROKE)
    .attr('height', innerH + 2 * WIDEST_STROKE)
  ensure(ensure(defs, 'clipPath', 'past-clip').attr('id', `${d.id}-past`), 'rect', 'past-rect')
    .attr('y', -WIDEST_STROKE)
    .attr('height', innerH + 2 * WIDEST_STROKE)

  const plot = ensure(svg, 'g', 'plot').attr('transform', `translate(${CHART_MARGIN.left},${CHART_MARGIN.top})`)

  const yAxis = axisLeft(y)
    .tickSizeInner(-innerW)
    .tickSizeOuter(0)
    .tickPadding(8)
    .tickFormat((v) => (d.yFormat ?? String)(Number(v)))
  if (d.yIntegers) yAxis.tickValues(y.ticks(Math.min(yTicks, Math.max(1, y.domain()[1]!))).filter(Number.isInteger))
  else yAxis.ticks(yTicks)
  styleAxis(ensure(plot, 'g', 'y-axis').call(yAxis), 'grid')

  const xAxis = axisBottom(x)
    .ticks(Math.max(2, Math.min(10, Math.floor(innerW / 70))))
    .tickSizeOuter(0)
    .tickPadding(6)
  styleAxis(ensure(plot, 'g', 'x-axis').attr('transform', `translate(0,${innerH})`).call(xAxis), 'ticks')

  ensure(plot, 'text', 'x-label')
    .attr('x', innerW / 2)
    .attr('y', innerH + CHART_MARGIN.bottom - 6)
    .attr('text-anchor', 'middle')
    .attr('font-size', FONT_PX)
    .attr('fill', 'currentColor')
    .text(d.xLabel)
  ensure(plot, 'text', 'y-label')
    .attr('transform', `translate(${-CHART_MARGIN.left + 14},${innerH / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .attr('font-size', FONT_PX)
    .attr('fill', 'currentColor')
    .text(d.yLabel)

  const path = line<StepPoint>()
    .x((p) => x(p[0]))
    .y((p) => y(p[1]))
    .curve(curveStepAfter)
  // Long runs change value many times per pixel: draw what the pixels can show. The mapping is
  // inlined (not the d3 scale) as it runs once per point of every curve.
  const [d0, d1] = d.xDomain
  const pxPerS = d1 > d0 ? innerW / (d1 - d0) : 0
  const toPx = (t: number) => (t - d0) * pxPerS
  const scaleKey = `${d0} ${d1} ${innerW} ${innerH} ${y.domain().join(' ')}`
  const paths = d.lines.map((l) => {
    const { t, v } = l.points
    const key = `${scaleKey} ${t.length} ${t[t.length - 1]} ${v[v.length - 1]}`
    const known = drawnPaths.get(l.points)
    if (known?.key === key) return known.d
    const drawn = path(extended(decimateSteps(l.points, toPx), d1)) ?? ''
    drawnPaths.set(l.points, { key, d: drawn })
    return drawn
  })
  const widths = strokeWidths(paths)
  const lines = d.lines.map((l, k) => ({ ...l, d: paths[k]!, width: widths[k]! }))

  // The cursor's line lies under the curves (its dots over them): a step at the cursor's time
  // (the run's last completion when the cursor is at its end) shows over the dashed line.
  ensure(plot, 'g', 'cursor')
  const area = ensure(plot, 'g', 'lines').attr('clip-path', `url(#${d.id}-plot)`)
  for (const layer of ['future', 'past'] as const) {
    const g = ensure(area, 'g', layer)
    if (layer === 'past') g.attr('clip-path', `url(#${d.id}-past)`)
    g.attr('display', layer === 'future' && d.future === 'hidden' ? 'none' : null)
    g.selectAll<SVGPathElement, (typeof lines)[number]>('path.line')
      .data(lines, (l) => l.key)
      .join('path')
      .attr('class', 'line')
      .attr('data-algorithm', (l) => l.key)
      .attr('fill', 'none')
      .attr('stroke', (l) => l.color)
      .attr('stroke-width', (l) => l.width)
      .attr('stroke-linejoin', 'round')
      .attr('stroke-opacity', layer === 'future' ? 0.22 : 1)
      .attr('d', (l) => l.d)
  }
  drawLineChartCursor(element, d)
}

/**
 * Moves the cursor (and the clip of the past) only: cheap enough for every frame of playback.
 * Expects drawLineChart to have drawn the chart with the same data but the cursor.
 */
export function drawLineChartCursor(element: SVGSVGElement, d: LineChartData): void {
  const svg = select(element)
  const { x, y, innerH } = scales(d)
  const [x0, x1] = x.range() as [number, number]
  const cx = Math.max(x0, Math.min(x1, x(d.cursorS)))
  svg.select('rect.past-rect').attr('x', -WIDEST_STROKE).attr('width', cx + WIDEST_STROKE)
  const plot = svg.select<SVGGElement>('g.plot')
  const cursor = ensure(plot, 'g', 'cursor').attr('transform', `translate(${cx},0)`)
  const dots = ensure(plot, 'g', 'cursor-dots').attr('transform', `translate(${cx},0)`)
  ensure(cursor, 'line', 'cursor-line')
    .attr('y1', 0)
    .attr('y2', innerH)
    .attr('stroke', '#111827')
    .attr('stroke-width', 1.5)
    .attr('stroke-dasharray', '4 3')
  dots
    .selectAll<SVGCircleElement, ChartLine>('circle.cursor-dot')
    .data(d.lines, (l) => l.key)
    .join('circle')
    .attr('class', 'cursor-dot')
    .attr('data-algorithm', (l) => l.key)
    .attr('r', 4)
    .attr('cy', (l) => y(valueAt(l.points, d.cursorS)))
    .attr('fill', (l) => l.color)
    .attr('stroke', '#fff')
    .attr('stroke-width', 1.5)
}

function styleAxis(g: Sel<SVGGElement>, kind: 'grid' | 'ticks'): void {
  // d3-axis sets 10px sans-serif: too small at projector distance; the page font reads better.
  g.attr('font-size', FONT_PX).attr('font-family', null)
  g.selectAll('.tick line').attr('stroke', kind === 'grid' ? '#e5e7eb' : '#9ca3af')
  g.select('.domain').attr('stroke', '#9ca3af').attr('display', kind === 'grid' ? 'none' : null)
  g.selectAll('.tick text').attr('fill', '#374151')
}
