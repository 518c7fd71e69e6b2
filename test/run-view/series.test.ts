import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { queueLengthSeries, utilizationSeries, valueAt, weightedFlowSeries, algorithmSeries, maxValue, seriesFromPoints, seriesPoints } from '../../src/run-view/series.ts'
import { resolveCluster } from '../../src/engine/catalog/clusters.ts'
import { policies } from '../../src/engine/policies/registry.ts'
import { BatchRecorder } from '../../src/worker/recorder.ts'
import { createSimulation, runSimulation } from '../../src/engine/simulation.ts'
import { rankOrder } from '../../src/engine/policies/policy.ts'
import { REJECTED, RUNNING, WAITING } from '../../src/engine/segments.ts'
import { holdersAt } from '../../src/run-view/holders.ts'
import { queueAt } from '../../src/run-view/queue.ts'
import { staticRanking } from '../../src/run-view/ranking.ts'
import { stepTimes, timeAt } from '../../src/run-view/time.ts'
import { applyBatch, createTimeline } from '../../src/run-view/timeline.ts'
import type { Scenario } from '../../src/engine/types.ts'
import { discriminatingWorkload, staggeredWorkload } from '../../src/engine/workloads/presets.ts'
import { algorithmArb, scenarioArb } from '../helpers/arbitraries.ts'
import { prefill, scenario } from '../helpers/scenario.ts'
import { BUILT_IN_NAMES } from '../helpers/arbitraries.ts'
import { perTask } from '../helpers/segments.ts'

/** Runs one algorithm with a recorder and rebuilds its timeline from the streamed batches. */
function streamed(s: Scenario, a: string) {
  const recorder = new BatchRecorder(s.tasks.length)
  const sim = createSimulation(s, a, { listener: recorder })
  const tl = createTimeline(s.tasks.length, resolveCluster(s.cluster).gpus.length)
  while (!sim.done) {
    for (let k = 0; k < 50 && !sim.done; k++) sim.advance()
    applyBatch(tl, recorder.flush(sim.done ? Infinity : sim.step, sim.done))
  }
  return { tl, sim, result: sim.run() }
}

describe('metric series of a hand-built timeline (dt 0.5 s, 4 GPUs)', () => {
  // A: 2 GPUs, 0 → 0.75 s (freed at step 2). B: 1 GPU, 0 → 3 s, still running (end unknown).
  // C arrives at step 1, starts at step 2 on A's GPUs, finishes at 2 s. D is rejected.
  // E arrives at step 3 and never starts.
  const tasks = [
    { weight: 1, arrivalS: 0 },
    { weight: 2, arrivalS: 0 },
    { weight: 3, arrivalS: 0.5 },
    { weight: 10, arrivalS: 1 },
    { weight: 5, arrivalS: 1.5 },
  ]
  const tl = createTimeline(5, 4)
  const rec = new BatchRecorder(5)
  rec.open(0, WAITING, 0, 0, [], NaN)
  rec.open(1, WAITING, 0, 0, [], NaN)
  // Task 0 at step 0 on GPUs 0 and 1, task 1 at step 0 on GPU 2 (their ends planned).
  rec.close(0, WAITING, 0, 0)
  rec.open(0, RUNNING, 0, 0, [0, 1], 0.75)
  rec.close(1, WAITING, 0, 0)
  rec.open(1, RUNNING, 0, 0, [2], 3)
  rec.open(2, WAITING, 1, 0.5, [], NaN)
  rec.close(0, RUNNING, 2, 0.75)
  rec.open(3, REJECTED, 2, 1, [], 1)
  rec.close(3, REJECTED, 2, 1)
  // Task 2 at step 2 on GPUs 0 and 1.
  rec.close(2, WAITING, 2, 1)
  rec.open(2, RUNNING, 2, 1, [0, 1], 2)
  rec.open(4, WAITING, 3, 1.5, [], NaN)
  const batch = rec.flush(4, false)
  expect(batch.lastEventStep).toBe(3)
  applyBatch(tl, batch)

  it('weighted flow Σ w·(C − A) steps up at each finish time', () => {
    // A: 1 × 0.75; C: 3 × (2 − 0.5) = 4.5; B: 2 × 3 = 6. D and E never complete.
    expect(seriesPoints(weightedFlowSeries(tl, tasks))).toEqual([
      [0, 0],
      [0.75, 0.75],
      [2, 5.25],
      [3, 11.25],
    ])
  })

  it('queue length: joins at arrival, leaves at start; rejected tasks never queue', () => {
    // A and B arrive and start at step 0 (net 0); C waits during step 1; E waits from step 3 on.
    expect(seriesPoints(queueLengthSeries(tl, (k) => k * 0.5))).toEqual([
      [0, 0],
      [0.5, 1],
      [1, 0],
      [1.5, 1],
    ])
  })

  it('utilization: busy GPUs / all GPUs, a task without an end step still holds its GPUs', () => {
    // 3 of 4 from step 0; at step 2 A frees 2 GPUs and C takes them: no change.
    expect(seriesPoints(utilizationSeries(tl, (k) => k * 0.5))).toEqual([[0, 0.75]])
  })

  it('valueAt reads the step function, counting a time within 1e-9 as reached', () => {
    const s = weightedFlowSeries(tl, tasks)
    expect(valueAt(s, -1)).toBe(0)
    expect(valueAt(s, 0.7)).toBe(0)
    expect(valueAt(s, 0.75)).toBe(0.75)
    expect(valueAt(s, 0.7499999999999999)).toBe(0.75)
    expect(valueAt(s, 1.99)).toBe(0.75)
    expect(valueAt(s, 2)).toBe(5.25)
    expect(valueAt(s, 100)).toBe(11.25)
    expect(maxValue([s, seriesFromPoints([[0, 12]])])).toBe(12)
  })

  it('an empty timeline is flat at 0', () => {
    const empty = createTimeline(3, 2)
    const flat = algorithmSeries(empty, tasks.slice(0, 3), (k) => k * 0.1)
    expect([flat.weightedFlow, flat.queueLength, flat.utilization].map(seriesPoints)).toEqual([[[0, 0]], [[0, 0]], [[0, 0]]])
  })
})

describe('metric series of engine runs', () => {
  it('three tasks of 4, 2 and 3 s on one GPU under SRPT (weights 1, 2, 3; dt 1 s)', () => {
    const s = scenario([prefill('A', 4, { weight: 1 }), prefill('B', 2, { weight: 2 }), prefill('C', 3, { weight: 3 })], {
      cluster: 'h100:1',
      dtS: 1,
      maxTimeS: Infinity,
    })
    const { tl } = streamed(s, 'SRPT')
    const series = algorithmSeries(tl, s.tasks, (k) => k * 1)
    // SRPT: B 0–2, C 2–5, A 5–9. Σ w·C = 2·2, + 3·5, + 1·9.
    expect(seriesPoints(series.weightedFlow)).toEqual([
      [0, 0],
      [2, 4],
      [5, 19],
      [9, 28],
    ])
    expect(seriesPoints(series.queueLength)).toEqual([
      [0, 2],
      [2, 1],
      [5, 0],
    ])
    expect(seriesPoints(series.utilization)).toEqual([
      [0, 1],
      [9, 0],
    ])
  })

  it('the last weighted-flow value is exactly the engine’s weighted_waiting_time', () => {
    const cases: [string, Scenario][] = [
      ['discriminating, exact', scenario(discriminatingWorkload())],
      ['discriminating, reference', scenario(discriminatingWorkload(), { mode: 'reference' })],
      ['discriminating on h100_8gpu', scenario(discriminatingWorkload(), { cluster: 'h100_8gpu' })],
      ['staggered, reference', scenario(staggeredWorkload(), { mode: 'reference' })],
    ]
    const expected: Record<string, Partial<Record<string, number>>> = {
      'discriminating, exact': { FIFO: 336, WeightedFIFO: 102 },
      'discriminating, reference': { FIFO: 336.4, WeightedFIFO: 108.04 },
    }
    for (const [name, s] of cases) {
      for (const a of BUILT_IN_NAMES) {
        const { tl } = streamed(s, a)
        const metrics = runSimulation(s, a).metrics
        const last = seriesPoints(weightedFlowSeries(tl, s.tasks)).at(-1)!
        expect(last[1], `${name} ${a}`).toBe(metrics.weighted_waiting_time)
        const want = expected[name]?.[a]
        if (want !== undefined) expect(last[1]).toBeCloseTo(want, 9)
      }
    }
  })

  it('queue length and utilization agree with the timeline queries at every step', () => {
    fc.assert(
      fc.property(scenarioArb, algorithmArb, (s, a) => {
        const { tl, sim } = streamed(s, a)
        const ranking = staticRanking(rankOrder(sim.tasks, policies.get(a)), new Float64Array(s.tasks.length))
        const queue = queueLengthSeries(tl, stepTimes(s))
        const util = utilizationSeries(tl, stepTimes(s))
        const flow = weightedFlowSeries(tl, s.tasks)
        const cols = perTask(tl)
        const lastStep = Math.max(0, ...cols.endStep, ...cols.arrivalStep)
        for (let k = 0; k <= lastStep + 1; k++) {
          const t = timeAt(s, k)
          expect(valueAt(queue, t)).toBe(queueAt(tl, k, ranking).length)
          const busy = holdersAt(tl, k).filter((h) => h >= 0).length
          expect(valueAt(util, t)).toBe(busy / tl.gpuCount)
        }
        // Change points are ascending and every one is a real change.
        for (const series of [queue, util, flow].map(seriesPoints)) {
          expect(series[0]![0]).toBe(0)
          for (let p = 1; p < series.length; p++) {
            expect(series[p]![0]).toBeGreaterThan(series[p - 1]![0])
            expect(series[p]![1]).not.toBe(series[p - 1]![1])
          }
        }
      }),
      { numRuns: 60, seed: 11 },
    )
  })
})
