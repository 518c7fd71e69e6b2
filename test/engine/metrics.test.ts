import { describe, expect, it } from 'vitest'
import { computeMetrics, percentile } from '../../src/engine/metrics.ts'

describe('percentile', () => {
  it('interpolates linearly between closest ranks (numpy’s default)', () => {
    const v = Float64Array.of(1, 2, 3, 4)
    // p95: rank (4 − 1) × 95 / 100 = 2.85, so 3 + 0.85 × (4 − 3).
    expect([0, 50, 95, 100].map((p) => percentile(v, p))).toEqual([1, 2.5, 3.85, 4])
    expect(percentile(Float64Array.of(7), 99)).toBe(7)
    expect(percentile(new Float64Array(0), 50)).toBe(0)
  })
})

describe('computeMetrics', () => {
  // Four GPUs. A (weight 1) arrives 0, runs 0–2 on 2 GPUs; B (weight 2) arrives 0, waits until
  // 1 and runs 1–4 on 1 GPU; C (weight 3) arrives 1 and never starts; D is rejected.
  const run = {
    weight: [1, 2, 3, 5],
    arrivalS: [0, 0, 1, 0],
    startS: [0, 1, NaN, NaN],
    completionS: [2, 4, NaN, NaN],
    gpuCount: [2, 1, 0, 0],
    rejectedCount: 1,
  }

  it('sums over completed tasks only and counts the others, as the reference does', () => {
    expect(computeMetrics(run, 4)).toEqual({
      // Σ w·(C − A) = 1 × 2 + 2 × 4; mean flow (2 + 4) / 2.
      weighted_waiting_time: 10,
      average_waiting_time: 3,
      makespan: 4,
      completed_count: 2,
      total_count: 4,
      completion_rate: 0.5,
      // Busy GPU-seconds 2 × 2 + 1 × 3 = 7, over 4 GPUs × makespan 4.
      gpu_utilization: 7 / 16,
      // Σ w·(start − A) = 1 × 0 + 2 × 1; mean delay (0 + 1) / 2.
      weighted_queueing_delay: 2,
      average_queueing_delay: 0.5,
      // Flows 2 and 4.
      p50_flow_time: 3,
      p95_flow_time: 2 + 2 * 0.95,
      p99_flow_time: 2 + 2 * 0.99,
      unfinished_count: 1,
      rejected_count: 1,
    })
  })

  it('is all zeros for a run that completed nothing', () => {
    const none = computeMetrics({ ...run, startS: [NaN, NaN, NaN, NaN] }, 4)
    expect([none.weighted_waiting_time, none.average_waiting_time, none.makespan, none.gpu_utilization, none.p95_flow_time, none.unfinished_count]).toEqual([0, 0, 0, 0, 0, 3])
  })
})
