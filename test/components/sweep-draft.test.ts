import { describe, expect, it } from 'vitest'
import { defaultSweepDraft, parseSweepDraft, PARAM_RANGES } from '../../src/components/sweep/draft.ts'
import { defaultSweep } from '../../src/sweep/definition.ts'
import { defaultScenario } from '../../src/store/defaults.ts'
import { SWEEP_PARAMS } from '../../src/sweep/params.ts'

describe('the Sweep view’s form', () => {
  it('starts as the sweep npm run sweep runs with no flags, so the app and the CLI agree by default', () => {
    const parsed = parseSweepDraft(defaultSweepDraft(defaultScenario()), defaultScenario())
    expect(parsed.problems.size + parsed.generatorProblems.size).toBe(0)
    expect(parsed.definition).toEqual(defaultSweep())
  })

  it('offers a range for every parameter that is a valid sweep', () => {
    for (const p of SWEEP_PARAMS) {
      const draft = { ...defaultSweepDraft(defaultScenario()), param: p.name, ...PARAM_RANGES[p.name] }
      expect([p.name, [...parseSweepDraft(draft, defaultScenario()).problems]]).toEqual([p.name, []])
    }
  })

  it('sends the code of the chosen policies written in the browser with the definition', () => {
    const byWeight = { name: 'ByWeight', higherFirst: true, key: 't.weight' }
    const unused = { name: 'Unused', higherFirst: false, key: 't.arrival' }
    const draft = { ...defaultSweepDraft(defaultScenario()), algorithms: ['FIFO', 'ByWeight'] }
    const parsed = parseSweepDraft(draft, defaultScenario(), [byWeight, unused])
    expect([...parsed.problems]).toEqual([])
    expect(parsed.definition.algorithms).toEqual(['FIFO', 'ByWeight'])
    expect(parsed.definition.policies).toEqual([{ kind: 'key', source: byWeight }])
    expect(parseSweepDraft(draft, defaultScenario()).problems.get('algorithms')).toBe("unknown policy 'ByWeight' (known: FIFO, WeightedFIFO, SRPT, WSRPT)")
  })
})
