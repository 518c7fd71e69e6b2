import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { carryOver, checkAllTasks, countProblemCells, createChecker } from '../../src/components/task-table/problems.ts'
import { parseClusterName } from '../../src/engine/catalog/clusters.ts'
import type { TaskSpec } from '../../src/engine/types.ts'
import { duplicateIds } from '../../src/engine/workloads/task-checks.ts'
import { tasksArb } from '../helpers/arbitraries.ts'

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

describe('countProblemCells', () => {
  it('counts a cell once: a draft or a blocking problem is an error, else a warning; tasks with neither count none', () => {
    const [a, b, c, d] = [task('a', 1), task('b', 2), task('c', 3), task('d', 4)]
    const problems = [
      [],
      [
        { field: 'tokens' as const, message: 'too many', blocking: true },
        { field: 'tokens' as const, message: 'and odd', blocking: false },
        { field: 'weight' as const, message: 'heavy', blocking: false },
      ],
      [{ field: 'weight' as const, message: 'heavy', blocking: false }],
    ]
    // a: a draft alone; b: tokens (error) and weight (warning); c: its warning under a draft of the same cell; d: nothing (no entry).
    const drafts = new Map([
      [a, { tokens: 'x' }],
      [c, { weight: 'y' }],
    ])
    expect(countProblemCells([a, b, c, d], problems, drafts)).toEqual({ errors: 3, warnings: 1 })
    expect(countProblemCells([a, b, c, d], problems, new Map())).toEqual({ errors: 1, warnings: 2 })
    expect(countProblemCells([a, d], [], new Map())).toEqual({ errors: 0, warnings: 0 })
  })
})

describe('duplicate ids', () => {
  it('the duplicates alone check exactly as the full id count does', () => {
    const cluster = parseClusterName('h100:16')
    fc.assert(
      fc.property(tasksArb, fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 40 }), (base, ids) => {
        // Ids from a small pool, so some repeat.
        const tasks = base.map((t, i) => (i < ids.length ? { ...t, id: `D${ids[i]}` } : t))
        const dups = duplicateIds(tasks)
        for (const [, n] of dups) expect(n).toBeGreaterThan(1)
        const full = createChecker(tasks, cluster, 'exact')
        const fromDups = createChecker(tasks, cluster, 'exact', dups)
        tasks.forEach((_, i) => expect(fromDups(i)).toEqual(full(i)))
      }),
    )
  })
})
