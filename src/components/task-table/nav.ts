import type { TaskField } from '../../engine/workloads/task-checks.ts'
import type { Mode } from '../../engine/types.ts'
import { columnsFor, COLUMNS } from './columns.ts'

/** A column keyboard focus can be in: the row's checkbox or one of the task's fields. */
export type NavCol = 'select' | TaskField

export const NAV_COLS: readonly NavCol[] = ['select', ...COLUMNS.map((c) => c.field)]

const SERVING_NAV_COLS: readonly NavCol[] = ['select', ...columnsFor('serving').map((c) => c.field)]

/** The columns focus walks in a mode, in table order. */
export function navColsFor(mode: Mode): readonly NavCol[] {
  return mode === 'serving' ? SERVING_NAV_COLS : NAV_COLS
}

/** The cell that holds keyboard focus (one tab stop for the whole table). */
export interface ActiveCell {
  readonly task: number
  readonly col: NavCol
}

export const cellKey = (task: number, col: NavCol) => `${task}:${col}`

/** Arrow keys as a step in rows and columns, or null for other keys. */
export function arrowStep(key: string): readonly [number, number] | null {
  switch (key) {
    case 'ArrowUp':
      return [-1, 0]
    case 'ArrowDown':
      return [1, 0]
    case 'ArrowLeft':
      return [0, -1]
    case 'ArrowRight':
      return [0, 1]
    default:
      return null
  }
}
