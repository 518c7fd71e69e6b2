import { describe, expect, it } from 'vitest'
import { colorByWeight } from '../../src/charts/colors.ts'

const RAMP = ['#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c', '#08306b']

describe('colorByWeight', () => {
  it('gives few distinct weights classes spread over the whole ramp', () => {
    const c = colorByWeight([1, 10, 1])
    expect(c.taskColor).toEqual([RAMP[0], RAMP[5], RAMP[0]])
    expect(c.classes).toEqual([
      { label: 'weight 1', color: RAMP[0] },
      { label: 'weight 10', color: RAMP[5] },
    ])
  })

  it('bins many weights into six classes of equal count', () => {
    // 12 weights: the bin edges are the 3rd, 5th, 7th, 9th and 11th smallest (3, 5, 7, 9, 11).
    const c = colorByWeight([12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
    expect(c.taskColor).toEqual([RAMP[5], RAMP[0], RAMP[0], RAMP[1], RAMP[1], RAMP[2], RAMP[2], RAMP[3], RAMP[3], RAMP[4], RAMP[4], RAMP[5]])
    // Each label spans the weights its bin holds: no two share an edge.
    expect(c.classes.map((k) => k.label)).toEqual(['weight 1–2', 'weight 3–4', 'weight 5–6', 'weight 7–8', 'weight 9–10', 'weight 11–12'])
  })

  it('lists only the classes some task falls in', () => {
    // Seven 1s fill the first edges (1, 1, 1, 3, 5): every 1 and the 2 land in the fourth bin.
    const c = colorByWeight([1, 1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6, 7])
    expect(c.taskColor).toEqual([...Array<string>(8).fill(RAMP[3]!), RAMP[4], RAMP[4], RAMP[5], RAMP[5], RAMP[5]])
    expect(c.classes).toEqual([
      { label: 'weight 1–2', color: RAMP[3] },
      { label: 'weight 3–4', color: RAMP[4] },
      { label: 'weight 5–7', color: RAMP[5] },
    ])
  })

  it('labels bins of fractional weights without overlapping edges', () => {
    // The reference's algo_comparison weights run from 1.23 to 17.98 with two decimals.
    const weights = [1.23, 1.5, 2.0, 2.49, 2.5, 3.1, 3.99, 4.0, 5.5, 7.25, 9.0, 12.5, 17.98]
    const labels = colorByWeight(weights).classes.map((k) => k.label)
    expect(labels).toEqual(['weight 1.23–1.5', 'weight 2–2.49', 'weight 2.5–3.1', 'weight 3.99–4', 'weight 5.5–7.25', 'weight 9–17.98'])
    // Rounded inwards: a bin of 1.996 and 2.004 reads 2, never "2–2"; its neighbours stay apart.
    const close = colorByWeight([0.5, 0.7, 1.996, 2.004, 3, 3.1, 4, 4.1, 5, 5.1, 6, 6.1]).classes.map((k) => k.label)
    expect(close).toEqual(['weight 0.5–0.7', 'weight 2', 'weight 3–3.1', 'weight 4–4.1', 'weight 5–5.1', 'weight 6–6.1'])
  })
})
