import { describe, expect, it } from 'vitest'
import { previewServing } from '../../../src/engine/serving/preview.ts'
import type { DeploymentSpec, ServingModel } from '../../../src/engine/serving/types.ts'
import type { Scenario } from '../../../src/engine/types.ts'

/** h100_16gpu: two nodes of eight H100 SXM 80 GB (GPUs 0-7 and 8-15). */
const scenarioOf = (deployments: DeploymentSpec[], models: ServingModel[] = []): Scenario => ({
  name: 'map',
  cluster: { name: 'h100_16gpu', groups: [{ gpu: 'H100-SXM-80GB', count: 16 }] },
  dtS: 0.01,
  maxTimeS: Infinity,
  mode: 'serving',
  backfill: false,
  tasks: [],
  ...(models.length > 0 && { models }),
  serving: { deployments },
})

const layout = (s: Scenario) => previewServing(s).replicas.map((r) => `${r.index}:${r.model}@${r.gpus.join('-')}`)

describe('the GPU map: placement of a hand-made deployment set', () => {
  it('places replica by replica, best fit, ties to the lower node', () => {
    const s = scenarioOf([
      { model: 'Llama3-70B', tp: 4, replicas: 2 },
      { model: 'Llama3-8B', tp: 1, replicas: 6 },
      { model: 'Qwen3-32B', tp: 2, replicas: 1 },
    ])
    // 70B: both nodes free, tie to node 0 (GPUs 0-3), then node 0 again (4 left < 8): 4-7.
    // 8B: node 1 only, its lowest free GPUs 8..13. Qwen3-32B TP 2: node 1's last two, 14-15.
    expect(layout(s)).toEqual([
      '0:Llama3-70B@0-1-2-3',
      '1:Llama3-70B@4-5-6-7',
      '2:Llama3-8B@8',
      '3:Llama3-8B@9',
      '4:Llama3-8B@10',
      '5:Llama3-8B@11',
      '6:Llama3-8B@12',
      '7:Llama3-8B@13',
      '8:Qwen3-32B@14-15',
    ])
    expect(previewServing(s).issues).toEqual([])
  })

  it('refuses the replica that does not fit with where GPUs are left, keeping those placed before it', () => {
    const s = scenarioOf([
      { model: 'Llama3-8B', tp: 1, replicas: 3 },
      { model: 'Llama3-70B', tp: 4, replicas: 3 },
    ])
    // 8B on node 0 (0-2, 5 left); 70B: node 0 (5 free, best fit) 3-6, then node 1 8-11, then
    // node 1 again 12-15; nothing is refused. One more 70B replica would find 1 GPU in node 0.
    expect(layout(s)).toEqual(['0:Llama3-8B@0', '1:Llama3-8B@1', '2:Llama3-8B@2', '3:Llama3-70B@3-4-5-6', '4:Llama3-70B@8-9-10-11', '5:Llama3-70B@12-13-14-15'])
    const over = scenarioOf([
      { model: 'Llama3-8B', tp: 1, replicas: 2 },
      { model: 'Llama3-70B', tp: 4, replicas: 4 },
    ])
    // 8B 0-1; 70B 2-5 (node 0: 6 free), 8-11, 12-15; replica 4: 2 GPUs left in node 0, 0 in node 1.
    const p = previewServing(over)
    expect(p.replicas.map((r) => r.gpus.join('-'))).toEqual(['0', '1', '2-3-4-5', '8-9-10-11', '12-13-14-15'])
    expect(p.issues).toEqual([{ where: 'serving.deployments[1]', field: 'replicas', value: '4', message: 'replica 4 of Llama3-70B TP 4 does not fit: 2 GPUs left in node 0' }])
  })

  it('lists every node with GPUs left when none holds the group', () => {
    const p = previewServing(scenarioOf([{ model: 'Llama3-8B', tp: 1, replicas: 7 }, { model: 'Qwen3-32B', tp: 2, replicas: 3 }, { model: 'Llama3-70B', tp: 4, replicas: 1 }]))
    // 8B 0-6 (node 0: 1 left); Qwen3-32B TP 2 on node 1: 8-9, 10-11, 12-13 (2 left); 70B TP 4: refused.
    expect(p.replicas.map((r) => r.gpus.join('-'))).toEqual(['0', '1', '2', '3', '4', '5', '6', '8-9', '10-11', '12-13'])
    expect(p.issues.map((i) => i.message)).toEqual(['replica 1 of Llama3-70B TP 4 does not fit: 1 GPU left in node 0, 2 in node 1'])
  })
})

describe("a custom model's KV pool, from its fields", () => {
  // 10 layers, 4 KV heads of 64, 2 GB of weights: on an H100 SXM 80 GB at TP 2, gpuMemoryUtilization 0.9.
  const tiny: ServingModel = { name: 'WhatIf-2B', layers: 10, hidden: 2048, heads: 16, kvHeads: 4, headDim: 64, activeParamsB: 1, weightsGB: 2 }

  it('splits KV heads over the group and counts blocks as the engine does', () => {
    const [r] = previewServing(scenarioOf([{ model: 'WhatIf-2B', tp: 2, replicas: 1 }], [tiny])).replicas
    // K and V: 2 × 10 layers × (4 / 2) heads × 64 × 2 bytes = 5,120 bytes per token per GPU.
    expect(r!.kvBytesPerToken).toBe(5120)
    // Weights: 2e9 / 2 = 1e9 bytes per GPU; 0.9 × 80e9 − 1e9 = 71e9 bytes for KV;
    // a block of 16 tokens is 81,920 bytes: floor(71e9 / 81,920) = 866,699 blocks, 13,867,184 tokens.
    expect(r!.weightBytes).toBe(1e9)
    expect(r!.blocks).toBe(866_699)
    expect(r!.blocks * 16).toBe(13_867_184)
  })

  it('halves the KV bytes with an fp8 cache and replicates KV heads past their count', () => {
    const fp8 = previewServing(scenarioOf([{ model: 'WhatIf-2B', tp: 2, replicas: 1, kvCacheDtype: 'fp8' }], [tiny])).replicas[0]!
    // 2,560 bytes per token: floor(71e9 / 40,960) = 1,733,398 blocks.
    expect(fp8.blocks).toBe(1_733_398)
    const tp8 = previewServing(scenarioOf([{ model: 'WhatIf-2B', tp: 8, replicas: 1 }], [tiny])).replicas[0]!
    // 4 KV heads on 8 GPUs: one head each (replicated), 2 × 10 × 1 × 64 × 2 = 2,560 bytes;
    // weights 0.25e9: floor((72e9 − 0.25e9) / 40,960) = 1,751,708 blocks.
    expect(tp8.kvBytesPerToken).toBe(2560)
    expect(tp8.blocks).toBe(1_751_708)
  })
})
