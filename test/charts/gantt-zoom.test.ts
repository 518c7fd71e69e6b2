import { describe, expect, it } from 'vitest'
import { maxZoom, viewToZoom, zoomToView } from '../../src/charts/gantt-zoom.ts'

describe('the shared window as a zoom transform', () => {
  it('maps a window onto scale and shift of the whole run', () => {
    // The run is 0–10 s on 500 px; the window 2–4 s is 5× and starts 500 px to the left.
    expect(viewToZoom([0, 10], [2, 4], 500)).toEqual({ k: 5, x: -500 })
    expect(viewToZoom([0, 10], null, 500)).toEqual({ k: 1, x: 0 })
  })

  it('maps a transform back to its window; k = 1 is fit', () => {
    expect(zoomToView([0, 10], { k: 5, x: -500 }, 500)).toEqual([2, 4])
    expect(zoomToView([0, 10], { k: 1, x: 0 }, 500)).toBeNull()
  })

  it('round-trips', () => {
    const t = viewToZoom([0, 7.3], [1.1, 2.9], 613)
    const [a, b] = zoomToView([0, 7.3], t, 613)!
    expect(a).toBeCloseTo(1.1, 12)
    expect(b).toBeCloseTo(2.9, 12)
  })

  it('zooms in at most to four steps', () => {
    expect(maxZoom([0, 3], 0.01)).toBe(75)
    expect(maxZoom([0, 0.02], 0.01)).toBe(1)
  })
})
