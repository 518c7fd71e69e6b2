import type { TaskSpec } from '../../engine/types.ts'
import type { TaskField } from '../../engine/workloads/task-checks.ts'
import type { Drafts } from './problems.ts'

/** Drafts with one cell's text set, or removed when `text` is undefined. */
export function withDraft(drafts: Drafts, task: TaskSpec, field: TaskField, text: string | undefined): Drafts {
  const mine = drafts.get(task)
  if (text === undefined && mine?.[field] === undefined) return drafts
  const next = new Map(drafts)
  const cells: Partial<Record<TaskField, string>> = { ...mine }
  if (text === undefined) delete cells[field]
  else cells[field] = text
  if (Object.keys(cells).length === 0) next.delete(task)
  else next.set(task, cells)
  return next
}

/**
 * Drafts after an edit replaced task objects: each follows its task to the new object, except
 * drafts of `field` on the edited tasks, which the new value settles.
 */
export function carryDrafts(drafts: Drafts, edited: Iterable<TaskSpec>, replaced: ReadonlyMap<TaskSpec, TaskSpec>, field: TaskField): Drafts {
  let next = drafts
  for (const t of edited) next = withDraft(next, t, field, undefined)
  if (next.size === 0) return next
  for (const [from, to] of replaced) {
    const cells = next.get(from)
    if (cells === undefined) continue
    const copy = new Map(next)
    copy.delete(from)
    copy.set(to, cells)
    next = copy
  }
  return next
}
