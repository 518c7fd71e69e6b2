import { describe, expect, it } from 'vitest'
import { chooseVictims } from '../../src/engine/capacity/preempt.ts'
import { runSimulation } from '../../src/engine/simulation.ts'
import { prefill, scenario } from '../helpers/scenario.ts'
import { segmentCollector } from '../helpers/runs.ts'
import { BUILT_IN_NAMES } from '../helpers/arbitraries.ts'

// One GPU. A (0 s, 8 s of work), B (1 s, 1 s), C (2 s, 1 s). Weights 10, 1, 3.
const abc = [prefill('A', 8, { weight: 10 }), prefill('B', 1, { arrivalS: 1 }), prefill('C', 1, { arrivalS: 2, weight: 3 })]
const oneGpu = (preemptive: boolean) => scenario(abc, { cluster: 'h100:1', maxTimeS: Infinity, preemptive })

describe('preemptive exact mode on one GPU: A(0, 8), B(1, 1), C(2, 1)', () => {
  it('SRPT preempts A for B at 1 s and for C at 2 s: mean flow (10 + 1 + 1) / 3 = 4.0', () => {
    const runs = segmentCollector()
    const r = runSimulation(oneGpu(true), 'SRPT', { listener: runs })
    expect(r.tasks.map((t) => t.completionS)).toEqual([10, 2, 3])
    expect(r.metrics.average_waiting_time).toBe(4)
    // Σ w·(C − A) = 10 × 10 + 1 × 1 + 3 × 1.
    expect(r.metrics.weighted_waiting_time).toBe(104)
    // A runs 0–1, waits while B and C run, resumes at 3 with its 7 s left.
    expect(runs.runsOf(0)).toEqual([[0, 1], [3, 10]])
    expect(runs.runsOf(1)).toEqual([[1, 2]])
    expect(runs.runsOf(2)).toEqual([[2, 3]])
    // The queueing delay counts to the first start; the GPU was busy the whole 10 s.
    expect(r.metrics.average_queueing_delay).toBe(0)
    expect(r.metrics.gpu_utilization).toBe(1)
    expect(r.tasks[0]).toMatchObject({ startS: 0, startStep: 0, completionS: 10, endStep: 1000, gpus: [0] })
  })

  it('FIFO never preempts (nobody ranks ahead of A): flows 8, 8, 8, mean 8.0', () => {
    const r = runSimulation(oneGpu(true), 'FIFO')
    expect(r.tasks.map((t) => t.completionS)).toEqual([8, 9, 10])
    expect(r.metrics.average_waiting_time).toBe(8)
    expect(r.metrics.weighted_waiting_time).toBe(80 + 8 + 24)
  })

  it('WeightedFIFO: A (weight 10) is never preempted, C goes before B: 110 / 8.0', () => {
    const r = runSimulation(oneGpu(true), 'WeightedFIFO')
    expect(r.tasks.map((t) => t.completionS)).toEqual([8, 10, 9])
    expect(r.metrics.weighted_waiting_time).toBe(80 + 9 + 21)
    expect(r.metrics.average_waiting_time).toBe(8)
  })

  it('WSRPT: B (1 / 1) stays behind A (10 / 7); C (3 / 1) preempts A (10 / 6) at 2 s: 102', () => {
    const runs = segmentCollector()
    const r = runSimulation(oneGpu(true), 'WSRPT', { listener: runs })
    expect(r.tasks.map((t) => t.completionS)).toEqual([9, 10, 3])
    expect(runs.runsOf(0)).toEqual([[0, 2], [3, 9]])
    expect(r.metrics.weighted_waiting_time).toBe(90 + 9 + 3)
    expect(r.metrics.average_waiting_time).toBeCloseTo(19 / 3, 12)
  })

  it('off: SRPT cannot help once A has started (8.0), the same as before the option existed', () => {
    for (const off of [oneGpu(false), scenario(abc, { cluster: 'h100:1', maxTimeS: Infinity })]) {
      const r = runSimulation(off, 'SRPT')
      expect(r.tasks.map((t) => t.completionS)).toEqual([8, 9, 10])
      expect(r.metrics.average_waiting_time).toBe(8)
    }
  })

  it('reference mode ignores the option (the reference never preempts)', () => {
    const s = { ...oneGpu(true), mode: 'reference' as const, cluster: scenario([], { cluster: 'h100_8gpu' }).cluster }
    for (const a of BUILT_IN_NAMES) expect(runSimulation(s, a)).toEqual(runSimulation({ ...s, preemptive: false }, a))
  })
})

describe('preemption of TP groups (one node of 4 GPUs)', () => {
  // Y 3 s, Z 4 s, X 5 s, W 6 s at 0, TP 1 each; S (TP 2, 1 s) arrives at 1 s.
  const tasks = [
    prefill('X', 5),
    prefill('Y', 3),
    prefill('Z', 4),
    prefill('W', 6),
    prefill('S', 1, { arrivalS: 1, tp: 2 }),
  ]
  const s = (preemptive: boolean) => scenario(tasks, { cluster: 'h100:4', maxTimeS: Infinity, preemptive })

  it('SRPT: S preempts the two last-ranked TP-1 tasks (W, then X) and takes their GPUs', () => {
    const runs = segmentCollector()
    const r = runSimulation(s(true), 'SRPT', { listener: runs })
    const byId = Object.fromEntries(r.tasks.map((t) => [t.id, t]))
    // At 1 s the running tasks have Y 2, Z 3, X 4, W 5 s left.
    expect(byId.S).toMatchObject({ startS: 1, completionS: 2, gpus: [2, 3] })
    expect(runs.runsOf(4)).toEqual([[1, 2]])
    expect(runs.runsOf(3)).toEqual([[0, 1], [2, 7]])
    expect(runs.runsOf(0)).toEqual([[0, 1], [2, 6]])
    expect(runs.runsOf(1)).toEqual([[0, 3]])
    expect(runs.runsOf(2)).toEqual([[0, 4]])
    // Y and Z keep their GPUs; X and W resume on GPUs 2 and 3 once S is done.
    expect(byId.X!.gpus).toEqual([2])
    expect(byId.W!.gpus).toEqual([3])
    // Flows 6, 3, 4, 7, 1.
    expect(r.metrics.average_waiting_time).toBeCloseTo(21 / 5, 12)
    // Busy 3 + 4 + 5 + 6 + 2 × 1 = 20 GPU-seconds over 4 GPUs × 7 s.
    expect(r.metrics.gpu_utilization).toBeCloseTo(20 / 28, 12)
  })

  it('off: S waits until two GPUs are free at 4 s: mean flow 22 / 5', () => {
    const r = runSimulation(s(false), 'SRPT')
    expect(r.tasks.find((t) => t.id === 'S')).toMatchObject({ startS: 4, completionS: 5, gpus: [0, 1] })
    expect(r.metrics.average_waiting_time).toBeCloseTo(22 / 5, 12)
  })

  it('strict: a head that cannot start even by preempting blocks the tasks behind it', () => {
    // FIFO: S arrives last and ranks behind every running task, so it never preempts.
    const r = runSimulation({ ...s(true), backfill: false }, 'FIFO')
    expect(r.tasks.find((t) => t.id === 'S')).toMatchObject({ startS: 4, completionS: 5 })
  })
})

describe('chooseVictims', () => {
  const free = (counts: number[]) => (n: number) => counts[n]!
  it('takes the last-ranked tasks of a node until the group fits, sparing any not needed', () => {
    // Worst first: a (node 0, 1 GPU), b (node 0, 4 GPUs), c (node 0, 2 GPUs). Need 4 in node 0.
    const cands = [
      { task: 10, node: 0, gpus: 1 },
      { task: 11, node: 0, gpus: 4 },
      { task: 12, node: 0, gpus: 2 },
    ]
    expect(chooseVictims(4, [0], free([0]), cands)).toEqual([11])
    expect(chooseVictims(2, [0], free([1]), cands)).toEqual([10])
    expect(chooseVictims(8, [0], free([0]), cands)).toBeNull()
  })

  it('prefers the node whose best-ranked victim ranks lowest, then fewer victims, then the lower node', () => {
    const cands = [
      { task: 1, node: 1, gpus: 1 },
      { task: 2, node: 0, gpus: 2 },
      { task: 3, node: 1, gpus: 1 },
      { task: 4, node: 0, gpus: 2 },
    ]
    // Need 2 everywhere: node 0 gives [2] (best victim at position 1); node 1 gives [1, 3] (position 2).
    expect(chooseVictims(2, [0, 1], free([0, 0]), cands)).toEqual([2])
    // With a free GPU in node 1, node 1 needs only task 1 (position 0).
    expect(chooseVictims(2, [0, 1], free([0, 1]), cands)).toEqual([1])
    // Nothing to preempt when a node already fits.
    expect(chooseVictims(2, [0, 1], free([2, 0]), cands)).toEqual([])
  })
})
