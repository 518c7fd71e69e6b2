import { describe, expect, it } from 'vitest'
import { createExactPlan } from '../../src/engine/capacity/exact.ts'
import { createReferencePlan } from '../../src/engine/capacity/reference.ts'
import { presetCluster, resolveCluster } from '../../src/engine/catalog/clusters.ts'
import type { TaskSpec } from '../../src/engine/types.ts'

const task = (over: Partial<TaskSpec>): TaskSpec => ({ id: 't', model: 'Custom', weight: 1, arrivalS: 0, phase: 'prefill', tokens: 1000, ...over })
const cluster = (name: string) => resolveCluster(presetCluster(name)!)

describe('exact capacity (GPUs in TP groups inside one node)', () => {
  it('gives tasks with the same needs one class, and rejects what can never fit with the reason', () => {
    const plan = createExactPlan(cluster('h100_16gpu'))
    const a = plan.admit(task({ tp: 2, memoryGB: 30 }))
    const b = plan.admit(task({ id: 'u', tp: 2, memoryGB: 30 }))
    const c = plan.admit(task({ tp: 8, memoryGB: 30 }))
    expect([a, b, c]).toEqual([
      { ok: true, tp: 2, gpusNeeded: 2, classId: 0 },
      { ok: true, tp: 2, gpusNeeded: 2, classId: 0 },
      { ok: true, tp: 8, gpusNeeded: 8, classId: 1 },
    ])
    expect(plan.admit(task({ model: 'DeepSeek-R1' }))).toEqual({
      ok: false,
      tp: 8,
      reason: 'DeepSeek-R1 needs 83.9 GB per GPU at TP 8 (671 GB / 8); the GPUs here hold at most 80 GB',
    })
  })

  it('places best fit: the fullest node that still holds the group, its lowest free GPUs', () => {
    const plan = createExactPlan(cluster('h100_16gpu'))
    const tp2 = plan.admit(task({ tp: 2 }))
    const tp4 = plan.admit(task({ tp: 4 }))
    const tp8 = plan.admit(task({ tp: 8 }))
    if (!tp2.ok || !tp4.ok || !tp8.ok) throw new Error('admitted')
    const state = plan.createState()
    state.beginSchedule(0)
    // Both nodes empty: ties to the lower node.
    expect(state.place(tp2.classId)).toEqual([0, 1])
    // Only node 1 still holds 8.
    expect(state.canPlace(tp8.classId)).toBe(true)
    expect(state.place(tp8.classId)).toEqual([8, 9, 10, 11, 12, 13, 14, 15])
    expect(state.place(tp4.classId)).toEqual([2, 3, 4, 5])
    expect([state.freeGpuCount(), state.canPlace(tp4.classId), state.canPlace(tp2.classId)]).toEqual([2, false, true])
    state.release([0, 1])
    expect(state.freeGpuCount()).toBe(4)
    expect(state.place(tp2.classId)).toEqual([0, 1])
    expect(state.place(tp2.classId)).toEqual([6, 7])
    expect([state.freeGpuCount(), state.canPlace(tp2.classId)]).toEqual([0, false])
  })

  it('keeps whole nodes free and skips GPUs without the memory (mixed_8gpu: 4 H100, 2 A100, 2 A30)', () => {
    const plan = createExactPlan(cluster('mixed_8gpu'))
    // 40 GB per GPU: not on an A30 (24 GB). Of H100 (4 free) and A100 (2 free), the fuller node.
    const big = plan.admit(task({ tp: 1, memoryGB: 40 }))
    const small = plan.admit(task({ tp: 1, memoryGB: 10 }))
    if (!big.ok || !small.ok) throw new Error('admitted')
    const state = plan.createState()
    expect(state.place(big.classId)).toEqual([4])
    // 10 GB fits anywhere: the fullest node is now the A100 node (1 free).
    expect(state.place(small.classId)).toEqual([5])
    expect(state.place(small.classId)).toEqual([6])
    expect(state.place(big.classId)).toEqual([0])
  })
})

describe("the reference's capacity (slots, quirks included)", () => {
  it('gives every task two GPUs and counts running tasks twice: slots = floor(free / 2) − running', () => {
    const plan = createReferencePlan(cluster('h100_16gpu'))
    // Never rejected, whatever the model; its TP is the model's recommended one (the estimator's).
    expect(plan.admit(task({ model: 'DeepSeek-R1' }))).toEqual({ ok: true, tp: 8, gpusNeeded: 2, classId: 0 })
    const state = plan.createState()
    state.beginSchedule(0)
    // 16 free, none running: 8 slots, each start takes the first two free GPUs.
    const placed: number[][] = []
    while (state.canPlace(0)) placed.push(state.place(0))
    expect(placed).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
      [6, 7],
      [8, 9],
      [10, 11],
      [12, 13],
      [14, 15],
    ])
    // Two finish: 4 GPUs free, 6 running: floor(4 / 2) − 6 < 0, no slot although GPUs are free.
    state.release([2, 3])
    state.release([8, 9])
    state.beginSchedule(6)
    expect([state.freeGpuCount(), state.canPlace(0)]).toEqual([4, false])
    // Ten free and three running: floor(10 / 2) − 3 = 2 slots, lowest GPUs first.
    state.release([0, 1])
    state.release([4, 5])
    state.release([6, 7])
    state.beginSchedule(3)
    expect(state.place(0)).toEqual([0, 1])
    expect(state.place(0)).toEqual([2, 3])
    expect(state.canPlace(0)).toBe(false)
  })
})
