import { describe, expect, it } from 'vitest'
import { POLICY_EXAMPLES } from '../../src/engine/policies/custom-examples.ts'
import { prepareScenario } from '../../src/engine/sim-task.ts'
import { runSimulation } from '../../src/engine/simulation.ts'
import { builtInWorkload } from '../../src/engine/workloads/presets.ts'
import { runPolicies } from '../../src/policy-code/run-policies.ts'
import { testPolicyCompiler } from '../helpers/policies.ts'
import { prefill, scenario } from '../helpers/scenario.ts'

const example = (name: string) => POLICY_EXAMPLES.find((e) => e.name === name)!

function run(s: Parameters<typeof prepareScenario>[0], name: string) {
  const prepared = prepareScenario(s)
  const own = runPolicies(testPolicyCompiler([example(name)]), prepared.tasks)
  return { result: runSimulation(prepared, name, { policies: own.lookup }), isStatic: own.staticKeys.has(name) }
}

describe('the shipped examples', () => {
  it('EDF-like: arrival + 0.001 × tokens, earliest first (static)', () => {
    // One GPU. X holds it 0–1 s; A (0.1 + 3), B (0.5 + 2), C (0.9 + 1.8): B, C, A.
    const s = scenario([prefill('X', 1), prefill('A', 3, { arrivalS: 0.1 }), prefill('B', 2, { arrivalS: 0.5 }), prefill('C', 1.8, { arrivalS: 0.9 })], { cluster: 'h100:1', maxTimeS: Infinity })
    const { result, isStatic } = run(s, 'EDF')
    expect(isStatic).toBe(true)
    expect(result.tasks.map((t) => t.completionS)).toEqual([1, 7.8, 3, 4.8])
  })

  it('Aging: weight × (1 + 0.5 × waited), heaviest first (moving)', () => {
    // One GPU. X holds it 0–2 s; L (weight 1) from 0.2 s, H (weight 1.5) from 1.5 s. At 2 s:
    // L 1 × (1 + 0.9) = 1.9, H 1.5 × (1 + 0.25) = 1.875: L first, by a hair.
    const s = scenario([prefill('X', 2), prefill('L', 1, { arrivalS: 0.2 }), prefill('H', 1, { arrivalS: 1.5, weight: 1.5 })], { cluster: 'h100:1', maxTimeS: Infinity })
    const { result, isStatic } = run(s, 'Aging')
    expect(isStatic).toBe(false)
    expect(result.tasks.map((t) => t.completionS)).toEqual([2, 3, 4])
    // H arriving at 1.4 s instead has waited 0.6 s at 2 s: it overtakes L.
    const earlier = scenario([prefill('X', 2), prefill('L', 1, { arrivalS: 0.2 }), prefill('H', 1, { arrivalS: 1.4, weight: 1.5 })], { cluster: 'h100:1', maxTimeS: Infinity })
    // H: 1.5 × (1 + 0.3) = 1.95 > 1.9.
    expect(run(earlier, 'Aging').result.tasks.map((t) => t.completionS)).toEqual([2, 4, 3])
  })

  it('least attained service is FIFO for jobs that are never preempted', () => {
    for (const w of ['discriminating', 'staggered']) {
      const s = scenario(builtInWorkload(w)!)
      const { result, isStatic } = run(s, 'LAS')
      expect(isStatic).toBe(true)
      expect(result.metrics).toEqual(runSimulation(s, 'FIFO').metrics)
    }
    expect(run(scenario(builtInWorkload('discriminating')!), 'LAS').result.metrics.weighted_waiting_time).toBe(336)
  })
})
