import { describe, expect, it } from 'vitest'
import { fmtTick } from '../../src/components/format.ts'

describe('fmtTick', () => {
  it('shortens large axis values with k and M, keeping small ones as they are', () => {
    expect([0, 5, 250, 9999, 10_000, 800_000, 125_000, 2_500_000, 1_000_000, -20_000, 0.5].map(fmtTick)).toEqual([
      '0', '5', '250', '9999', '10k', '800k', '125k', '2.5M', '1M', '-20k', '0.5',
    ])
  })
})
