import type { TaskSpec } from '../../engine/types.ts'
import type { TaskField } from '../../engine/workloads/task-checks.ts'
import { columnOf } from './columns.ts'

export interface SortSpec {
  readonly field: TaskField
  readonly dir: 'asc' | 'desc'
}

/**
 * The order rows are shown in: task indices, sorted stably by the column (ties keep the
 * scenario's order in both directions). A view only; the scenario's order is what runs.
 */
export function viewOrder(tasks: readonly TaskSpec[], sort: SortSpec | null): number[] {
  const order = tasks.map((_, i) => i)
  if (sort === null) return order
  const cmp = columnOf(sort.field).compare
  const sign = sort.dir === 'asc' ? 1 : -1
  return order.sort((a, b) => sign * cmp(tasks[a]!, tasks[b]!) || a - b)
}

/** Header clicks cycle ascending → descending → scenario order. */
export function nextSort(current: SortSpec | null, field: TaskField): SortSpec | null {
  if (current?.field !== field) return { field, dir: 'asc' }
  return current.dir === 'asc' ? { field, dir: 'desc' } : null
}
