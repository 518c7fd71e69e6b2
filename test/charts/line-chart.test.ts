// @vitest-environment jsdom
import { seriesFromPoints } from '../../src/run-view/series.ts'
import { beforeEach, describe, expect, it } from 'vitest'
import { CHART_MARGIN, drawLineChart, drawLineChartCursor, type LineChartData } from '../../src/charts/line-chart.ts'

const SVG_NS = 'http://www.w3.org/2000/svg'

// 400 × 200: the plot is 400 − 58 − 16 = 326 px wide and 200 − 12 − 42 = 146 px high.
const INNER_W = 400 - CHART_MARGIN.left - CHART_MARGIN.right
const data: LineChartData = {
  id: 'test-chart',
  width: 400,
  height: 200,
  xDomain: [0, 10],
  yMax: 20,
  xLabel: 'time (s)',
  yLabel: 'tasks waiting',
  yIntegers: true,
  lines: [
    { key: 'FIFO', color: '#6b7280', points: seriesFromPoints([[0, 0], [2, 12], [6, 4]]) },
    { key: 'SRPT', color: '#059669', points: seriesFromPoints([[0, 0], [1, 20], [5, 0]]) },
    { key: 'WSRPT', color: '#7c3aed', points: seriesFromPoints([[0, 0], [1, 20], [5, 0]]) },
  ],
  cursorS: 5,
  future: 'hidden',
}

let svg: SVGSVGElement
beforeEach(() => {
  document.body.replaceChildren()
  svg = document.createElementNS(SVG_NS, 'svg')
  document.body.append(svg)
})

const paths = (layer: 'past' | 'future') => Array.from(svg.querySelectorAll<SVGPathElement>(`g.${layer} path.line`))

describe('drawLineChart', () => {
  it('draws one step line per algorithm in its colour, in the past and future layers', () => {
    drawLineChart(svg, data)
    for (const layer of ['past', 'future'] as const) {
      expect(paths(layer).map((p) => p.getAttribute('data-algorithm'))).toEqual(['FIFO', 'SRPT', 'WSRPT'])
      expect(paths(layer).map((p) => p.getAttribute('stroke'))).toEqual(['#6b7280', '#059669', '#7c3aed'])
    }
    // Step-after curve held to the end of the axis: x 0 → 10 s spans the plot, y 20 is the top.
    const fifo = paths('past')[0]!.getAttribute('d')!
    expect(fifo.startsWith('M0,146')).toBe(true)
    expect(fifo.endsWith(`L${INNER_W},${146 - (4 / 20) * 146}`)).toBe(true)
  })

  it('draws a curve drawn before as a fresh copy of it would be drawn, whatever the scales in between', () => {
    // A copy is a series the chart has never drawn: its path is worked out afresh.
    const copy = (k: number) => ({ ...data.lines[k]!, points: { t: data.lines[k]!.points.t.slice(), v: data.lines[k]!.points.v.slice() } })
    const fifoPath = () => paths('past')[0]!.getAttribute('d')
    const fresh = (d: LineChartData) => {
      drawLineChart(svg, { ...d, lines: [copy(0), copy(1), copy(2)] })
      return fifoPath()
    }
    for (const d of [data, { ...data, yMax: 40 }, { ...data, xDomain: [0, 20] as const }, { ...data, width: 600 }, data]) {
      drawLineChart(svg, d)
      const drawn = fifoPath()
      expect(drawn).toBe(fresh(d))
    }
    // A series changed in place at its end (a typed array keeps its length) is drawn anew.
    const changed = copy(0)
    drawLineChart(svg, { ...data, lines: [changed] })
    changed.points.v[changed.points.v.length - 1] = 8
    drawLineChart(svg, { ...data, lines: [changed] })
    expect(fifoPath()!.endsWith(`L${INNER_W},${146 - (8 / 20) * 146}`)).toBe(true)
  })

  it('draws identical curves nested (the lower one wider) so that neither hides the other', () => {
    drawLineChart(svg, data)
    expect(paths('past').map((p) => Number(p.getAttribute('stroke-width')))).toEqual([2.5, 4.1, 2.5])
  })

  it("draws a step at the axis' end whole and over the cursor's line, the dots on top", () => {
    // FIFO's last change is at 10 s, the end of the axis, where the cursor stops at the run's end.
    const end = { ...data, lines: [{ ...data.lines[0]!, points: seriesFromPoints([[0, 0], [2, 12], [10, 20]]) }], cursorS: 10 }
    drawLineChart(svg, end)
    const plot = svg.querySelector('g.plot')!
    const layers = Array.from(plot.children, (c) => c.getAttribute('class'))
    // Drawn in order: the cursor's line, then the curves, then the cursor's dots.
    expect(layers.indexOf('cursor')).toBeLessThan(layers.indexOf('lines'))
    expect(layers.indexOf('lines')).toBeLessThan(layers.indexOf('cursor-dots'))
    expect(svg.querySelector('g.cursor line.cursor-line')).not.toBeNull()
    expect(svg.querySelector('g.cursor-dots circle.cursor-dot')!.getAttribute('cy')).toBe('0')
    // The plot's clip reaches the widest stroke (2.5 + 3 × 1.6 = 7.3 px) past both ends, so
    // the rise at x = 326 from 12 to 20 is not cut in half.
    const clip = svg.querySelector('rect.plot-rect')!
    expect(Number(clip.getAttribute('x'))).toBeCloseTo(-7.3, 12)
    expect(Number(clip.getAttribute('width'))).toBeCloseTo(INNER_W + 14.6, 12)
    expect(paths('past')[0]!.getAttribute('d')).toContain(`L${INNER_W},58.4L${INNER_W},0`)
  })

  it('labels both axes with readable ticks', () => {
    drawLineChart(svg, data)
    const ticks = (axis: string) => Array.from(svg.querySelectorAll(`g.${axis} .tick text`)).map((t) => t.textContent)
    expect(ticks('x-axis')).toEqual(['0', '2', '4', '6', '8', '10'])
    expect(ticks('y-axis')).toEqual(['0', '5', '10', '15', '20'])
    expect(svg.querySelector('text.x-label')!.textContent).toBe('time (s)')
    expect(svg.querySelector('text.y-label')!.textContent).toBe('tasks waiting')
    for (const g of svg.querySelectorAll('g.x-axis, g.y-axis, text.x-label, text.y-label')) {
      expect(Number(g.getAttribute('font-size'))).toBeGreaterThanOrEqual(11)
    }
  })

  it('puts the cursor at its time and clips the past there; the future is hidden or dimmed', () => {
    drawLineChart(svg, data)
    const x = (5 / 10) * INNER_W
    expect(svg.querySelector('g.cursor')!.getAttribute('transform')).toBe(`translate(${x},0)`)
    const clip = svg.querySelector('rect.past-rect')!
    expect(Number(clip.getAttribute('x')) + Number(clip.getAttribute('width'))).toBe(x)
    expect(svg.querySelector('g.past')!.getAttribute('clip-path')).toBe('url(#test-chart-past)')
    expect(svg.querySelector('clipPath#test-chart-past')).not.toBeNull()
    expect(svg.querySelector('g.future')!.getAttribute('display')).toBe('none')
    // One dot per line at its value at the cursor: FIFO 12 of 20, SRPT and WSRPT 0.
    const dots = Array.from(svg.querySelectorAll('circle.cursor-dot')).map((c) => [c.getAttribute('data-algorithm'), Number(c.getAttribute('cy'))])
    expect(dots).toEqual([
      ['FIFO', 146 - (12 / 20) * 146],
      ['SRPT', 146],
      ['WSRPT', 146],
    ])

    drawLineChart(svg, { ...data, future: 'dimmed' })
    expect(svg.querySelector('g.future')!.hasAttribute('display')).toBe(false)
    expect(paths('future')[0]!.getAttribute('stroke-opacity')).toBe('0.22')
  })

  it('redraws in place, and moving the cursor touches only the cursor and the clip', () => {
    drawLineChart(svg, data)
    drawLineChart(svg, data)
    expect(paths('past')).toHaveLength(3)
    expect(svg.querySelectorAll('g.plot')).toHaveLength(1)
    expect(svg.querySelectorAll('g.cursor line')).toHaveLength(1)
    const before = paths('past').map((p) => [p, p.getAttribute('d')] as const)

    drawLineChartCursor(svg, { ...data, cursorS: 20 })
    // Past the end of the axis: the cursor stays at its right edge.
    expect(svg.querySelector('g.cursor')!.getAttribute('transform')).toBe(`translate(${INNER_W},0)`)
    expect(paths('past').map((p) => [p, p.getAttribute('d')] as const)).toEqual(before)

    drawLineChart(svg, { ...data, lines: data.lines.slice(0, 1) })
    expect(paths('past').map((p) => p.getAttribute('data-algorithm'))).toEqual(['FIFO'])
    expect(svg.querySelectorAll('circle.cursor-dot')).toHaveLength(1)
  })
})

describe('drawLineChart, drawn again', () => {
  it('updates the same elements: one clip of each kind, one of each layer', () => {
    drawLineChart(svg, data)
    const count = () => ['clipPath', 'defs', 'g.plot', 'g.past', 'g.x-axis', 'text.x-label'].map((s) => svg.querySelectorAll(s).length)
    const once = count()
    drawLineChart(svg, { ...data, cursorS: 7 })
    drawLineChart(svg, { ...data, future: 'dimmed' })
    expect(count()).toEqual(once)
    expect(Array.from(svg.getElementsByTagNameNS(SVG_NS, 'clipPath')).map((c) => c.id)).toEqual(['test-chart-plot', 'test-chart-past'])
  })
})
