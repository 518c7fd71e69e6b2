import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { prepareServing } from '../../../src/engine/serving/prepare.ts'
import { runServing } from '../../../src/engine/serving/run.ts'
import type { ServingModel } from '../../../src/engine/serving/types.ts'
import { BUILT_IN_POLICIES } from '../../../src/engine/policies/registry.ts'

const POLICY_NAMES = BUILT_IN_POLICIES.map((p) => p.name)
import { servingScenario } from './helpers.ts'
import { oracleRun } from './oracle.ts'

/** Models whose weights leave `blocks` KV blocks per GPU on an H100 at TP `tp`. */
const model = (name: string, blocks: number, blockSize: number, tp: number, kvHeads: number): ServingModel => {
  const kvPerToken = 2 * 2 * Math.max(kvHeads / tp, 1) * 64 * 2
  return { name, layers: 2, hidden: 256, heads: 8, kvHeads, headDim: 64, activeParamsB: 0.2, weightsGB: ((72e9 - (blocks + 0.5) * blockSize * kvPerToken) * tp) / 1e9 }
}

const arb = fc
  .record({
    blockSize: fc.constantFrom(1, 8, 16),
    tpA: fc.constantFrom(1, 2),
    tpB: fc.constantFrom(1, 4),
    kvHeads: fc.constantFrom(1, 2, 8),
    blocksA: fc.integer({ min: 3, max: 30 }),
    blocksB: fc.integer({ min: 3, max: 30 }),
    replicasA: fc.integer({ min: 1, max: 3 }),
    two: fc.boolean(),
    cluster: fc.constantFrom('h100:16', 'h100:4,h200:8'),
    maxNumSeqs: fc.integer({ min: 1, max: 6 }),
    maxBatchedTokens: fc.integer({ min: 1, max: 120 }),
    maxTimeS: fc.constantFrom(Infinity, 0.02, 0.2),
    requests: fc.array(
      fc.record({
        b: fc.boolean(),
        weight: fc.constantFrom(0.5, 1, 3),
        arrivalS: fc.oneof(fc.integer({ min: 0, max: 10 }).map((k) => k * 0.004), fc.double({ min: 0, max: 0.1, noNaN: true })),
        inputTokens: fc.integer({ min: 1, max: 200 }),
        outputTokens: fc.integer({ min: 1, max: 40 }),
      }),
      { minLength: 1, maxLength: 20 },
    ),
  })
  .map((x) => {
    const models = [model('A', x.blocksA, x.blockSize, x.tpA, x.kvHeads), model('B', x.blocksB, x.blockSize, x.tpB, x.kvHeads)]
    const deployments = [{ model: 'A', tp: x.tpA, replicas: x.replicasA }, ...(x.two ? [{ model: 'B', tp: x.tpB, replicas: 1 }] : [])]
    const requests = x.requests.map((r, i) => ({ id: `q${i}`, model: x.two && r.b ? 'B' : 'A', weight: r.weight, arrivalS: r.arrivalS, inputTokens: r.inputTokens, outputTokens: r.outputTokens }))
    return servingScenario(requests, { deployments, blockSize: x.blockSize, maxNumSeqs: x.maxNumSeqs, maxBatchedTokens: x.maxBatchedTokens }, models, x.cluster, x.maxTimeS)
  })

describe('the engine against a plain transcription of the spec', () => {
  it('gives every request the same first token, completion, replica and preemptions', () => {
    fc.assert(
      fc.property(arb, fc.constantFrom(...POLICY_NAMES), (scenario, policy) => {
        const prepared = prepareServing(scenario)
        const engine = runServing(prepared, policy).requests
        const oracle = oracleRun(prepared, policy)
        expect(engine.map((r) => ({ firstTokenS: r.firstTokenS, completionS: r.completionS, replica: r.replica, preemptions: r.preemptions, status: r.status }))).toEqual(oracle)
      }),
      { numRuns: 300 },
    )
  })
})
