import { resolveCluster, type Cluster } from '../../engine/catalog/clusters.ts'
import { createModelBook } from '../../engine/serving/model-book.ts'
import type { ServingModel } from '../../engine/serving/types.ts'
import type { ClusterSpec, Mode, TaskSpec } from '../../engine/types.ts'
import { checkRequestTask } from '../../engine/workloads/request-task-checks.ts'
import { checkTask, countIds, type FieldProblem, type TaskField } from '../../engine/workloads/task-checks.ts'
import { COLUMN_INDEX, COLUMNS, columnOf, type Column } from './columns.ts'

/** Text the user typed that could not be applied, per task and field. Keyed by task object, so it follows the task through sorting and inserts. */
export type Drafts = ReadonlyMap<TaskSpec, Readonly<Partial<Record<TaskField, string>>>>

const NONE: readonly FieldProblem[] = []

/**
 * A checker of the tasks of one list (checkTask; in serving mode checkRequestTask, which knows
 * the scenario's own `models`): `check(i)` gives the problems of task i; most tasks share one
 * empty array. `ids` counts the list's ids (countIds), if already done.
 */
export function createChecker(
  tasks: readonly TaskSpec[],
  spec: ClusterSpec,
  mode: Mode,
  ids: ReadonlyMap<string, number> = countIds(tasks),
  models: readonly ServingModel[] = [],
): (i: number) => readonly FieldProblem[] {
  if (mode === 'serving') {
    const book = createModelBook(models)
    return (i) => {
      const p = checkRequestTask(tasks[i]!, book, ids)
      return p.length === 0 ? NONE : p
    }
  }
  let cluster: Cluster
  try {
    cluster = resolveCluster(spec)
  } catch {
    // The settings form refuses bad clusters, so this is a stale link at most: check the fields
    // alone (reference mode skips the fit checks, which need a cluster).
    cluster = { name: spec.name, spec, gpus: [], nodes: [], nodeOfGpu: [] }
    mode = 'reference'
  }
  return (i) => {
    const p = checkTask(tasks[i]!, cluster, mode, ids)
    return p.length === 0 ? NONE : p
  }
}

/** Problems of every committed task (checkTask), by task index; most tasks share one empty array. */
export function checkAllTasks(tasks: readonly TaskSpec[], spec: ClusterSpec, mode: Mode, models: readonly ServingModel[] = []): (readonly FieldProblem[])[] {
  const check = createChecker(tasks, spec, mode, countIds(tasks), models)
  return tasks.map((_, i) => check(i))
}

/**
 * The problems of `tasks` as far as they are known from an earlier check of `checkedTasks`: a
 * task object checked then keeps its problems, any other has none until it is checked.
 */
export function carryOver(
  checkedTasks: readonly TaskSpec[],
  problems: readonly (readonly FieldProblem[])[],
  tasks: readonly TaskSpec[],
): (readonly FieldProblem[])[] {
  const byTask = new Map<TaskSpec, readonly FieldProblem[]>()
  checkedTasks.forEach((t, i) => {
    if (problems[i] !== NONE) byTask.set(t, problems[i]!)
  })
  return tasks.map((t) => byTask.get(t) ?? NONE)
}

export type CellKind = 'error' | 'warning'

export interface CellStatus {
  readonly kind: CellKind
  readonly message: string
}

/** What a cell shows about itself: its draft's problem first (the value on screen), else the committed value's. */
export function cellStatus(task: TaskSpec, field: TaskField, problems: readonly FieldProblem[], draft: string | undefined): CellStatus | null {
  if (draft !== undefined) {
    const parsed = columnOf(field).parse(draft)
    const kept = columnOf(field).format(task)
    const message = parsed.ok ? 'not applied yet' : parsed.message
    return { kind: 'error', message: `${message} (not applied; Esc restores ${kept === '' ? 'the empty value' : `'${kept}'`})` }
  }
  const mine = problems.filter((p) => p.field === field)
  if (mine.length === 0) return null
  return { kind: mine.some((p) => p.blocking) ? 'error' : 'warning', message: mine.map((p) => p.message).join('; ') }
}

/** Cells with a problem or a draft, counted once each. */
export function countProblemCells(
  tasks: readonly TaskSpec[],
  problems: readonly (readonly FieldProblem[])[],
  drafts: Drafts,
  columns: readonly Column[] = COLUMNS,
): { errors: number; warnings: number } {
  let errors = 0
  let warnings = 0
  for (let i = 0; i < tasks.length; i++) {
    // Most tasks have neither: 10,000 imported ones are counted as the table first shows them.
    const mine = problems[i] ?? NONE
    const d = drafts.size === 0 ? undefined : drafts.get(tasks[i]!)
    if (mine.length === 0 && d === undefined) continue
    for (const c of problemColumns(mine, d, columns)) {
      if (d?.[c.field] !== undefined || mine.some((p) => p.field === c.field && p.blocking)) errors++
      else warnings++
    }
  }
  return { errors, warnings }
}

/** Columns (in table order) of one task that have a problem or a draft; only the shown columns count. */
function problemColumns(problems: readonly FieldProblem[], draft: Readonly<Partial<Record<TaskField, string>>> | undefined, columns: readonly Column[]) {
  if (problems.length === 0 && draft === undefined) return []
  return columns.filter((c) => draft?.[c.field] !== undefined || problems.some((p) => p.field === c.field))
}

/** The first problem cell after (pos, col) in view order, wrapping around; null when there is none. */
export function nextProblemCell(
  order: readonly number[],
  tasks: readonly TaskSpec[],
  problems: readonly (readonly FieldProblem[])[],
  drafts: Drafts,
  /** Where to start: a view position and a column index (-1: before the first column). */
  from: { pos: number; col: number } | null,
  columns: readonly Column[] = COLUMNS,
): { pos: number; field: TaskField } | null {
  const n = order.length
  if (n === 0) return null
  const startPos = from === null ? 0 : from.pos
  const startCol = from === null ? -1 : from.col
  // One full turn plus the start row again, for problems left of the start column.
  for (let k = 0; k <= n; k++) {
    const pos = (startPos + k) % n
    const i = order[pos]!
    const cols = problemColumns(problems[i] ?? NONE, drafts.get(tasks[i]!), columns)
    const hit = cols.find((c) => k === 0 ? COLUMN_INDEX.get(c.field)! > startCol : true)
    if (hit !== undefined) return { pos, field: hit.field }
  }
  return null
}
