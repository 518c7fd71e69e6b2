import { describe, expect, it } from 'vitest'
import { runSimulation } from '../../src/engine/simulation.ts'
import { discriminatingWorkload, staggeredWorkload } from '../../src/engine/workloads/presets.ts'
import { prefill, scenario } from '../helpers/scenario.ts'
import { BUILT_IN_NAMES } from '../helpers/arbitraries.ts'

const metricsOf = (s: Parameters<typeof runSimulation>[0], a: string) => runSimulation(s, a).metrics

describe('default (exact) mode on the built-in workloads', () => {
  it('discriminating on h100_16gpu: FIFO 336 / 2.4, the others 102 / 1.5, makespan 3', () => {
    const s = scenario(discriminatingWorkload())
    expect(metricsOf(s, 'FIFO')).toMatchObject({ weighted_waiting_time: 336, average_waiting_time: 2.4, makespan: 3, completed_count: 20 })
    for (const a of ['WeightedFIFO', 'SRPT', 'WSRPT'] as const) {
      const m = metricsOf(s, a)
      expect(m.weighted_waiting_time, a).toBeCloseTo(102, 9)
      expect(m.average_waiting_time, a).toBeCloseTo(1.5, 9)
      expect(m.makespan, a).toBe(3)
    }
  })

  it('staggered on h100_32gpu: 28 / 0.833 for all four, queued tasks start at 0.10 s', () => {
    const s = scenario(staggeredWorkload(), { cluster: 'h100_32gpu' })
    for (const a of BUILT_IN_NAMES) {
      const r = runSimulation(s, a)
      expect(r.metrics.weighted_waiting_time, a).toBeCloseTo(28, 9)
      expect(r.metrics.average_waiting_time, a).toBeCloseTo(10 / 12, 9)
      const queued = r.tasks.filter((t) => t.id.startsWith('T_queue_'))
      expect(queued.map((t) => t.startS)).toEqual([0.1, 0.1, 0.1, 0.1])
      expect(queued.map((t) => t.startStep)).toEqual([10, 10, 10, 10])
    }
  })

  it('discriminating FIFO on h100_8gpu completes 16 of 20 within 5 s', () => {
    const r = runSimulation(scenario(discriminatingWorkload(), { cluster: 'h100_8gpu' }), 'FIFO')
    // Lows run 0–2 and 2–4, highs 4–4.5 and 4.5–5; the last four highs never start.
    expect(r.metrics.completed_count).toBe(16)
    expect(r.metrics.unfinished_count).toBe(4)
    expect(r.metrics.weighted_waiting_time).toBeCloseTo(4 * 2 + 4 * 4 + 40 * 4.5 + 40 * 5, 9)
    expect(r.metrics.makespan).toBe(5)
    expect(r.tasks.filter((t) => t.status === 'unfinished').map((t) => t.id)).toEqual(['T_high_9', 'T_high_10', 'T_high_11', 'T_high_12'])
  })

  it('discriminating on h100_32gpu: FIFO 96 (16 slots, highs right behind the lows)', () => {
    const m = metricsOf(scenario(discriminatingWorkload(), { cluster: 'h100_32gpu' }), 'FIFO')
    // 8 lows and 8 highs at 0; 4 highs at 0.5. Lows 8 × 2; highs 8 × 10 × 0.5 + 4 × 10 × 1.
    expect(m.weighted_waiting_time).toBeCloseTo(16 + 40 + 40, 9)
  })
})

describe('mixed TP: placement, backfill and strict priority (h100_16gpu: two nodes of 8)', () => {
  // FIFO order A, B, C, D, E, all at t = 0.
  const tasks = [
    prefill('A', 1, { tp: 4 }),
    prefill('B', 2, { tp: 8 }),
    prefill('C', 0.5, { tp: 2 }),
    prefill('D', 1, { tp: 8 }),
    prefill('E', 3, { tp: 1 }),
  ]

  it('backfill: D (TP 8) is passed over until a whole node frees at 2 s; E fills GPU 6', () => {
    const r = runSimulation(scenario(tasks), 'FIFO')
    const byId = Object.fromEntries(r.tasks.map((t) => [t.id, t]))
    expect(byId.A).toMatchObject({ startS: 0, completionS: 1, gpus: [0, 1, 2, 3] })
    expect(byId.B).toMatchObject({ startS: 0, completionS: 2, gpus: [8, 9, 10, 11, 12, 13, 14, 15] })
    expect(byId.C).toMatchObject({ startS: 0, completionS: 0.5, gpus: [4, 5] })
    expect(byId.E).toMatchObject({ startS: 0, completionS: 3, gpus: [6] })
    expect(byId.D).toMatchObject({ startS: 2, completionS: 3, gpus: [8, 9, 10, 11, 12, 13, 14, 15] })
    expect(r.metrics.average_waiting_time).toBeCloseTo(9.5 / 5, 12)
    expect(r.metrics.makespan).toBe(3)
    // Busy GPU-seconds 4 + 16 + 1 + 8 + 3 = 32 over 16 GPUs × 3 s.
    expect(r.metrics.gpu_utilization).toBeCloseTo(32 / 48, 12)
    const dDecision = r.decisions.find((d) => d.task === 4)!
    expect(dDecision.passedOver).toEqual([3])
  })

  it('strict: D waits at the head; E cannot jump it, so D runs at 1 s and E at 2 s', () => {
    const r = runSimulation(scenario(tasks, { backfill: false }), 'FIFO')
    const byId = Object.fromEntries(r.tasks.map((t) => [t.id, t]))
    expect(byId.D).toMatchObject({ startS: 1, completionS: 2, gpus: [0, 1, 2, 3, 4, 5, 6, 7] })
    expect(byId.E).toMatchObject({ startS: 2, completionS: 5, gpus: [0] })
    expect(r.metrics.average_waiting_time).toBeCloseTo(10.5 / 5, 12)
    expect(r.metrics.makespan).toBe(5)
    const blocked = r.decisions.filter((d) => d.task === -1)
    expect(blocked[0]).toMatchObject({ step: 0, passedOver: [3] })
  })

  it('best fit: a TP 2 task goes to the fuller node, keeping the empty node whole', () => {
    const r = runSimulation(
      scenario([prefill('big', 1, { tp: 4 }), prefill('x', 0.2, { tp: 2, arrivalS: 0.1 }), prefill('whole', 1, { tp: 8, arrivalS: 0.1 })]),
      'FIFO',
    )
    expect(r.tasks.map((t) => t.gpus)).toEqual([[0, 1, 2, 3], [4, 5], [8, 9, 10, 11, 12, 13, 14, 15]])
    expect(r.tasks.map((t) => t.startS)).toEqual([0, 0.1, 0.1])
  })
})

describe('TP choice and rejection', () => {
  it('DeepSeek-R1 on H100 is rejected with the memory needed and available', () => {
    const r = runSimulation(scenario([prefill('R1', 1, { model: 'DeepSeek-R1' }), prefill('ok', 1)]), 'FIFO')
    expect(r.tasks[0]!.status).toBe('rejected')
    expect(r.tasks[0]!.rejection).toMatch(/DeepSeek-R1 needs 83\.9 GB per GPU at TP 8 .*at most 80 GB/)
    expect(r.metrics).toMatchObject({ completed_count: 1, rejected_count: 1, total_count: 2 })
  })

  it('DeepSeek-R1 runs at TP 8 on H200s', () => {
    const r = runSimulation(scenario([prefill('R1', 1, { model: 'DeepSeek-R1' })], { cluster: 'h200:8' }), 'FIFO')
    expect(r.tasks[0]).toMatchObject({ status: 'completed', tp: 8, gpus: [0, 1, 2, 3, 4, 5, 6, 7] })
  })

  it('GLM4.7 (355 GB) cannot use its recommended TP 4 on H100 and takes TP 8', () => {
    const r = runSimulation(scenario([prefill('g', 1, { model: 'GLM4.7' })]), 'FIFO')
    expect(r.tasks[0]).toMatchObject({ status: 'completed', tp: 8 })
  })

  it('models take their recommended TP where it fits', () => {
    const models = ['Llama3-8B', 'Llama3-70B', 'Qwen3', 'Mixtral-8x7B', 'Mistral-7B']
    const r = runSimulation(scenario(models.map((m, i) => prefill(`t${i}`, 1, { model: m })), { cluster: 'h100_64gpu' }), 'FIFO')
    expect(r.tasks.map((t) => t.tp)).toEqual([1, 4, 2, 2, 1])
  })

  it('an unknown model is rejected unless the task gives its TP', () => {
    const r = runSimulation(
      scenario([prefill('u', 1, { model: 'MyModel', memoryGB: 20 }), prefill('v', 1, { model: 'MyModel', memoryGB: 20, tp: 2 })]),
      'FIFO',
    )
    expect(r.tasks[0]!.status).toBe('rejected')
    expect(r.tasks[0]!.rejection).toMatch(/unknown model 'MyModel'/)
    expect(r.tasks[1]).toMatchObject({ status: 'completed', tp: 2 })
  })

  it('an unknown model whose CSV memory does not fit its TP is rejected', () => {
    const r = runSimulation(scenario([prefill('u', 1, { model: 'Huge', memoryGB: 1000, tp: 8 })]), 'FIFO')
    expect(r.tasks[0]!.rejection).toMatch(/Huge needs 125 GB per GPU at TP 8/)
  })

  it('a TP larger than any node is rejected; a TP outside the model range too', () => {
    const r = runSimulation(
      scenario([prefill('a', 1, { model: 'Other', tp: 16 }), prefill('b', 1, { model: 'DeepSeek-R1', tp: 4 })]),
      'FIFO',
    )
    expect(r.tasks[0]!.rejection).toBe('TP 16 needs 16 GPUs in one node; the largest node here has 8')
    expect(r.tasks[1]!.rejection).toBe("TP 4 is outside DeepSeek-R1's range 8–8")
  })

  it('mixed_8gpu: Llama3-70B only fits the 4-GPU H100 node; Qwen3 best-fits the A100 pair', () => {
    const r = runSimulation(
      scenario([prefill('q', 1, { model: 'Qwen3' }), prefill('l', 1, { model: 'Llama3-70B' })], { cluster: 'mixed_8gpu' }),
      'FIFO',
    )
    expect(r.tasks[0]).toMatchObject({ tp: 2, gpus: [4, 5] })
    expect(r.tasks[1]).toMatchObject({ tp: 4, gpus: [0, 1, 2, 3] })
  })
})

describe('time, horizon and ties', () => {
  it('an arrival at 0.3 s is seen at step 3 with dt 0.1 despite float error', () => {
    const r = runSimulation(scenario([prefill('a', 1, { arrivalS: 0.3 })], { dtS: 0.1 }), 'FIFO')
    expect(r.tasks[0]).toMatchObject({ arrivalStep: 3, startStep: 3 })
    expect(r.tasks[0]!.startS).toBeCloseTo(0.3, 12)
  })

  it('reference mode sees an arrival at 0.1 one step late (t drifts to 0.0999...)', () => {
    const r = runSimulation(scenario([prefill('a', 1, { arrivalS: 0.1 })], { mode: 'reference' }), 'FIFO')
    expect(r.tasks[0]!.startStep).toBe(11)
    const e = runSimulation(scenario([prefill('a', 1, { arrivalS: 0.1 })]), 'FIFO')
    expect(e.tasks[0]!.startStep).toBe(10)
  })

  it('tasks running at the horizon complete at their finish; queued and late ones are unfinished', () => {
    const r = runSimulation(
      scenario([prefill('run', 3, { tp: 8 }), prefill('wait', 1, { tp: 8, arrivalS: 0 }), prefill('late', 1, { arrivalS: 7 })], {
        cluster: 'h100_8gpu',
        maxTimeS: 2,
      }),
      'FIFO',
    )
    expect(r.tasks.map((t) => t.status)).toEqual(['completed', 'unfinished', 'unfinished'])
    expect(r.tasks[0]!.completionS).toBe(3)
    expect(r.tasks[2]!.arrivalStep).toBe(-1)
    expect(r.metrics.makespan).toBe(3)
  })

  it('an unlimited horizon runs until every task has finished', () => {
    const r = runSimulation(scenario(discriminatingWorkload(), { cluster: 'h100_8gpu', maxTimeS: Infinity }), 'FIFO')
    expect(r.metrics.completed_count).toBe(20)
    expect(r.metrics.makespan).toBe(5.5)
  })

  it('a 0-token task completes the moment it starts and WSRPT ranks it first', () => {
    const r = runSimulation(scenario([prefill('long', 2, { tp: 8 }), prefill('zero', 0, { tp: 8 })], { cluster: 'h100_8gpu' }), 'WSRPT')
    expect(r.tasks[1]).toMatchObject({ startS: 0, completionS: 0, endStep: 1 })
    expect(r.tasks[0]).toMatchObject({ startS: 0.01, completionS: 2.01 })
  })

  it('equal keys go to queue order: arrival, then input order', () => {
    const tasks = [prefill('late', 1, { arrivalS: 0.05, tp: 8 }), prefill('first', 1, { tp: 8 }), prefill('second', 1, { tp: 8 })]
    const r = runSimulation(scenario(tasks, { cluster: 'h100_8gpu' }), 'WeightedFIFO')
    expect(r.decisions.filter((d) => d.task >= 0).map((d) => r.tasks[d.task]!.id)).toEqual(['first', 'second', 'late'])
  })
})
