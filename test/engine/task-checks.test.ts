import { describe, expect, it } from 'vitest'
import { clusterByName } from '../../src/engine/catalog/clusters.ts'
import { checkTask, countIds, countIdsInto, duplicateIds } from '../../src/engine/workloads/task-checks.ts'
import { prefill } from '../helpers/scenario.ts'

const h100 = clusterByName('h100_16gpu')
const ids = countIds([prefill('a', 1), prefill('dup', 1), prefill('dup', 1)])

describe('editor checks of one task', () => {
  it('accepts a good task', () => {
    expect(checkTask(prefill('a', 1), h100, 'exact', ids)).toEqual([])
  })

  it('marks each bad field with its reason', () => {
    const bad = { ...prefill('dup', 1), weight: -1, arrivalS: NaN, tokens: 2.5, tp: 0 }
    expect(checkTask(bad, h100, 'exact', ids)).toEqual([
      { field: 'id', message: 'duplicate id: 2 tasks are called dup', blocking: true },
      { field: 'weight', message: 'weight must not be negative', blocking: true },
      { field: 'arrivalS', message: 'arrival time must be a finite number', blocking: true },
      { field: 'tokens', message: 'tokens must be a whole number', blocking: true },
      { field: 'tp', message: 'TP must be a whole number of GPUs, at least 1', blocking: true },
    ])
  })

  it('warns where exact mode would reject the task, on the field to change', () => {
    expect(checkTask(prefill('a', 1, { model: 'Mystery' }), h100, 'exact', ids)).toEqual([
      { field: 'model', message: expect.stringMatching(/^never runs on this cluster: unknown model 'Mystery'/), blocking: false },
    ])
    expect(checkTask(prefill('a', 1, { model: 'Llama3-8B', tp: 16 }), h100, 'exact', ids)[0]).toMatchObject({ field: 'tp', message: expect.stringMatching(/TP 16 is outside Llama3-8B's range 1–8/) })
    expect(checkTask(prefill('a', 1, { model: 'Other', tp: 16 }), h100, 'exact', ids)[0]!.message).toMatch(/needs 16 GPUs in one node; the largest node here has 8/)
    expect(checkTask(prefill('a', 1, { model: 'DeepSeek-R1' }), h100, 'exact', ids)[0]!.message).toMatch(/needs 83.9 GB per GPU/)
    // Reference mode runs anything on two GPUs.
    expect(checkTask(prefill('a', 1, { model: 'DeepSeek-R1' }), h100, 'reference', ids)).toEqual([])
  })
})

describe('countIds', () => {
  it('counts in parts exactly as in one go', () => {
    const tasks = ['a', 'b', 'a', 'c', 'b', 'a'].map((id) => prefill(id, 1))
    const parts = new Map<string, number>()
    countIdsInto(parts, tasks, 0, 4)
    countIdsInto(parts, tasks, 4, 6)
    expect(parts).toEqual(countIds(tasks))
    expect(parts).toEqual(new Map([['a', 3], ['b', 2], ['c', 1]]))
    expect(duplicateIds(tasks)).toEqual(new Map([['a', 3], ['b', 2]]))
  })
})
