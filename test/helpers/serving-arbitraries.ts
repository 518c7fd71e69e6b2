import fc from 'fast-check'
import type { ServingModel } from '../../src/engine/serving/types.ts'
import type { Scenario } from '../../src/engine/types.ts'
import { servingScenario } from '../engine/serving/helpers.ts'

/** A one-layer model whose weights leave `blocks` KV blocks of `blockSize` tokens on an H100 (0.9 of 80 GB). */
const squeezed = (name: string, blocks: number, blockSize: number): ServingModel => ({
  name,
  layers: 1,
  hidden: 512,
  heads: 4,
  kvHeads: 1,
  headDim: 64,
  activeParamsB: 0.05,
  // 256 B of KV per token; + 0.5 block so float noise cannot round a block away.
  weightsGB: (72e9 - (blocks + 0.5) * blockSize * 256) / 1e9,
})

/** Random serving scenarios: one or two tiny-KV models, mixed GPU types, tight batch limits, preemptions. */
export const servingScenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    blockSize: fc.constantFrom(1, 4, 16),
    blocksA: fc.integer({ min: 4, max: 40 }),
    blocksB: fc.integer({ min: 4, max: 40 }),
    two: fc.boolean(),
    replicas: fc.integer({ min: 1, max: 3 }),
    cluster: fc.constantFrom('h100:4', 'h100:2,h200:2'),
    maxNumSeqs: fc.integer({ min: 1, max: 8 }),
    maxBatchedTokens: fc.integer({ min: 1, max: 200 }),
    maxTimeS: fc.constantFrom(Infinity, 0.05, 0.3),
    requests: fc.array(
      fc.record({
        b: fc.boolean(),
        weight: fc.constantFrom(0.5, 1, 2, 10),
        arrivalS: fc.oneof(fc.integer({ min: 0, max: 20 }).map((k) => k * 0.005), fc.double({ min: 0, max: 0.2, noNaN: true })),
        inputTokens: fc.integer({ min: 1, max: 300 }),
        outputTokens: fc.integer({ min: 1, max: 60 }),
      }),
      { minLength: 1, maxLength: 25 },
    ),
  })
  .map((x) => {
    const models = [squeezed('A', x.blocksA, x.blockSize), squeezed('B', x.blocksB, x.blockSize)]
    const deployments = [{ model: 'A', tp: 1, replicas: x.replicas }, ...(x.two ? [{ model: 'B', tp: 1, replicas: 1 }] : [])]
    const requests = x.requests.map((r, i) => ({ id: `q${i}`, model: x.two && r.b ? 'B' : 'A', weight: r.weight, arrivalS: r.arrivalS, inputTokens: r.inputTokens, outputTokens: r.outputTokens }))
    const serving = { deployments, blockSize: x.blockSize, maxNumSeqs: x.maxNumSeqs, maxBatchedTokens: x.maxBatchedTokens, iterationOverheadS: 0.001 }
    return servingScenario(requests, serving, models, x.cluster, x.maxTimeS)
  })

