import fc from 'fast-check'
import { parseClusterName } from '../../src/engine/catalog/clusters.ts'
import { BUILT_IN_POLICIES } from '../../src/engine/policies/registry.ts'
import type { Scenario, TaskSpec } from '../../src/engine/types.ts'

const MODELS = ['Llama3-8B', 'Llama3-70B', 'Qwen3', 'Mixtral-8x7B', 'GLM4.7', 'DeepSeek-R1', 'Mistral-7B', 'Custom-X']

/** Tasks of every shape the engine must handle: all catalog sizes, explicit TPs, unknown models, 0 tokens, ties. */
export const taskArb = fc
  .record({
    model: fc.constantFrom(...MODELS),
    weight: fc.constantFrom(0, 1, 2, 5, 10, 0.5),
    // A coarse grid makes simultaneous arrivals and completions (ties) common.
    arrivalS: fc.oneof(fc.integer({ min: 0, max: 40 }).map((k) => k * 0.05), fc.double({ min: 0, max: 3, noNaN: true })),
    phase: fc.constantFrom('prefill' as const, 'decode' as const),
    tokens: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60 }).map((k) => k * 50), fc.integer({ min: 0, max: 4000 })),
    tp: fc.option(fc.constantFrom(1, 2, 4, 8), { nil: undefined }),
    memoryGB: fc.constantFrom(10, 30, 100),
  })
  .map(({ tp, ...rest }) => (tp === undefined ? rest : { ...rest, tp }))

export const tasksArb = fc
  .array(taskArb, { minLength: 1, maxLength: 40 })
  .map((ts) => ts.map((t, i): TaskSpec => ({ id: `T${i}`, ...t })))

export const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  name: fc.constant('prop'),
  cluster: fc.constantFrom('h100_8gpu', 'h100_16gpu', 'mixed_8gpu', 'mixed_32gpu', 'h100:2', 'a100:6,a30:3').map(parseClusterName),
  dtS: fc.constantFrom(0.01, 0.05, 0.1, 0.25),
  maxTimeS: fc.constantFrom(1, 5, 12, Infinity),
  mode: fc.constantFrom('exact' as const, 'reference' as const),
  backfill: fc.boolean(),
  tasks: tasksArb,
})

/** The names of the built-in policies, in registry order. */
export const BUILT_IN_NAMES: readonly string[] = BUILT_IN_POLICIES.map((p) => p.name)

export const algorithmArb = fc.constantFrom(...BUILT_IN_NAMES)
