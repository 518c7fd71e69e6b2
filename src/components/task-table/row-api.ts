import type { TaskField } from '../../engine/workloads/task-checks.ts'
import type { EditEnd } from './CellEditor.tsx'
import type { NavCol } from './nav.ts'
import type { CellStatus } from './problems.ts'

/** What rows ask of the table. One stable object, so memoized rows do not re-render for it. */
export interface RowApi {
  register(key: string, el: HTMLElement | null): void
  /** Starts editing a cell, from its value (`typed` null) or from a typed first character. */
  startEdit(task: number, field: TaskField, typed: string | null): void
  commit(task: number, field: TaskField, text: string, end: EditEnd): void
  cancel(task: number, field: TaskField): void
  discardDraft(task: number, field: TaskField): void
  move(task: number, col: NavCol, dRow: number, dCol: number): void
  focused(task: number, col: NavCol, el: HTMLElement, status: CellStatus | null): void
  toggleCheck(task: number, on: boolean, range: boolean): void
  selectInApp(task: number): void
  showTip(el: Element, status: CellStatus): void
  showEditorProblem(el: Element, message: string | null): void
  hideTip(): void
}
