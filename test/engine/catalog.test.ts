import { describe, expect, it } from 'vitest'
import { CLUSTER_NAMES, clusterByName, parseClusterName, resolveCluster } from '../../src/engine/catalog/clusters.ts'
import { findGpuType, GPU_TYPES } from '../../src/engine/catalog/gpus.ts'
import { findModel, MODELS, referenceRecommendedTp } from '../../src/engine/catalog/models.ts'
import { referenceEstimateS, referenceRatioEstimateS } from '../../src/engine/perf/reference-estimate.ts'

describe('catalogs', () => {
  it('recommended TP per model name equals the reference table', () => {
    const table = { 'DeepSeek-R1': 8, Qwen3: 2, 'GLM4.7': 4, 'Llama3-70B': 4, 'Llama3-8B': 1, 'Mistral-7B': 1, 'Mixtral-8x7B': 2 }
    for (const [name, tp] of Object.entries(table)) {
      expect(referenceRecommendedTp(name), name).toBe(tp)
      expect(findModel(name)!.recommendedTp, name).toBe(tp)
    }
    expect(referenceRecommendedTp('qwen3')).toBe(1)
    expect(referenceRecommendedTp('SomethingElse')).toBe(1)
  })

  it('holds the required models, each with a consistent TP range', () => {
    for (const name of ['Llama3-8B', 'Llama3-70B', 'Qwen3', 'DeepSeek-R1', 'DeepSeek-R1-Distill-Qwen-32B', 'DeepSeek-R1-Distill-Llama-70B', 'Mixtral-8x7B', 'GLM4.7', 'Mistral-7B']) {
      expect(findModel(name), name).toBeDefined()
    }
    for (const m of MODELS) {
      expect(m.minTp).toBeLessThanOrEqual(m.recommendedTp)
      expect(m.recommendedTp).toBeLessThanOrEqual(m.maxTp)
    }
    expect(findModel('llama-3-70b')!.name).toBe('Llama3-70B')
    expect(findModel('Llama3-70B')!.arch).toMatchObject({ layers: 80, hidden: 8192, kvHeads: 8, headDim: 128 })
  })

  it('GPU figures are the dense datasheet numbers of DOMAIN.md', () => {
    expect(findGpuType('h100')).toMatchObject({ memoryGB: 80, bandwidthGBs: 3350, bf16Tflops: 989 })
    expect(findGpuType('H200')).toMatchObject({ memoryGB: 141, bandwidthGBs: 4800, bf16Tflops: 989 })
    expect(findGpuType('a100')).toMatchObject({ memoryGB: 80, bandwidthGBs: 2039, bf16Tflops: 312 })
    expect(findGpuType('A100-40GB')).toMatchObject({ memoryGB: 40, bandwidthGBs: 1555, bf16Tflops: 312 })
    expect(findGpuType('l40s')).toMatchObject({ memoryGB: 48, bandwidthGBs: 864, bf16Tflops: 362 })
    expect(findGpuType('L4')).toMatchObject({ memoryGB: 24, bandwidthGBs: 300, bf16Tflops: 121 })
    expect(findGpuType('a30')!.memoryGB).toBe(24)
    expect(GPU_TYPES).toHaveLength(8)
  })

  it('presets cut GPUs into nodes of 8 that never mix types', () => {
    expect(CLUSTER_NAMES).toEqual(['h100_8gpu', 'h100_16gpu', 'h100_32gpu', 'h100_64gpu', 'a100_8gpu', 'a100_16gpu', 'mixed_8gpu', 'mixed_32gpu'])
    expect(clusterByName('h100_64gpu').nodes).toHaveLength(8)
    const mixed = clusterByName('mixed_32gpu')
    expect(mixed.nodes.map((n) => [n.gpu.id, n.gpuIndices.length, n.gpuIndices[0]])).toEqual([
      ['H100-SXM-80GB', 8, 0],
      ['H100-SXM-80GB', 8, 8],
      ['A100-80GB', 8, 16],
      ['A100-80GB', 4, 24],
      ['A30-24GB', 4, 28],
    ])
    expect(mixed.nodeOfGpu[27]).toBe(3)
  })

  it('custom clusters from TYPE:COUNT, with clear errors', () => {
    expect(resolveCluster(parseClusterName('h100:12,l4:2')).nodes.map((n) => n.gpuIndices.length)).toEqual([8, 4, 2])
    expect(() => parseClusterName('h100_7gpu')).toThrow(/unknown cluster 'h100_7gpu'/)
    expect(() => parseClusterName('tpu:8')).toThrow(/unknown GPU type 'tpu'/)
    expect(() => parseClusterName('h100:0')).toThrow(/positive whole number/)
    expect(() => parseClusterName('h100:99999')).toThrow(/more than 4096 GPUs/)
  })

  it('the reference estimator: FLOPs / 30e12 / TP, infinite or 1.0 for unknown models', () => {
    expect(referenceEstimateS('Qwen3', 'prefill', 500)).toBeCloseTo((500 * 1.2e11) / 30e12 / 2, 15)
    expect(referenceEstimateS('Llama3-8B', 'decode', 1000)).toBeCloseTo((1000 * 1.6e9) / 30e12, 15)
    expect(referenceEstimateS('Nope', 'prefill', 5)).toBe(Infinity)
    expect(referenceRatioEstimateS('Nope', 'prefill', 5)).toBe(1)
    expect(referenceRatioEstimateS('GLM4.7', 'prefill', 0)).toBe(0.001)
  })
})
