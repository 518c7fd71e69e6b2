import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { discriminatingWorkload } from '../../src/engine/workloads/presets.ts'
import { generateWorkload, DEFAULT_GENERATOR } from '../../src/engine/workloads/generator.ts'
import { decodeScenarioHash, encodeScenarioHash, LINK_PREFIX } from '../../src/store/share-link.ts'
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
})
