import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { discriminatingWorkload } from '../../src/engine/workloads/presets.ts'
import { generateWorkload, DEFAULT_GENERATOR } from '../../src/engine/workloads/generator.ts'
import { decodeScenarioHash, encodeScenario, encodeScenarioHash, LINK_PREFIX, unzipText, zipText, zipTextFast } from '../../src/sharing/share-link.ts'
import { scenarioArb } from '../helpers/arbitraries.ts'
import { scenario } from '../helpers/scenario.ts'

describe('share links', () => {
  it('round-trips any scenario, its algorithms and its label', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const hash = encodeScenarioHash(s, ['SRPT', 'FIFO'], 'my "class" demo')!
        expect(hash.startsWith('#s=1.')).toBe(true)
        expect(hash).toMatch(/^#s=1\.[A-Za-z0-9_-]+$/)
        const back = decodeScenarioHash(hash)!
        expect(back.scenario).toEqual(s)
        expect(back.algorithms).toEqual(['SRPT', 'FIFO'])
        expect(back.label).toBe('my "class" demo')
      }),
      { numRuns: 100, seed: 3 },
    )
  })

  it('keeps the default scenario short', () => {
    expect(encodeScenarioHash(scenario(discriminatingWorkload()), ['FIFO'], 'discriminating')!.length).toBeLessThan(600)
  })

  it('refuses scenarios too large for a link', () => {
    const big = scenario(generateWorkload({ ...DEFAULT_GENERATOR, count: 20_000 }))
    expect(encodeScenarioHash(big, ['FIFO'], 'big')).toBeNull()
  })

  it('says what is wrong with a malformed or outdated link', () => {
    expect(decodeScenarioHash('')).toBeNull()
    expect(decodeScenarioHash('#other')).toBeNull()
    expect(() => decodeScenarioHash(`${LINK_PREFIX}abc`)).toThrow(/not a SchedScope scenario link/)
    expect(() => decodeScenarioHash(`${LINK_PREFIX}0.eJw`)).toThrow(/another version of SchedScope \(link format 0, this one reads 1\)/)
    const good = encodeScenarioHash(scenario(discriminatingWorkload()), ['FIFO'], 'd')!
    expect(() => decodeScenarioHash(good.slice(0, good.length - 20))).toThrow(/damaged/)
    expect(() => decodeScenarioHash(`${LINK_PREFIX}1.!!!`)).toThrow(/damaged/)
  })

  it("zips alike with the platform's zlib and without it: any text reads back", async () => {
    const texts = ['', 'a', 'é — 日本 🙂', JSON.stringify(generateWorkload({ ...DEFAULT_GENERATOR, count: 2000, seed: 4 }))]
    for (const text of texts) {
      expect(unzipText(await zipTextFast(text))).toBe(text)
      expect(unzipText(zipText(text))).toBe(text)
    }
    vi.stubGlobal('CompressionStream', undefined)
    try {
      expect(await zipTextFast(texts[3]!)).toBe(zipText(texts[3]!))
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('encodes in the worker the same link and stored scenario as encodeScenarioHash', async () => {
    const s = scenario(discriminatingWorkload())
    const { hash, stored } = await encodeScenario(s, ['SRPT'], 'class')
    expect(decodeScenarioHash(hash!)).toEqual(decodeScenarioHash(encodeScenarioHash(s, ['SRPT'], 'class')!))
    expect(decodeScenarioHash(hash!)!.label).toBe('class')
    expect(stored).toHaveProperty('json')
    const big = scenario(generateWorkload({ ...DEFAULT_GENERATOR, count: 20_000 }))
    const large = await encodeScenario(big, ['FIFO'], 'big')
    expect(large.hash).toBeNull()
    expect(JSON.parse(unzipText((large.stored as { zipped: string }).zipped)).tasks).toHaveLength(20_000)
  })
})
