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
})
