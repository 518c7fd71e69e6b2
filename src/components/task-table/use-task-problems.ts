import { useEffect, useMemo, useState } from 'react'
import type { ServingModel } from '../../engine/serving/types.ts'
import type { ClusterSpec, Mode, TaskSpec } from '../../engine/types.ts'
import { countIdsInto, knownDuplicateIds, type FieldProblem } from '../../engine/workloads/task-checks.ts'
import { carryOver, createChecker } from './problems.ts'

/** Tasks checked per slice: a slice stays well inside a frame, even on a slow laptop. */
const SLICE = 2000
/** Ids counted per slice (counting is cheaper than checking). */
const ID_SLICE = 10_000

interface Checked {
  readonly tasks: readonly TaskSpec[]
  readonly cluster: ClusterSpec
  readonly mode: Mode
  readonly models: readonly ServingModel[] | undefined
  readonly problems: readonly (readonly FieldProblem[])[]
}

/**
 * The problems of every task, checked in slices of a few thousand tasks, one slice per task of
 * the event loop, so importing or editing 100,000 tasks never holds the page. Until a check
 * finishes, unchanged task objects keep their marks (carryOver).
 */
export function useTaskProblems(
  tasks: readonly TaskSpec[],
  cluster: ClusterSpec,
  mode: Mode,
  /** The scenario's own models (serving mode knows them as the engine does). */
  models?: readonly ServingModel[],
): readonly (readonly FieldProblem[])[] {
  const [checked, setChecked] = useState<Checked>({ tasks: [], cluster, mode, models, problems: [] })
  const current = checked.tasks === tasks && checked.cluster === cluster && checked.mode === mode && checked.models === models
  useEffect(() => {
    if (current) return
    let cancelled = false
    // Two passes in slices: count the ids (for the duplicate check), then check each task.
    // A list parsed off the page's thread comes with its duplicate ids: no counting then.
    const known = knownDuplicateIds(tasks)
    const ids = new Map<string, number>()
    let counted = known === undefined ? 0 : tasks.length
    let check: ((i: number) => readonly FieldProblem[]) | null = null
    const problems = new Array<readonly FieldProblem[]>(tasks.length)
    let next = 0
    const slice = () => {
      if (cancelled) return
      if (counted < tasks.length) {
        const end = Math.min(tasks.length, counted + ID_SLICE)
        countIdsInto(ids, tasks, counted, end)
        counted = end
        if (counted < tasks.length || tasks.length > SLICE) {
          setTimeout(slice, 0)
          return
        }
      }
      check ??= createChecker(tasks, cluster, mode, known ?? ids, models)
      const end = Math.min(tasks.length, next + SLICE)
      for (; next < end; next++) problems[next] = check(next)
      if (next < tasks.length) setTimeout(slice, 0)
      else setChecked({ tasks, cluster, mode, models, problems })
    }
    // A short list is checked at once; a long one starts after the render that brought it.
    if (tasks.length <= 500) slice()
    else setTimeout(slice, 0)
    return () => {
      cancelled = true
    }
  }, [current, tasks, cluster, mode, models])
  return useMemo(() => (current ? checked.problems : carryOver(checked.tasks, checked.problems, tasks)), [current, checked, tasks])
}
