import { describe, expect, it } from 'vitest'
import { parseClusterName } from '../../src/engine/catalog/clusters.ts'
import { runAlgorithms } from '../../src/engine/simulation.ts'
import { DEFAULT_GENERATOR, generateWorkload } from '../../src/engine/workloads/generator.ts'
import { pointValues } from '../../src/sweep/definition.ts'
import { formatSweepCsv } from '../../src/sweep/csv.ts'
import { summaryOf, type SweepResult } from '../../src/sweep/result.ts'
import { runSweep } from '../../src/sweep/run.ts'
import { sweepPoints, sweepScenario, withHeaviestShare } from '../../src/sweep/scenario.ts'
import { BUILT_IN_NAMES } from '../helpers/arbitraries.ts'
import { FOUR_ONE_SECOND_TASKS, smallRateSweep, tinySweep } from './helpers.ts'

/** Each policy's mean of `metric` at every point (they must agree when the tasks are identical). */
function curve(r: SweepResult, metric: string): number[] {
  return r.points.map((p) => {
    const means = r.definition.algorithms.map((a) => summaryOf(r, p.index, a, metric)!.mean!)
    expect(new Set(means).size, `${metric} at point ${p.index}`).toBe(1)
    return means[0]!
  })
}

describe('a sweep of the cluster size over four 1-second tasks, all at t = 0', () => {
  const r = runSweep(tinySweep())

  it('gives the flow times worked out by hand', () => {
    // 1 GPU: completions 1, 2, 3, 4; 2 GPUs: 1, 1, 2, 2; 3 GPUs: 1, 1, 1, 2; 4 GPUs: all at 1.
    expect(r.points.map((p) => p.value)).toEqual([1, 2, 3, 4])
    expect(curve(r, 'mean_flow')).toEqual([2.5, 1.5, 1.25, 1])
    expect(curve(r, 'weighted_flow')).toEqual([10, 6, 5, 4])
    expect(curve(r, 'mean_queueing_delay')).toEqual([1.5, 0.5, 0.25, 0])
    // p95 between the 3rd and 4th of 4 sorted flows, 85 % of the way: 3.85, 2, 1.85, 1.
    const p95 = curve(r, 'p95_flow')
    ;[3.85, 2, 1.85, 1].forEach((x, i) => expect(p95[i]).toBeCloseTo(x, 12))
    // 4 busy GPU-seconds over GPUs × makespan: 4/(1·4), 4/(2·2), 4/(3·2), 4/(4·1).
    const util = curve(r, 'gpu_utilization')
    ;[1, 1, 2 / 3, 1].forEach((x, i) => expect(util[i]).toBeCloseTo(x, 12))
    expect(curve(r, 'rejected')).toEqual([0, 0, 0, 0])
  })

  it('keeps every seed, and the spread of identical seeds is nil', () => {
    expect(r.complete).toBe(true)
    expect(r.runs).toHaveLength(4 * 2 * 4)
    expect(r.runs.slice(0, 5).map((x) => [x.point, x.seed, x.algorithm])).toEqual([
      [0, 0, 'FIFO'],
      [0, 0, 'WeightedFIFO'],
      [0, 0, 'SRPT'],
      [0, 0, 'WSRPT'],
      [0, 1, 'FIFO'],
    ])
    expect(summaryOf(r, 0, 'SRPT', 'mean_flow')).toEqual({ point: 0, algorithm: 'SRPT', metric: 'mean_flow', mean: 2.5, min: 2.5, max: 2.5, n: 2 })
  })

  it('has no arrival rate or offered load when every task arrives at once', () => {
    expect(r.points.map((p) => [p.ratePerS, p.offeredLoad])).toEqual([
      [null, null],
      [null, null],
      [null, null],
      [null, null],
    ])
  })

  it('writes the CSV summary row by row', () => {
    const lines = formatSweepCsv(r, ['mean_flow']).trimEnd().split('\n')
    expect(lines[0]).toBe('point,param,value,rate_per_s,offered_load,algorithm,metric,mean,min,max,n')
    expect(lines).toHaveLength(1 + 4 * 4)
    expect(lines[1]).toBe('0,cluster-size,1,,,FIFO,mean_flow,2.5,2.5,2.5,2')
    expect(lines[16]).toBe('3,cluster-size,4,,,WSRPT,mean_flow,1,1,1,2')
  })
})

describe('each parameter', () => {
  it('weight mix: all light (0) gives weighted flow 10, all heavy (1) ten times that', () => {
    const r = runSweep(
      tinySweep({
        generator: { ...FOUR_ONE_SECOND_TASKS, weights: [{ value: 1, share: 0.5 }, { value: 10, share: 0.5 }] },
        cluster: parseClusterName('h100:1'),
        param: 'weight-mix',
        from: 0,
        to: 1,
        points: 2,
        seeds: 1,
      }),
    )
    expect(curve(r, 'weighted_flow')).toEqual([10, 100])
    expect(curve(r, 'mean_flow')).toEqual([2.5, 2.5])
  })

  it('weight mix: the other classes keep their proportions', () => {
    expect(withHeaviestShare([{ value: 1, share: 0.7 }, { value: 10, share: 0.3 }], 0.5)).toEqual([{ value: 1, share: 0.5 }, { value: 10, share: 0.5 }])
    const three = withHeaviestShare([{ value: 1, share: 2 }, { value: 10, share: 1 }, { value: 5, share: 1 }], 0.4)
    ;[0.4, 0.4, 0.2].forEach((x, i) => expect(three[i]!.share).toBeCloseTo(x, 15))
    expect(withHeaviestShare([{ value: 10, share: 1 }, { value: 1, share: 0 }, { value: 2, share: 0 }], 0.2).map((w) => w.share)).toEqual([0.2, 0.4, 0.4])
  })

  it('TP: kept within the model range, so Llama3-70B asked for TP 1 runs at TP 2', () => {
    const r = runSweep(tinySweep({ generator: { ...FOUR_ONE_SECOND_TASKS, models: [{ value: 'Llama3-70B', share: 1 }] }, param: 'tp', from: 1, to: 4, points: 4, seeds: 1 }))
    // 8 GPUs: TP 2 runs all four at once; TP 3 and 4 two at a time (flows 1, 1, 2, 2).
    expect(curve(r, 'mean_flow')).toEqual([1, 1, 1.5, 1.5])
    expect(sweepScenario(r.definition, 0, 0).tasks.map((t) => t.tp)).toEqual([2, 2, 2, 2])
    expect(sweepScenario(r.definition, 2, 0).tasks.map((t) => t.tp)).toEqual([3, 3, 3, 3])
  })

  it('utilization: offered load = rate × mean GPU-seconds / GPUs, so 1-GPU-second tasks on 8 GPUs arrive at 8 × u per second', () => {
    const d = tinySweep({ generator: { ...FOUR_ONE_SECOND_TASKS, arrivals: { kind: 'uniform', fromS: 0, toS: 4 } }, param: 'utilization', from: 0.5, to: 1, points: 2 })
    expect(sweepPoints(d)).toEqual([
      { index: 0, value: 0.5, ratePerS: 4, offeredLoad: 0.5 },
      { index: 1, value: 1, ratePerS: 8, offeredLoad: 1 },
    ])
    // Four tasks at 8 per second: a uniform window of half a second.
    for (const t of sweepScenario(d, 1, 0).tasks) expect(t.arrivalS).toBeLessThanOrEqual(0.5)
  })

  it("utilization of the default generator on h100_16gpu: 2.2 GPUs × 0.7·e^0.32 s a task", () => {
    const d = smallRateSweep({ generator: DEFAULT_GENERATOR, cluster: parseClusterName('h100_16gpu'), param: 'utilization', from: 0.5, to: 0.5, points: 1 })
    // Models: 40 % TP 1, 30 % TP 2, 30 % TP 4 → 2.2 GPUs. Mean tokens 1000·e^0.32 at 1000/s and
    // 2000·e^0.32 at 5000/s, half each → 0.7·e^0.32 s.
    const gpuS = 2.2 * 0.7 * Math.exp(0.32)
    expect(sweepPoints(d)[0]!.ratePerS).toBeCloseTo((0.5 * 16) / gpuS, 10)
  })

  it('rate: the scenario is the generator at that Poisson rate and seed, and the runs are its results', () => {
    const d = smallRateSweep()
    expect(pointValues(d)).toEqual([1, 2.66666666667, 4.33333333333, 6])
    const s = sweepScenario(d, 2, 1)
    expect(s.tasks).toEqual(generateWorkload({ ...d.generator, seed: 4, arrivals: { kind: 'poisson', ratePerS: 4.33333333333 } }))
    const direct = runAlgorithms(s, BUILT_IN_NAMES)
    const r = runSweep({ ...d })
    for (const a of BUILT_IN_NAMES) {
      const run = r.runs.find((x) => x.point === 2 && x.seed === 1 && x.algorithm === a)!
      expect(run.metrics.mean_flow).toBe(direct.get(a)!.metrics.average_waiting_time)
      expect(run.metrics.weighted_flow).toBe(direct.get(a)!.metrics.weighted_waiting_time)
    }
  })

  it('the spread is the mean, smallest and largest over the seeds', () => {
    const r = runSweep(smallRateSweep())
    const seeds = r.runs.filter((x) => x.point === 3 && x.algorithm === 'WSRPT').map((x) => x.metrics.p95_flow!)
    expect(seeds).toHaveLength(3)
    expect(new Set(seeds).size).toBeGreaterThan(1)
    expect(summaryOf(r, 3, 'WSRPT', 'p95_flow')).toMatchObject({ mean: (seeds[0]! + seeds[1]! + seeds[2]!) / 3, min: Math.min(...seeds), max: Math.max(...seeds), n: 3 })
  })
})
