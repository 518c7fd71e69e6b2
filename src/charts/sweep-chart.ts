import { axisBottom, axisLeft } from 'd3-axis'
import { scaleLinear } from 'd3-scale'
import { select } from 'd3-selection'
import { area, line } from 'd3-shape'

/** One policy's metric at one point: the mean over seeds and the spread (smallest to largest seed). */
export interface SweepDatum {
  readonly point: number
  readonly x: number
  /** null: no seed had a value (no task completed). */
  readonly mean: number | null
  readonly min: number | null
  readonly max: number | null
}

export interface SweepSeries {
  /** The policy's name. */
  readonly key: string
  readonly color: string
  readonly data: readonly SweepDatum[]
}

export interface SweepChartData {
  readonly width: number
  readonly height: number
  readonly xLabel: string
  readonly yLabel: string
  readonly series: readonly SweepSeries[]
  /** A point's dot was clicked. */
  readonly onPick?: (algorithm: string, point: number) => void
  /** The words a dot's tooltip says of a datum. */
  readonly describe: (series: SweepSeries, d: SweepDatum) => string
}

export const SWEEP_MARGIN = { top: 12, right: 18, bottom: 42, left: 64 } as const

type Defined = SweepDatum & { readonly mean: number; readonly min: number; readonly max: number }
const defined = (d: SweepDatum): d is Defined => d.mean !== null && d.min !== null && d.max !== null

/** The scales of a chart, so a test can map a plotted value back (and the drawing uses the same). */
export function sweepScales(d: Pick<SweepChartData, 'width' | 'height' | 'series'>) {
  const innerW = Math.max(10, d.width - SWEEP_MARGIN.left - SWEEP_MARGIN.right)
  const innerH = Math.max(10, d.height - SWEEP_MARGIN.top - SWEEP_MARGIN.bottom)
  const xs = d.series.flatMap((s) => s.data.map((p) => p.x))
  let [x0, x1] = xs.length === 0 ? [0, 1] : [Math.min(...xs), Math.max(...xs)]
  // One point alone sits in the middle of an axis a little wider than it.
  if (x0 === x1) [x0, x1] = [x0 - Math.max(1, Math.abs(x0) * 0.1), x1 + Math.max(1, Math.abs(x1) * 0.1)]
  const top = Math.max(0, ...d.series.flatMap((s) => s.data.filter(defined).map((p) => p.max)))
  const x = scaleLinear().domain([x0, x1]).range([0, innerW])
  const y = scaleLinear()
    .domain([0, top > 0 ? top : 1])
    .range([innerH, 0])
    .nice(5)
  return { x, y, innerW, innerH }
}

/**
 * Each policy's metric against the parameter: the mean as a line with a dot per point, the
 * spread over seeds as a band behind it, in the policy's colour. Idempotent: drawing again
 * updates the same elements. Dots carry their point and value (`data-point`, `data-value`).
 */
export function drawSweepChart(element: SVGSVGElement, d: SweepChartData): void {
  const svg = select(element)
  const { x, y, innerW, innerH } = sweepScales(d)
  svg.attr('width', d.width).attr('height', d.height).attr('viewBox', `0 0 ${d.width} ${d.height}`)
  const plot = svg.selectAll<SVGGElement, null>('g.plot').data([null]).join('g').attr('class', 'plot').attr('transform', `translate(${SWEEP_MARGIN.left},${SWEEP_MARGIN.top})`)

  const yAxis = plot.selectAll<SVGGElement, null>('g.y-axis').data([null]).join('g').attr('class', 'y-axis')
  yAxis.call(axisLeft(y).ticks(5).tickSizeInner(-innerW).tickSizeOuter(0).tickPadding(8))
  yAxis.selectAll('.tick line').attr('stroke', '#e5e7eb')
  yAxis.select('.domain').attr('display', 'none')
  const xAxis = plot.selectAll<SVGGElement, null>('g.x-axis').data([null]).join('g').attr('class', 'x-axis').attr('transform', `translate(0,${innerH})`)
  xAxis.call(axisBottom(x).ticks(Math.max(2, Math.min(10, Math.floor(innerW / 70)))).tickSizeOuter(0).tickPadding(6))
  for (const g of [xAxis, yAxis]) {
    g.attr('font-size', 12).attr('font-family', null)
    g.selectAll('.tick text').attr('fill', '#374151')
  }
  xAxis.selectAll('.tick line, .domain').attr('stroke', '#9ca3af')

  const label = (cls: string) => plot.selectAll<SVGTextElement, null>(`text.${cls}`).data([null]).join('text').attr('class', cls).attr('font-size', 12).attr('fill', 'currentColor').attr('text-anchor', 'middle')
  label('x-label').attr('x', innerW / 2).attr('y', innerH + SWEEP_MARGIN.bottom - 6).text(d.xLabel)
  label('y-label').attr('transform', `translate(${-SWEEP_MARGIN.left + 14},${innerH / 2}) rotate(-90)`).text(d.yLabel)

  const band = area<Defined>().x((p) => x(p.x)).y0((p) => y(p.min)).y1((p) => y(p.max))
  const mean = line<SweepDatum>().defined(defined).x((p) => x(p.x)).y((p) => y(p.mean ?? 0))
  const layer = (cls: string) => plot.selectAll<SVGGElement, null>(`g.${cls}`).data([null]).join('g').attr('class', cls)
  layer('bands')
    .selectAll<SVGPathElement, SweepSeries>('path.band')
    .data(d.series, (s) => s.key)
    .join('path')
    .attr('class', 'band')
    .attr('data-algorithm', (s) => s.key)
    .attr('fill', (s) => s.color)
    .attr('fill-opacity', 0.14)
    .attr('d', (s) => band(s.data.filter(defined)) ?? '')
  layer('lines')
    .selectAll<SVGPathElement, SweepSeries>('path.line')
    .data(d.series, (s) => s.key)
    .join('path')
    .attr('class', 'line')
    .attr('data-algorithm', (s) => s.key)
    .attr('fill', 'none')
    .attr('stroke', (s) => s.color)
    .attr('stroke-width', 2.5)
    .attr('d', (s) => mean([...s.data]) ?? '')
  const dots = layer('dots')
    .selectAll<SVGGElement, SweepSeries>('g.series-dots')
    .data(d.series, (s) => s.key)
    .join('g')
    .attr('class', 'series-dots')
    .selectAll<SVGCircleElement, { s: SweepSeries; p: Defined }>('circle.dot')
    .data((s) => s.data.filter(defined).map((p) => ({ s, p })), (e) => String(e.p.point))
    .join('circle')
    .attr('class', 'dot')
    .attr('data-algorithm', (e) => e.s.key)
    .attr('data-point', (e) => e.p.point)
    .attr('data-value', (e) => e.p.mean)
    .attr('cx', (e) => x(e.p.x))
    .attr('cy', (e) => y(e.p.mean))
    .attr('r', 4.5)
    .attr('fill', (e) => e.s.color)
    .attr('stroke', '#fff')
    .attr('stroke-width', 1.5)
    .style('cursor', () => (d.onPick === undefined ? null : 'pointer'))
    .on('click', (_, e) => d.onPick?.(e.s.key, e.p.point))
  dots.selectAll('title').data((e) => [e]).join('title').text((e) => d.describe(e.s, e.p))
}
