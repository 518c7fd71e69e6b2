import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decimateSteps } from '../../src/charts/decimate.ts'
import { seriesFromPoints, type StepPoint } from '../../src/run-view/series.ts'

const px = (t: number) => t * 10 // 10 pixels per second: a column is 0.1 s wide

describe('decimateSteps', () => {
  it('keeps a series with at most one change per pixel column as it is', () => {
    const points: StepPoint[] = [[0, 0], [0.1, 3], [0.25, 1], [1, 4]]
    expect(decimateSteps(seriesFromPoints(points), px)).toEqual(points)
  })

  it('draws a busy column as one stroke from its first value through its extremes to its last', () => {
    // Rising overall: through the lowest first, then the highest.
    const points: StepPoint[] = [[0, 0], [1.01, 5], [1.02, 9], [1.03, 2], [1.05, 6], [2, 1]]
    expect(decimateSteps(seriesFromPoints(points), px)).toEqual([[0, 0], [1.01, 5], [1.01, 2], [1.01, 9], [1.01, 6], [2, 1]])
    // Falling overall: through the highest first, then the lowest.
    expect(decimateSteps(seriesFromPoints([[0, 0], [1.01, 5], [1.02, 9], [1.03, 2], [1.05, 4], [2, 1]]), px)).toEqual([[0, 0], [1.01, 5], [1.01, 9], [1.01, 2], [1.01, 4], [2, 1]])
  })

  it('bounds the points per column and keeps every column’s range and closing value', () => {
    const series = fc
      .array(fc.tuple(fc.integer({ min: 1, max: 400 }), fc.integer({ min: -20, max: 20 })), { minLength: 3, maxLength: 300 })
      .map((raw) => {
        const pts: StepPoint[] = [[0, 0]]
        let t = 0
        for (const [dt, v] of raw) pts.push([(t += dt / 1000), v])
        return pts
      })
    fc.assert(
      fc.property(series, (points) => {
        const out = decimateSteps(seriesFromPoints(points), px)
        const columns = new Map<number, number[]>()
        for (const [t, v] of points) columns.set(Math.floor(px(t)), [...(columns.get(Math.floor(px(t))) ?? []), v])
        const outColumns = new Map<number, number[]>()
        for (const [t, v] of out) outColumns.set(Math.floor(px(t)), [...(outColumns.get(Math.floor(px(t))) ?? []), v])
        expect([...outColumns.keys()]).toEqual([...columns.keys()])
        for (const [c, values] of columns) {
          const kept = outColumns.get(c)!
          expect(kept.length).toBeLessThanOrEqual(4)
          expect(Math.min(...kept)).toBe(Math.min(...values))
          expect(Math.max(...kept)).toBe(Math.max(...values))
          // From the next column on, the curve is where the full one is.
          expect(kept[kept.length - 1]).toBe(values[values.length - 1])
        }
      }),
    )
  })
})
