import { describe, expect, it } from 'vitest'
import { createRng } from '../../src/engine/rng.ts'
import { checkGeneratorOptions, DEFAULT_GENERATOR, generateWorkload, type GeneratorOptions } from '../../src/engine/workloads/generator.ts'

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
const N = 20_000

function gen(over: Partial<GeneratorOptions>) {
  return generateWorkload({ ...DEFAULT_GENERATOR, count: N, ...over })
}

describe('seeded RNG', () => {
  it('repeats for a seed and differs across seeds', () => {
    const a = createRng(7)
    const b = createRng(7)
    const xs = Array.from({ length: 5 }, () => a.next())
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs)
    expect(createRng(8).next()).not.toBe(xs[0])
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true)
  })

  it('is uniform and its normals are standard', () => {
    const r = createRng(1)
    const u = Array.from({ length: N }, () => r.next())
    expect(mean(u)).toBeCloseTo(0.5, 2)
    const z = Array.from({ length: N }, () => r.normal())
    expect(mean(z)).toBeCloseTo(0, 1)
    expect(mean(z.map((x) => x * x))).toBeCloseTo(1, 1)
  })
})

describe('workload generator', () => {
  it('the same form gives the same workload; another seed another one', () => {
    expect(generateWorkload(DEFAULT_GENERATOR)).toEqual(generateWorkload(DEFAULT_GENERATOR))
    expect(generateWorkload({ ...DEFAULT_GENERATOR, seed: 43 })).not.toEqual(generateWorkload(DEFAULT_GENERATOR))
    const w = generateWorkload(DEFAULT_GENERATOR)
    expect(w).toHaveLength(200)
    expect(w[0]!.id).toBe('T1')
    expect(w.every((t, i) => i === 0 || t.arrivalS >= w[i - 1]!.arrivalS)).toBe(true)
  })

  it('token distributions have their means', () => {
    const prefillOnly = { prefillShare: 1 }
    const uniform = gen({ ...prefillOnly, prefillTokens: { kind: 'uniform', min: 100, max: 300 } }).map((t) => t.tokens)
    expect(Math.min(...uniform)).toBe(100)
    expect(Math.max(...uniform)).toBe(300)
    expect(mean(uniform)).toBeCloseTo(200, -0.5)
    const fixed = gen({ ...prefillOnly, prefillTokens: { kind: 'fixed', value: 512 } }).map((t) => t.tokens)
    expect(new Set(fixed)).toEqual(new Set([512]))
    // Log-normal: mean = median × exp(σ² / 2), less about 0.5 for flooring.
    const logn = gen({ ...prefillOnly, prefillTokens: { kind: 'lognormal', median: 1000, sigma: 0.5 } }).map((t) => t.tokens)
    expect(mean(logn) / (1000 * Math.exp(0.125))).toBeCloseTo(1, 1)
    // Pareto: mean = α·xm / (α − 1) = 3 × 200 / 2 = 300.
    const pareto = gen({ ...prefillOnly, prefillTokens: { kind: 'pareto', scale: 200, alpha: 3 } }).map((t) => t.tokens)
    expect(Math.min(...pareto)).toBeGreaterThanOrEqual(200)
    expect(mean(pareto) / 300).toBeCloseTo(1, 1)
  })

  it('arrival processes have their rates', () => {
    const poisson = gen({ arrivals: { kind: 'poisson', ratePerS: 50 } })
    expect(N / poisson[N - 1]!.arrivalS).toBeCloseTo(50, -1)
    const uniform = gen({ arrivals: { kind: 'uniform', fromS: 2, toS: 4 } }).map((t) => t.arrivalS)
    expect(Math.min(...uniform)).toBeGreaterThanOrEqual(2)
    expect(Math.max(...uniform)).toBeLessThanOrEqual(4)
    expect(mean(uniform)).toBeCloseTo(3, 1)
    const once = gen({ count: 10, arrivals: { kind: 'all-at-once', atS: 1.5 } })
    expect(once.map((t) => t.arrivalS)).toEqual(Array(10).fill(1.5))
    // Varying between 10 and 30 per second: 20 on average over whole periods.
    const varying = gen({ arrivals: { kind: 'varying', minPerS: 10, maxPerS: 30, periodS: 10 } })
    expect(N / varying[N - 1]!.arrivalS).toBeCloseTo(20, -1)
  })

  it('bursts put `size` tasks in each flash-crowd window', () => {
    const w = gen({ count: 2000, arrivals: { kind: 'bursts', ratePerS: 5, everyS: 10, size: 100, widthS: 0.5 } })
    const inFirstBurst = w.filter((t) => t.arrivalS >= 10 && t.arrivalS <= 10.5).length
    expect(inFirstBurst).toBeGreaterThanOrEqual(100)
    expect(inFirstBurst).toBeLessThan(110)
  })

  it('weight, model and phase shares hold', () => {
    const w = gen({ prefillShare: 0.25 })
    expect(w.filter((t) => t.phase === 'prefill').length / N).toBeCloseTo(0.25, 1)
    expect(w.filter((t) => t.weight === 10).length / N).toBeCloseTo(0.3, 1)
    expect(w.filter((t) => t.model === 'Qwen3').length / N).toBeCloseTo(0.3, 1)
  })

  it('names each bad field', () => {
    const bad: GeneratorOptions = {
      ...DEFAULT_GENERATOR,
      count: 0,
      arrivals: { kind: 'poisson', ratePerS: -1 },
      prefillTokens: { kind: 'uniform', min: 10, max: 5 },
      prefillShare: 1.5,
      weights: [],
    }
    expect(checkGeneratorOptions(bad).map((p) => p.field)).toEqual(['count', 'arrivals.ratePerS', 'prefillTokens.max', 'prefillShare', 'weights'])
    expect(() => generateWorkload(bad)).toThrow(/generator count must be a whole number/)
  })
})
