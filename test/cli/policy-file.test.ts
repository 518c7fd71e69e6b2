import { describe, expect, it } from 'vitest'
import { policies } from '../../src/engine/policies/registry.ts'
import { runSimulation } from '../../src/engine/simulation.ts'
import { builtInWorkload } from '../../src/engine/workloads/presets.ts'
import { formatScenarioJson } from '../../src/engine/workloads/scenario-json.ts'
import { scenario } from '../helpers/scenario.ts'
import { cli } from '../helpers/cli.ts'

type Results = Record<string, Record<string, number>>

const byWeight = "export default { name: 'ByWeight', higherFirst: true, key: (t) => t.weight }\n"
const edf = "const k = 0.001\nexport default { name: 'EDF', higherFirst: false, key: (t) => t.arrival + k * t.tokens }\n"

describe('--policy-file', () => {
  it('adds the policy to the algorithms run, results keyed <workload>_<name>', () => {
    const { code, written, out } = cli(['--workload', 'discriminating', '--policy-file', 'by-weight.js', '--output', 'o.json'], { 'by-weight.js': byWeight })
    expect(code).toBe(0)
    const results = JSON.parse(written['o.json']!) as Results
    expect(Object.keys(results)).toEqual(['discriminating_FIFO', 'discriminating_WeightedFIFO', 'discriminating_SRPT', 'discriminating_WSRPT', 'discriminating_ByWeight'])
    // WeightedFIFO's own key: its numbers exactly (102 = the reference's WeightedFIFO).
    expect(results.discriminating_ByWeight).toEqual(results.discriminating_WeightedFIFO)
    expect(results.discriminating_ByWeight!.weighted_waiting_time).toBe(102)
    expect(out).toMatch(/^ByWeight\s+102\.000\s+1\.500\s+20$/m)
    // Registered for the run only.
    expect(policies.has('ByWeight')).toBe(false)
  })

  it('runs in serving mode: WeightedFIFO’s key gives its serving numbers and preemptions exactly (preemption.json)', () => {
    const file = 'test/fixtures/serving/preemption.json'
    const { code, written, out, err } = cli(['--mode', 'serving', '--workload-file', file, '--max-time', 'inf', '--policy-file', 'by-weight.js', '--output', 'o.json'], { 'by-weight.js': byWeight })
    expect(err).toBe('')
    expect(code).toBe(0)
    const results = JSON.parse(written['o.json']!) as Results
    expect(results.preemption_ByWeight).toEqual(results.preemption_WeightedFIFO)
    // expected.json: WeightedFIFO preempts 21 times on preemption.json.
    expect(results.preemption_ByWeight!.preemption_count).toBe(21)
    expect(out).toMatch(/^ByWeight\s/m)
    // A key that reads the time is ranked at every look: Aging runs too, and differs from FIFO.
    const aging = "export default { name: 'Aging', higherFirst: true, key: (t) => t.weight * (1 + t.waited) }\n"
    const moving = cli(['--mode', 'serving', '--workload-file', file, '--max-time', 'inf', '--algorithms', 'FIFO', '--policy-file', 'aging.js', '--output', 'o.json'], { 'aging.js': aging })
    expect(moving.code).toBe(0)
    expect(Object.keys(JSON.parse(moving.written['o.json']!) as Results)).toEqual(['preemption_FIFO', 'preemption_Aging'])
  })

  it('is repeatable, and adds to --algorithms, which may name it', () => {
    const files = { 'by-weight.js': byWeight, 'edf.js': edf }
    const { code, written } = cli(['--workload', 'staggered', '--algorithms', 'FIFO', '--policy-file', 'by-weight.js', '--policy-file=edf.js', '--output', 'o.json'], files)
    expect(code).toBe(0)
    expect(Object.keys(JSON.parse(written['o.json']!) as Results)).toEqual(['staggered_FIFO', 'staggered_ByWeight', 'staggered_EDF'])
    const named = cli(['--workload', 'staggered', '--algorithms', 'EDF', '--policy-file', 'edf.js', '--output', 'o.json'], files)
    expect(Object.keys(JSON.parse(named.written['o.json']!) as Results)).toEqual(['staggered_EDF'])
    // An EDF deadline of arrival + 1 ms per token, as the engine gives it for a built-in of that key.
    const reg = policies.register({ name: 'EdfBuiltIn', label: 'x', keyLabel: 'x', summary: 'x', higherFirst: false, staticKey: true, key: (t) => t.arrival + 0.001 * t.tokens })
    try {
      const expected = runSimulation(scenario(builtInWorkload('staggered')!, { name: 'staggered' }), 'EdfBuiltIn').metrics
      expect((JSON.parse(named.written['o.json']!) as Results).staggered_EDF).toEqual(expected)
    } finally {
      reg.dispose()
    }
  })

  it('is in --help, with the policies a file adds', () => {
    const { code, out } = cli(['--policy-file', 'by-weight.js', '--help'], { 'by-weight.js': byWeight })
    expect(code).toBe(0)
    expect(out).toContain('  --policy-file FILE.js  add a policy written in JavaScript to the algorithms run')
    expect(out).toContain("export default { name: 'ByWeight', higherFirst: true,")
    expect(out).toContain('any of FIFO WeightedFIFO SRPT WSRPT ByWeight (default: all five)')
    expect(out).toContain('  ByWeight               A policy written by a user: highest key first, ties to queue order.')
  })

  it('names the file and the line of a problem, before or during the run', () => {
    const bad = cli(['--policy-file', 'bad.js'], { 'bad.js': "export default {\n  name: 'Bad',\n  higherFirst: 'no',\n  key: (t) => t.weight,\n}\n" })
    expect(bad.code).toBe(1)
    expect(bad.err).toBe('schedscope: cannot use bad.js:\nbad.js: line 3: higherFirst must be true or false\n')
    const loop = "export default {\n  name: 'Loop',\n  higherFirst: false,\n  key: (t) => {\n    let n = 0\n    while (t.weight > 5) n++\n    return n\n  },\n}\n"
    const looped = cli(['--workload', 'discriminating', '--policy-file', 'loop.js'], { 'loop.js': loop })
    expect(looped.code).toBe(1)
    expect(looped.err).toBe(
      'schedscope: cannot use loop.js:\nloop.js: line 6: policy Loop: stopped after 1,000,000 steps for one task (an endless loop?); the run was stopped\n',
    )
    expect(cli(['--policy-file', 'none.js'], {}).err).toBe('schedscope: none.js: cannot be read: no such file\n')
    expect(cli(['--policy-file'], {}).err).toBe('schedscope: --policy-file needs a value (a .js file)\nRun with --help for the options.\n')
    const clash = cli(['--policy-file', 'fifo.js'], { 'fifo.js': "export default { name: 'FIFO', higherFirst: true, key: (t) => 1 }" })
    expect(clash.err).toBe('schedscope: fifo.js: defines a policy named FIFO, a name already taken (FIFO, WeightedFIFO, SRPT, WSRPT)\n')
  })

  it('runs the policies a scenario file carries (written in the browser)', () => {
    const s = scenario(builtInWorkload('discriminating')!, { name: 'd' })
    const json = formatScenarioJson(s, ['WeightedFIFO', 'Mine'], 2, [{ name: 'Mine', higherFirst: true, key: 'return t.weight' }])
    const { code, out, written } = cli(['--workload-file', 'd.json', '--output', 'o.json'], { 'd.json': json })
    expect(code).toBe(0)
    expect(out).toContain('Policies written in the browser, from d.json: Mine')
    const results = JSON.parse(written['o.json']!) as Results
    expect(Object.keys(results)).toEqual(['d_WeightedFIFO', 'd_Mine'])
    expect(results.d_Mine).toEqual(results.d_WeightedFIFO)
  })
})
