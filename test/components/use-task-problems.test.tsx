// @vitest-environment jsdom
import { act, renderHook, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { useTaskProblems } from '../../src/components/task-table/use-task-problems.ts'
import { presetCluster } from '../../src/engine/catalog/clusters.ts'
import type { TaskSpec } from '../../src/engine/types.ts'

const task = (k: number, tokens = 100): TaskSpec => ({ id: `T${k}`, model: 'Qwen3', weight: 1, arrivalS: 0, phase: 'prefill', tokens })
const cluster = presetCluster('h100_16gpu')!

describe('useTaskProblems', () => {
  it('checks a long list in slices, keeping known marks meanwhile', async () => {
    const tasks = Array.from({ length: 12_000 }, (_, k) => task(k))
    tasks[11_000] = task(11_000, -1)
    const { result, rerender } = renderHook(({ ts }) => useTaskProblems(ts, cluster, 'exact'), { initialProps: { ts: tasks } })
    // 12,000 tasks take eight slices (the ids in two, then 2,000 tasks each): the first pass
    // has not reached task 11,000 yet.
    expect(result.current[11_000]).toEqual([])
    await waitFor(() => expect(result.current[11_000]!.map((p) => p.field)).toEqual(['tokens']))
    expect(result.current.filter((p) => p.length > 0)).toHaveLength(1)

    // An edit: a new list where one task changed. The others keep their marks while it is checked.
    const edited = tasks.slice()
    edited[5] = { ...task(5), id: 'T6' }
    rerender({ ts: edited })
    expect(result.current[11_000]!.map((p) => p.field)).toEqual(['tokens'])
    // T6 is now a duplicate id: both tasks get the mark once the check is through.
    await waitFor(() => expect([result.current[5], result.current[6]].map((p) => p!.map((q) => q.field))).toEqual([['id'], ['id']]))
    act(() => rerender({ ts: tasks }))
    await waitFor(() => expect(result.current[5]).toEqual([]))
  })
})
