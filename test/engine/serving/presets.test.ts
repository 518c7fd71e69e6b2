import { describe, expect, it } from 'vitest'
import { runServing } from '../../../src/engine/serving/run.ts'
import { SERVING_SCENARIOS } from '../../../src/engine/workloads/serving-presets.ts'

const run = (name: string) => {
  const s = SERVING_SCENARIOS[name]!()
  return Object.fromEntries(['FIFO', 'WeightedFIFO', 'SRPT', 'WSRPT'].map((a) => [a, runServing(s, a).metrics]))
}

/** Relative closeness to the engine's figures (printed by this scenario's run, 13 digits). */
const near = (x: number, want: number) => expect(Math.abs(x - want) / want).toBeLessThan(1e-12)

describe('built-in serving scenarios show a difference between policies', () => {
  it('KV pressure: FIFO preempts 37 times, SRPT 15, for the same 40 requests', () => {
    const m = run('KV pressure: preemption thrash')
    expect([m.FIFO!, m.WeightedFIFO!, m.SRPT!, m.WSRPT!].map((x) => x.preemption_count)).toEqual([37, 33, 15, 22])
    expect(m.FIFO!.completed_count).toBe(40)
    // Fewer evictions, less recompute: SRPT's time per output token is 14 % below FIFO's.
    near(m.FIFO!.tpot_mean, 0.011586850858422131)
    near(m.SRPT!.tpot_mean, 0.009970775762845349)
  })

  it('Chunked prefill: FIFO has the lower TTFT, SRPT the lower TPOT', () => {
    const m = run('Chunked prefill: TTFT vs TPOT')
    near(m.FIFO!.ttft_mean, 1.3336873794698065)
    near(m.SRPT!.ttft_mean, 2.4483745598486477)
    near(m.FIFO!.tpot_mean, 0.023508514467057432)
    near(m.SRPT!.tpot_mean, 0.020779884658818113)
    expect(m.FIFO!.completed_count).toBe(50)
  })

  it('Two models on 16 GPUs: WeightedFIFO cuts the weighted E2E by 10 % against FIFO', () => {
    const m = run('Two models on 16 GPUs')
    near(m.FIFO!.weighted_waiting_time, 24204.47992745434)
    near(m.WeightedFIFO!.weighted_waiting_time, 21746.919515125002)
    expect(m.FIFO!.completed_count).toBe(600)
    // SRPT shortens TTFT (4.62 s against 5.32 s) at the cost of TPOT (31 ms against 24 ms).
    near(m.SRPT!.ttft_mean, 4.618829494382156)
    near(m.SRPT!.tpot_mean, 0.031247625746018876)
  })
})
