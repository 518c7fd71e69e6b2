import { describe, expect, it } from 'vitest'
import { carryOver, checkAllTasks } from '../../src/components/task-table/problems.ts'
import { parseClusterName } from '../../src/engine/catalog/clusters.ts'
import type { TaskSpec } from '../../src/engine/types.ts'

const task = (id: string, tokens: number): TaskSpec => ({ id, model: 'llama-3-8b', weight: 1, arrivalS: 0, phase: 'prefill', tokens })

describe('carryOver', () => {
  it('keeps the problems of unchanged task objects and none for new ones until they are checked', () => {
    const a = task('a', 10)
    const bad = task('b', -5)
    const c = task('c', 10)
    const cluster = parseClusterName('h100:8')
    const checked = checkAllTasks([a, bad, c], cluster, 'exact')
    expect(checked[1]!.map((p) => p.field)).toEqual(['tokens'])

    const edited = task('c', -1)
    // Reordered, one task replaced by an edited copy, one inserted.
    const now = [edited, bad, task('d', 3), a]
    const carried = carryOver([a, bad, c], checked, now)
    expect(carried.map((p) => p.map((q) => q.field))).toEqual([[], ['tokens'], [], []])
    expect(checkAllTasks(now, cluster, 'exact').map((p) => p.map((q) => q.field))).toEqual([['tokens'], ['tokens'], [], []])
  })
})
