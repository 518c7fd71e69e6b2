import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { generateWorkload, DEFAULT_GENERATOR } from '../../src/engine/workloads/generator.ts'
import {
  checkServingGeneratorOptions,
  DEFAULT_SERVING_GENERATOR,
  generateServingWorkload,
  SERVING_PRESETS,
  type ServingGeneratorOptions,
} from '../../src/engine/workloads/serving-generator.ts'
import { fastExpect } from '../helpers/fast-expect.ts'

const preset = (name: string, patch: Partial<ServingGeneratorOptions> = {}): ServingGeneratorOptions => {
  const p = SERVING_PRESETS.find((x) => x.name === name)!
  return { ...DEFAULT_SERVING_GENERATOR, arrivals: p.arrivals, inputTokens: p.inputTokens, outputTokens: p.outputTokens, ...patch }
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2
}

describe('the serving request generator', () => {
  it('pins the first Chat requests of seed 42', () => {
    const first = generateServingWorkload(preset('Chat', { count: 4 })).map((t) => [t.id, t.model, t.weight, t.arrivalS, t.inputTokens, t.outputTokens])
    expect(first).toMatchInlineSnapshot(`
      [
        [
          "q1",
          "Llama3-8B",
          10,
          0.05477,
          533,
          480,
        ],
        [
          "q2",
          "Llama3-8B",
          10,
          0.231109,
          252,
          457,
        ],
        [
          "q3",
          "Llama3-8B",
          1,
          0.250684,
          148,
          238,
        ],
        [
          "q4",
          "Llama3-8B",
          1,
          0.29498,
          59,
          437,
        ],
      ]
    `)
  })

  it('gives the same requests for the same options, other requests for another seed', () => {
    const a = generateServingWorkload(preset('Reasoning', { count: 50 }))
    expect(generateServingWorkload(preset('Reasoning', { count: 50 }))).toEqual(a)
    expect(generateServingWorkload(preset('Reasoning', { count: 50, seed: 43 }))).not.toEqual(a)
  })

  it('draws requests of whole lengths ≥ 1, arrivals ascending, models and weights from the mix (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer(), fc.constantFrom(...SERVING_PRESETS.map((p) => p.name)), (count, seed, name) => {
        const models = [
          { value: 'Llama3-8B', share: 1 },
          { value: 'Qwen3-8B', share: 2 },
        ]
        const tasks = generateServingWorkload(preset(name, { count, seed, models }))
        fastExpect(tasks).toHaveLength(count)
        fastExpect(tasks.map((t) => t.id)).toEqual(Array.from({ length: count }, (_, i) => `q${i + 1}`))
        tasks.forEach((t, i) => {
          fastExpect(Number.isInteger(t.inputTokens) && t.inputTokens! >= 1).toBe(true)
          fastExpect(Number.isInteger(t.outputTokens) && t.outputTokens! >= 1).toBe(true)
          fastExpect(['Llama3-8B', 'Qwen3-8B']).toContain(t.model)
          fastExpect([1, 10]).toContain(t.weight)
          if (i > 0) fastExpect(t.arrivalS).toBeGreaterThanOrEqual(tasks[i - 1]!.arrivalS)
        })
      }),
      { numRuns: 40 },
    )
  })

  it('draws lengths around each preset’s medians (2,000 requests, any seed)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom(...SERVING_PRESETS), (seed, p) => {
        const tasks = generateServingWorkload(preset(p.name, { count: 2000, seed }))
        const want = (d: typeof p.inputTokens) => (d.kind === 'lognormal' ? d.median : NaN)
        // The sample median of 2,000 log-normal draws is within ~3 % of the median (1.25 σ / √n in
        // log space); 15 % is six standard errors.
        expect(Math.abs(median(tasks.map((t) => t.inputTokens!)) / want(p.inputTokens) - 1)).toBeLessThan(0.15)
        expect(Math.abs(median(tasks.map((t) => t.outputTokens!)) / want(p.outputTokens) - 1)).toBeLessThan(0.15)
      }),
      { numRuns: 10 },
    )
    // The model mix: shares 1 : 3 of 2,000 requests.
    const mixed = generateServingWorkload(preset('Chat', { count: 2000, models: [{ value: 'Llama3-8B', share: 1 }, { value: 'Llama3-70B', share: 3 }] }))
    expect(Math.abs(mixed.filter((t) => t.model === 'Llama3-70B').length / 2000 - 0.75)).toBeLessThan(0.05)
  })

  it('makes the RAG preset prompt-heavy and the Reasoning preset output-heavy', () => {
    const rag = generateServingWorkload(preset('Long-context RAG', { count: 500 }))
    const reasoning = generateServingWorkload(preset('Reasoning', { count: 500 }))
    expect(median(rag.map((t) => t.inputTokens! / t.outputTokens!))).toBeGreaterThan(20)
    expect(median(reasoning.map((t) => t.outputTokens! / t.inputTokens!))).toBeGreaterThan(10)
  })

  it('names each bad field, and refuses lengths below one token', () => {
    const bad = { ...DEFAULT_SERVING_GENERATOR, count: 0, inputTokens: { kind: 'fixed', value: 0 }, outputTokens: { kind: 'lognormal', median: -1, sigma: 0.5 }, models: [{ value: ' ', share: 1 }] } as const
    expect(checkServingGeneratorOptions(bad)).toEqual([
      { field: 'count', message: 'must be a whole number from 1 to 1000000' },
      { field: 'outputTokens.median', message: 'must be a positive number' },
      { field: 'inputTokens.value', message: 'must be at least 1 token' },
      { field: 'models[0].value', message: 'model name is empty' },
    ])
    expect(() => generateServingWorkload(bad)).toThrow('generator count must be a whole number from 1 to 1000000')
    expect(checkServingGeneratorOptions(DEFAULT_SERVING_GENERATOR)).toEqual([])
  })

  it('leaves the job generator as it was (seed 42, first tasks)', () => {
    expect(generateWorkload({ ...DEFAULT_GENERATOR, count: 3 }).map((t) => [t.id, t.model, t.weight, t.arrivalS, t.phase, t.tokens])).toMatchInlineSnapshot(`
      [
        [
          "T1",
          "Qwen3",
          10,
          0.013692,
          "prefill",
          4067,
        ],
        [
          "T2",
          "Llama3-70B",
          1,
          0.057777,
          "prefill",
          466,
        ],
        [
          "T3",
          "Qwen3",
          10,
          0.062671,
          "decode",
          1202,
        ],
      ]
    `)
  })
})
