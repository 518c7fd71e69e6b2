import fc from 'fast-check'
import { deflateSync } from 'node:zlib'
import { describe, expect, it, vi } from 'vitest'
import { discriminatingWorkload } from '../../src/engine/workloads/presets.ts'
import { generateWorkload, DEFAULT_GENERATOR } from '../../src/engine/workloads/generator.ts'
import { loadSaved, MAX_SAVED_UNZIPPED_BYTES } from '../../src/store/persistence.ts'
import { decodeScenarioHash, encodeScenario, encodeScenarioHash, LINK_PREFIX, TooLargeError, unzipText, zipText, zipTextFast } from '../../src/sharing/share-link.ts'
import { bootOptions } from '../../src/store/sync.ts'
import { scenarioArb } from '../helpers/arbitraries.ts'
import { scenario } from '../helpers/scenario.ts'

/**
 * `bytes` spaces zipped as zipText zips them (zlib, base64url), by the platform's zlib: zipping
 * tens of megabytes in JavaScript took most of these tests' time, and only the unzipping is tested.
 */
const zippedSpaces = (bytes: number) => deflateSync(Buffer.alloc(bytes, 0x20)).toString('base64url')

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

describe('hostile links and saved states', () => {
  const task = { id: 'A', model: 'Qwen3', weight: 1, arrival: 0, phase: 'prefill', tokens: 5 }
  const link = (json: string) => `${LINK_PREFIX}1.${zipText(json)}`

  it('says what is wrong with the scenario in a link as the page words it', () => {
    expect(bootOptions(link('{"version": 1, "tasks": [oops]}'), null).notice).toMatch(
      /^This link could not be opened: it holds a scenario that is not valid JSON \(.+\)\. Showing the default scenario instead\.$/,
    )
    expect(bootOptions(link(JSON.stringify({ version: 1, tasks: [{ ...task, weight: -1 }] })), null).notice).toBe(
      "This link could not be opened: it holds a scenario with a problem: tasks[0].weight = '-1': weight must not be negative. Showing the default scenario instead.",
    )
    expect(bootOptions(link(JSON.stringify({ version: 1, dt: 0, tasks: [{ ...task, tokens: 0.5 }] })), null).notice).toBe(
      "This link could not be opened: it holds a scenario with 2 problems: dt/maxTime = '{\"dt\":0}': dt must be a positive number of seconds, got 0; tasks[0].tokens = '0.5': tokens must be a whole number. Showing the default scenario instead.",
    )
  })

  it('stops unzipping a zlib bomb at 4 MB instead of inflating all of it', () => {
    const bomb = zippedSpaces(50_000_000)
    expect(bomb.length).toBeLessThan(100_000)
    expect(() => decodeScenarioHash(`${LINK_PREFIX}1.${bomb}`)).toThrow('link: link: unzips to more than 4 MB: it holds more than any SchedScope link does')
    expect(() => unzipText(zipText('x'.repeat(1001)), 1000)).toThrow(TooLargeError)
    expect(unzipText(zipText('x'.repeat(1000)), 1000)).toBe('x'.repeat(1000))
  })

  it('a saved state nested 5,000 levels deep, or a zipped one that unzips past 64 MB, gives a notice', () => {
    const storage = (text: string) => ({ getItem: () => text, setItem: () => {} })
    const deep = `{"version": 2, "scenario": {"version": 1, "tasks": [${'['.repeat(5000)}${']'.repeat(5000)}]}}`
    expect(loadSaved(storage(deep))).toEqual({
      saved: null,
      notice: 'The scenario saved in this browser could not be read (nests arrays or objects more than 64 levels deep; a scenario nests 4); starting from the default.',
    })
    const bomb = JSON.stringify({ version: 2, scenarioZip: zippedSpaces(MAX_SAVED_UNZIPPED_BYTES + 1) })
    expect(loadSaved(storage(bomb)).notice).toBe(
      'The scenario saved in this browser could not be read (its compressed scenario unzips to more than 64 MB); starting from the default.',
    )
  })
})
