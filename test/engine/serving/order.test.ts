import { describe, expect, it } from 'vitest'
import { policies } from '../../../src/engine/policies/registry.ts'
import { generateRequests } from '../../../src/engine/serving/generate.ts'
import { servingRank, type RequestFields } from '../../../src/engine/serving/ranking.ts'
import { runServing } from '../../../src/engine/serving/run.ts'
import type { ServingModel } from '../../../src/engine/serving/types.ts'
import { servingScenario } from './helpers.ts'

/** A request that has `left` output tokens to go (O − g). */
const view = (order: number, arrival: number, weight: number, left: number): RequestFields => ({ order, arrival, weight, inputTokens: 10, outputTokens: left + 3, generated: 3, model: 'M', tp: 1 })

describe('policy orders over requests, from the registry entries', () => {
  // a: early, light, long; b: late, heavy, short; c: ties b on everything but queue order.
  const a = view(0, 0, 1, 100)
  const b = view(1, 1, 5, 10)
  const c = view(2, 1, 5, 10)
  const d = view(3, 2, 1, 4)
  const table: [string, RequestFields[]][] = [
    ['FIFO', [a, b, c, d]],
    ['WeightedFIFO', [b, c, a, d]],
    // Output tokens left: d 4, b c 10, a 100.
    ['SRPT', [d, b, c, a]],
    // weight / tokens left: b, c 0.5; d 0.25; a 0.01.
    ['WSRPT', [b, c, d, a]],
  ]
  for (const [name, expected] of table) {
    it(`${name} ranks by its key over requests, ties to queue order`, () => {
      const rank = servingRank(policies.get(name))
      const sorted = [d, c, b, a].sort((x, y) => rank(x, 5) - rank(y, 5) || x.order - y.order)
      expect(sorted.map((v) => v.order)).toEqual(expected.map((v) => v.order))
    })
  }

  it('a request counts its work left in output tokens, which SRPT and WSRPT name', () => {
    expect(policies.get('SRPT').servingKeyLabel).toBe('output tokens left')
    expect(policies.get('WSRPT').servingKeyLabel).toBe('weight / output tokens left')
    expect(policies.get('FIFO').servingKeyLabel).toBe('arrival (s)')
    expect(servingRank(policies.get('WSRPT'))(b, 0)).toBe(-0.5)
    expect(servingRank(policies.get('SRPT'))(d, 0)).toBe(4)
  })
})

describe('replicas of one model on different GPUs', () => {
  // 32 KiB of KV per token: 4 blocks of 16 on an H100 at 0.9 of 80 GB, thousands on an H200.
  const model: ServingModel = { name: 'Sq', layers: 8, hidden: 1024, heads: 8, kvHeads: 8, headDim: 128, activeParamsB: 0.5, weightsGB: (72e9 - 4.5 * 16 * 32768) / 1e9 }
  const scenario = servingScenario(
    [
      { id: 'big', inputTokens: 10, outputTokens: 100 },
      { id: 'small', inputTokens: 10, outputTokens: 3 },
    ],
    { deployments: [{ model: 'Sq', tp: 1, replicas: 2 }] },
    [model],
    'h100:1,h200:1',
  )

  it('a replica admits only what could finish on it, and stops at a head that could not', () => {
    const fifo = runServing(scenario, 'FIFO')
    expect(fifo.replicas.map((r) => [r.gpu.id, r.blocks > 1000 ? 'many' : r.blocks])).toEqual([
      ['H100-SXM-80GB', 4],
      ['H200-141GB', 'many'],
    ])
    expect(fifo.metrics.rejected_count).toBe(0)
    // FIFO: the head (big) cannot finish on the H100, so it admits nothing; the H200 takes both.
    expect(fifo.requests.map((r) => r.replica)).toEqual([1, 1])
    // SRPT puts small first: the H100 takes it, then stops at big, which the H200 takes.
    expect(runServing(scenario, 'SRPT').requests.map((r) => r.replica)).toEqual([1, 0])
  })
})

describe('request generator', () => {
  it('is seeded: same requests for the same seed, log-normal lengths around their medians', () => {
    const g = { count: 4001, seed: 3, model: 'Llama3-8B', ratePerS: 100, medianInputTokens: 200, medianOutputTokens: 50, sigma: 0.8 }
    const one = generateRequests(g)
    expect(generateRequests(g)).toEqual(one)
    const median = (xs: number[]) => xs.sort((x, y) => x - y)[(xs.length - 1) / 2]!
    expect(median(one.map((r) => r.inputTokens!))).toBeGreaterThan(185)
    expect(median(one.map((r) => r.inputTokens!))).toBeLessThan(215)
    expect(median(one.map((r) => r.outputTokens!))).toBeGreaterThan(45)
    expect(median(one.map((r) => r.outputTokens!))).toBeLessThan(55)
    // Poisson at 100/s: 4,001 arrivals take about 40 s.
    expect(one.at(-1)!.arrivalS).toBeGreaterThan(37)
    expect(one.at(-1)!.arrivalS).toBeLessThan(43)
    expect(one.every((r, i) => i === 0 || r.arrivalS >= one[i - 1]!.arrivalS)).toBe(true)
  })
})
