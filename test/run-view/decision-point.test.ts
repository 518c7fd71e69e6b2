import { describe, expect, it } from 'vitest'
import { arrivalOrder } from '../../src/engine/sim-task.ts'
import { discriminatingWorkload } from '../../src/engine/workloads/presets.ts'
import { teachingScenario } from '../../src/engine/workloads/scenarios.ts'
import { decisionPoint, preemptionsAt, startDecisions } from '../../src/run-view/decision-point.ts'
import { scenario } from '../helpers/scenario.ts'
import { timelineOf } from '../helpers/runs.ts'

const orderOf = (n: number, byArrival: Int32Array) => {
  const out = new Int32Array(n)
  byArrival.forEach((t, k) => (out[t] = k))
  return out
}

describe('the moment before a decision', () => {
  it('discriminating under FIFO: all 20 wait at 0; each start takes its TP group out of the free GPUs', () => {
    const s = scenario(discriminatingWorkload())
    const tl = timelineOf(s, 'FIFO')
    const order = orderOf(20, arrivalOrder(s.tasks))
    const [d0, d1] = startDecisions(tl)
    const first = decisionPoint(tl, d0!, order)
    expect(first).toMatchObject({ step: 0, task: 0, startedBefore: [], gpus: [0, 1], preempted: [] })
    expect(first.candidates).toEqual(Array.from({ length: 20 }, (_, i) => i))
    expect(first.arrived).toEqual(first.candidates)
    expect(first.freeGpus).toEqual(Array.from({ length: 16 }, (_, g) => g))
    const second = decisionPoint(tl, d1!, order)
    expect(second).toMatchObject({ step: 0, task: 1, startedBefore: [0], gpus: [2, 3] })
    expect(second.candidates).toHaveLength(19)
    expect(second.freeGpus).toEqual(Array.from({ length: 14 }, (_, g) => g + 2))
    // At 2 s the eight lows complete and the highs wait: T_high_1 starts on a node freed then.
    const at2 = startDecisions(tl).map((d) => decisionPoint(tl, d, order)).find((p) => p.step === 200)!
    expect(at2).toMatchObject({ task: 8, startedBefore: [], arrived: [] })
    expect(at2.candidates).toEqual(Array.from({ length: 12 }, (_, k) => k + 8))
    expect(at2.freeGpus).toEqual(Array.from({ length: 16 }, (_, g) => g))
  })

  it('preemptive SRPT: B preempts A at 1 s; at 2 s A waits again and C arrives', () => {
    const s = teachingScenario('preemption')!.scenario()
    const tl = timelineOf(s, 'SRPT')
    const order = orderOf(3, arrivalOrder(s.tasks))
    const points = startDecisions(tl).map((d) => decisionPoint(tl, d, order))
    expect(points.map((p) => [p.step, p.task])).toEqual([[0, 0], [100, 1], [200, 2], [300, 0]])
    expect(points[1]).toMatchObject({ candidates: [1], arrived: [1], freeGpus: [], gpus: [0], preempted: [0] })
    expect(points[2]).toMatchObject({ candidates: [0, 2], arrived: [2], freeGpus: [0], preempted: [] })
    expect(points[3]).toMatchObject({ candidates: [0], arrived: [], freeGpus: [0] })
    expect([...preemptionsAt(tl, 100).values()]).toEqual([points[1]!.decision])
    expect(preemptionsAt(tl, 200).size).toBe(0)
  })

  it('a TP-2 task preempting two TP-1 tasks: both are its victims, and they wait before it starts', () => {
    const s = scenario(
      [
        { id: 'X', model: 'Llama3-8B', weight: 1, arrivalS: 0, phase: 'prefill', tokens: 5000 },
        { id: 'W', model: 'Llama3-8B', weight: 1, arrivalS: 0, phase: 'prefill', tokens: 6000 },
        { id: 'S', model: 'Llama3-8B', weight: 1, arrivalS: 1, phase: 'prefill', tokens: 1000, tp: 2 },
      ],
      { cluster: 'h100:2', maxTimeS: Infinity, preemptive: true },
    )
    const tl = timelineOf(s, 'SRPT')
    const order = orderOf(3, arrivalOrder(s.tasks))
    const atOne = startDecisions(tl).map((d) => decisionPoint(tl, d, order)).filter((p) => p.step === 100)
    expect(atOne.map((p) => p.task)).toEqual([2])
    expect(atOne[0]).toMatchObject({ candidates: [2], freeGpus: [], gpus: [0, 1] })
    expect([...atOne[0]!.preempted].sort()).toEqual([0, 1])
    // At 2 s S is done: X then W resume, each seeing the other still waiting until it starts.
    const atTwo = startDecisions(tl).map((d) => decisionPoint(tl, d, order)).filter((p) => p.step === 200)
    expect(atTwo.map((p) => [p.task, p.candidates, p.freeGpus])).toEqual([
      [0, [0, 1], [0, 1]],
      [1, [1], [1]],
    ])
  })
})
