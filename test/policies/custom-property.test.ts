import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { CustomPolicySource } from '../../src/engine/policies/custom.ts'
import { prepareScenario } from '../../src/engine/sim-task.ts'
import { runSimulation } from '../../src/engine/simulation.ts'
import type { Scenario } from '../../src/engine/types.ts'
import { runPolicies } from '../../src/policy-code/run-policies.ts'
import { createSimHandler } from '../../src/worker/handler.ts'
import type { WorkerEvent } from '../../src/worker/protocol.ts'
import { testPolicyCompiler } from '../helpers/policies.ts'
import { scenarioArb } from '../helpers/arbitraries.ts'

// A policy written by a user with WeightedFIFO's key (heaviest first, ties to queue order)
// must give WeightedFIFO's results exactly, in the engine and through the worker's handler,
// whether the key is found static (heaps) or written to read the time (re-ranked every pick).
const SAME_KEYS: readonly CustomPolicySource[] = [
  { name: 'Mine', higherFirst: true, key: 't.weight' },
  { name: 'MineMoving', higherFirst: true, key: '(t) => t.weight + 0 * t.waited' },
]

function engineRun(s: Scenario) {
  const prepared = prepareScenario(s)
  const own = runPolicies(testPolicyCompiler(SAME_KEYS), prepared.tasks)
  expect([...own.staticKeys.keys()]).toEqual(['Mine'])
  return {
    expected: runSimulation(prepared, 'WeightedFIFO'),
    mine: runSimulation(prepared, 'Mine', { policies: own.lookup }),
    moving: runSimulation(prepared, 'MineMoving', { policies: own.lookup }),
  }
}

function handlerRun(s: Scenario): Extract<WorkerEvent, { type: 'done' }> {
  const events: WorkerEvent[] = []
  let clock = 0
  const handle = createSimHandler((e) => events.push(e), { chunkMs: 4, now: () => (clock += 1), compilePolicies: testPolicyCompiler })
  handle({ type: 'run', runId: 1, scenario: s, algorithms: ['WeightedFIFO', 'Mine', 'MineMoving'], customPolicies: SAME_KEYS })
  for (let i = 0; i < 100_000 && !events.some((e) => e.type === 'done' || e.type === 'error'); i++) handle({ type: 'ack', runId: 1 })
  const done = events.find((e) => e.type === 'done')
  if (done === undefined) throw new Error(JSON.stringify(events.find((e) => e.type === 'error')))
  return done
}

describe('a custom policy equal to WeightedFIFO’s key', () => {
  it('gives WeightedFIFO’s results in the engine, static or moving', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { expected, mine, moving } = engineRun(s)
        expect(mine.metrics).toEqual(expected.metrics)
        expect(mine.tasks).toEqual(expected.tasks)
        expect(moving.metrics).toEqual(expected.metrics)
        expect(moving.tasks).toEqual(expected.tasks)
      }),
      { numRuns: 150, seed: 20261707 },
    )
  })

  it('gives WeightedFIFO’s results through the simulation worker’s handler', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const done = handlerRun(s)
        expect(done.metrics.Mine).toEqual(done.metrics.WeightedFIFO)
        expect(done.metrics.MineMoving).toEqual(done.metrics.WeightedFIFO)
        expect(done.metrics.WeightedFIFO).toEqual(runSimulation(s, 'WeightedFIFO').metrics)
      }),
      { numRuns: 40, seed: 20261708 },
    )
  })
})
