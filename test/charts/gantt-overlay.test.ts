// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest'
import { drawGanttOverlay, type GanttOverlay } from '../../src/charts/gantt-overlay.ts'
import { createTimeScale } from '../../src/charts/time-scale.ts'

let svg: SVGSVGElement
beforeEach(() => {
  document.body.replaceChildren()
  svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg')
  document.body.append(svg)
})

const base: GanttOverlay = {
  scale: createTimeScale(0, 3, 600),
  plotHeightPx: 296,
  axisHeightPx: 26,
  cursorAway: null,
  id: 'test',
  selected: [{ x: 10, y: 1.5, w: 100, h: 33 }],
  hovered: [],
  compact: false,
}

describe('drawGanttOverlay', () => {
  it('draws the time axis below the rows and the selection outline', () => {
    drawGanttOverlay(svg, base)
    expect(svg.getAttribute('height')).toBe('322')
    expect(svg.querySelector('g.gantt-axis')!.getAttribute('transform')).toBe('translate(0,296)')
    expect(Array.from(svg.querySelectorAll('g.gantt-axis .tick text'), (t) => t.textContent)).toEqual(['0.0', '0.5', '1.0', '1.5', '2.0', '2.5', '3.0'])
    const outline = svg.querySelector('rect.selection-outline')!
    expect(['x', 'y', 'width', 'height'].map((a) => outline.getAttribute(a))).toEqual(['10', '1.5', '100', '33'])
  })

  it('updates in place and says where the cursor is when zoomed away from it', () => {
    drawGanttOverlay(svg, base)
    const axis = svg.querySelector('g.gantt-axis')
    drawGanttOverlay(svg, { ...base, cursorAway: { side: 'left', label: 't = 0.50 s' }, selected: [] })
    expect(svg.querySelector('g.gantt-axis')).toBe(axis)
    expect(svg.querySelector('text.away-label')!.textContent).toBe('t = 0.50 s')
    expect(svg.querySelectorAll('rect.selection-outline')).toHaveLength(0)
    // One clip for the marks however often it is drawn.
    expect(svg.getElementsByTagNameNS('http://www.w3.org/2000/svg', 'clipPath')).toHaveLength(1)
  })
})
