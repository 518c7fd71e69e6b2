import { describe, expect, it } from 'vitest'
import type { ServingListener } from '../../../src/engine/serving/listener.ts'
import { runServing } from '../../../src/engine/serving/run.ts'
import type { ServingModel } from '../../../src/engine/serving/types.ts'
import { servingScenario } from './helpers.ts'

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b)

// H100 SXM: 989 dense BF16 TFLOPS, 3,350 GB/s, 80 GB.
const knobs = { mfu: 0.5, mbu: 0.8, iterationOverheadS: 0.002, allReduceLatencyS: 2e-5, allReduceBusGBs: 400, blockSize: 16, gpuMemoryUtilization: 0.9 }

describe('hand-computed serving cases', () => {
  it('one request: TTFT is one prefill step, computed from the formula', () => {
    // Llama3-8B from the catalog: 32 layers, 32 heads, headDim 128, 8 KV heads, 8.03 B params, 16.06 GB.
    const P = 1000
    const result = runServing(servingScenario([{ inputTokens: P, outputTokens: 1, arrivalS: 0.25 }], { ...knobs, deployments: [{ model: 'Llama3-8B', tp: 1, replicas: 1 }] }), 'FIFO')
    const flops = 2 * 8.03e9 * P + 4 * 32 * 32 * 128 * ((P * (P + 1)) / 2)
    const bytes = 16.06e9 + 2 * 32 * 8 * 128 * 2 * P
    const compute = flops / (989e12 * 0.5)
    const memory = bytes / (3350e9 * 0.8)
    expect(compute).toBeGreaterThan(memory)
    const step = compute + 0.002
    const r = result.requests[0]!
    expect(rel(r.firstTokenS! - 0.25, step)).toBeLessThan(1e-12)
    expect(r.completionS).toBe(r.firstTokenS)
    expect(rel(result.metrics.ttft_mean, step)).toBeLessThan(1e-12)
    expect(result.metrics.tpot_mean).toBe(0)
    expect(result.iterations).toBe(1)
  })

  it('a decode step at batch 1 is weight bytes (and the KV read) over bandwidth × mbu, plus overhead', () => {
    const P = 100
    const result = runServing(servingScenario([{ inputTokens: P, outputTokens: 2 }], { ...knobs, deployments: [{ model: 'Llama3-8B', tp: 1, replicas: 1 }] }), 'FIFO')
    const r = result.requests[0]!
    // The decode step computes 1 token after P: it reads the weights and P + 1 tokens of KV.
    const bytes = 16.06e9 + 131072 * (P + 1)
    const decode = bytes / (3350e9 * 0.8) + 0.002
    expect((2 * 8.03e9 + 4 * 32 * 32 * 128 * (P + 1)) / (989e12 * 0.5)).toBeLessThan(bytes / (3350e9 * 0.8))
    expect(rel(r.completionS! - r.firstTokenS!, decode)).toBeLessThan(1e-12)
    expect(rel(result.metrics.tpot_mean, decode)).toBeLessThan(1e-12)
    // About 6.0 ms for 16 GB at 80 % of 3.35 TB/s, plus 2 ms.
    expect(decode).toBeCloseTo(0.008, 4)
  })

  it('TP adds two all-reduces per layer: latency plus the ring over the batch activations', () => {
    const P = 512
    const one = runServing(servingScenario([{ model: 'Llama3-70B', inputTokens: P, outputTokens: 1 }], { ...knobs, deployments: [{ model: 'Llama3-70B', tp: 4, replicas: 1 }] }, [], 'h100:4'), 'FIFO')
    const flops = 2 * 70.55e9 * P + 4 * 80 * 64 * 128 * ((P * (P + 1)) / 2)
    const compute = flops / 4 / (989e12 * 0.5)
    const memory = (141.1e9 / 4 + 2 * 80 * 2 * 128 * 2 * P) / (3350e9 * 0.8)
    const comm = 2 * 80 * (2e-5 + ((2 * 3) / 4) * P * 8192 * 2 / 400e9)
    expect(rel(one.requests[0]!.firstTokenS!, Math.max(compute, memory) + comm + 0.002)).toBeLessThan(1e-12)
  })
})

/** One layer, one KV head of 128: 512 B of KV per token, 8 KiB per 16-token block; weights leave 3.5 blocks. */
const tiny: ServingModel = { name: 'Tiny', layers: 1, hidden: 1024, heads: 8, kvHeads: 1, headDim: 128, activeParamsB: 0.1, weightsGB: (72e9 - 3.5 * 8192) / 1e9 }

describe('a two-request KV squeeze', () => {
  const squeeze = (weightB: number) =>
    servingScenario(
      [
        { id: 'A', inputTokens: 16, outputTokens: 17 },
        { id: 'B', inputTokens: 16, outputTokens: 17, weight: weightB },
      ],
      { ...knobs, deployments: [{ model: 'Tiny', tp: 1, replicas: 1 }] },
      [tiny],
    )

  it('holds 3 blocks; both prefills fit, the second decode step does not: exactly one preemption', () => {
    const events: string[] = []
    const listener: ServingListener = {
      arrived: () => {},
      rejected: () => {},
      admitted: (r) => events.push(`admit ${r}`),
      preempted: (r, _replica, _t, forRequest, need) => events.push(`preempt ${r} for ${forRequest} (${need})`),
      iteration: (_replica, _t0, _t1, requests, tokens, _c, used) => events.push(`iter ${Array.from(requests).join(',')}:${Array.from(tokens).join(',')} used ${used}`),
      finished: (r) => events.push(`finish ${r}`),
      ended: () => {},
    }
    const result = runServing(squeeze(1), 'FIFO', { listener })
    expect(result.replicas[0]!.blocks).toBe(3)
    expect(result.metrics.preemption_count).toBe(1)
    const [a, b] = result.requests
    expect([a!.preemptions, b!.preemptions]).toEqual([0, 1])
    // A: P + O − 1 = 32 tokens. B: 32, plus the 16 its preemption threw away.
    expect([a!.computedTokens, b!.computedTokens]).toEqual([32, 48])
    expect(events.slice(0, 5)).toEqual(['admit 0', 'admit 1', 'iter 0,1:16,16 used 2', 'preempt 1 for 1 (1)', 'iter 0:1 used 2'])
    // B's first token came with its first prefill; it finishes after A, whose blocks it then takes.
    expect(b!.firstTokenS).toBe(a!.firstTokenS)
    expect(b!.completionS!).toBeGreaterThan(a!.completionS!)
    expect(events.indexOf('finish 0')).toBeLessThan(events.lastIndexOf('admit 1'))
    expect(events.filter((e) => e.startsWith('preempt'))).toHaveLength(1)
  })

  it('the victim is the running request the policy ranks last: under WeightedFIFO a heavier B keeps its place', () => {
    const result = runServing(squeeze(2), 'WeightedFIFO')
    expect(result.requests.map((r) => r.preemptions)).toEqual([1, 0])
    expect(result.requests[1]!.completionS!).toBeLessThan(result.requests[0]!.completionS!)
  })
})
