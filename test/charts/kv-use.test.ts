import { describe, expect, it } from 'vitest'
import { kvUseColumns } from '../../src/charts/kv-use.ts'

describe("a replica's KV use in pixel columns", () => {
  it('reads only its own iterations through their positions, each column its peak share', () => {
    // Positions 0..4 on the track; this replica's are 1 and 3 (0, 2 and 4 are another's, with
    // more blocks used that must not show). 10 blocks, [0, 4 s] in 4 columns of 1 s.
    const use = {
      positions: Int32Array.of(1, 3),
      t0: Float64Array.of(0, 0.5, 1, 2.2, 3),
      t1: Float64Array.of(1, 1.5, 2, 2.6, 4),
      used: Int32Array.of(9, 4, 9, 7, 9),
    }
    // Iteration 1 spans [0.5, 1.5]: columns 0 and 1 at 0.4; iteration 3 [2.2, 2.6]: column 2 at 0.7.
    expect(Array.from(kvUseColumns(use, 10, 4, 4))).toEqual([0.4, 0.4, 0.7, 0].map(Math.fround))
  })

  it('draws an open iteration (no end yet) to the end of the window', () => {
    const use = { positions: Int32Array.of(0), t0: Float64Array.of(1), t1: Float64Array.of(NaN), used: Int32Array.of(5) }
    expect(Array.from(kvUseColumns(use, 10, 4, 4))).toEqual([0, 0.5, 0.5, 0.5])
  })
})
