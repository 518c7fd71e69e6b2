import { describe, expect, it } from 'vitest'
import { binSeries } from '../../src/components/generator/bins.ts'
import { summarize } from '../../src/components/generator/summary.ts'
import { draftFromOptions, parseDraft } from '../../src/components/generator/draft.ts'
import { DEFAULT_GENERATOR } from '../../src/engine/workloads/generator.ts'
import { prefill } from '../helpers/scenario.ts'

const total = (h: NonNullable<ReturnType<typeof binSeries>>) => h.bins.reduce((s, b) => s + b.counts.reduce((x, y) => x + y, 0), 0)

describe('preview bins', () => {
  it('counts every value once over a nice linear domain', () => {
    const h = binSeries([[0, 0.4, 1, 9.9, 10]], 10)!
    expect(h.scale).toBe('linear')
    expect(h.domain).toEqual([0, 10])
    expect(h.bins).toHaveLength(10)
    expect(h.bins.map((b) => b.counts[0])).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0, 2])
  })

  it('stacks series in one set of bins', () => {
    const h = binSeries([[1, 2], [2, 3, 4]], 3)!
    expect(total(h)).toBe(5)
    expect(h.bins.every((b) => b.counts.length === 2)).toBe(true)
  })

  it('uses a log axis for heavy tails, with zero tokens in the first bin', () => {
    const h = binSeries([[0, 5, 10, 100, 100_000]], 5, true)!
    expect(h.scale).toBe('log')
    expect(h.domain).toEqual([1, 100_000])
    expect(h.bins.map((b) => b.counts[0])).toEqual([2, 1, 1, 0, 1])
  })

  it('gives one value a unit-wide window, and nothing no histogram', () => {
    expect(binSeries([[3, 3, 3]], 4)!.domain).toEqual([2.5, 3.5])
    expect(binSeries([[]], 4)).toBeNull()
  })
})

describe('generator draft', () => {
  it('reads back the options it was made from', () => {
    const parsed = parseDraft(draftFromOptions(DEFAULT_GENERATOR))
    expect(parsed.problems.size).toBe(0)
    expect(parsed.options).toEqual(DEFAULT_GENERATOR)
  })

  it('names each bad field with the generator’s own message', () => {
    const d = draftFromOptions(DEFAULT_GENERATOR)
    const parsed = parseDraft({ ...d, count: '', weights: [{ value: '1', share: 'x' }], arrivalKind: 'varying', arrivalParams: { ...d.arrivalParams, minPerS: '50', maxPerS: '10' } })
    expect(Object.fromEntries(parsed.problems)).toEqual({
      count: 'must be a whole number from 1 to 1000000',
      'arrivals.maxPerS': 'must be at least the minimum rate',
      'weights[0].share': 'must be a number ≥ 0',
      weights: 'shares must not all be 0',
    })
  })
})

describe('preview summary', () => {
  it('states count, span, mean tokens per phase and the share of each weight', () => {
    const s = summarize([prefill('a', 1, { arrivalS: 2 }), prefill('b', 3, { arrivalS: 5, weight: 10 }), { ...prefill('c', 1), phase: 'decode', tokens: 40 }])
    expect(s).toMatchObject({ count: 3, firstS: 0, lastS: 5, prefillCount: 2, meanPrefillTokens: 2000, meanDecodeTokens: 40 })
    expect(s.weights).toEqual([
      { value: 1, count: 2 },
      { value: 10, count: 1 },
    ])
  })
})
