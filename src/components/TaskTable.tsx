import { useEffect, useId, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'react'
import { coloringFor } from '../charts/colors.ts'
import { MODELS } from '../engine/catalog/models.ts'
import type { TaskSpec } from '../engine/types.ts'
import type { TaskField } from '../engine/workloads/task-checks.ts'
import { useApp, useAppStore } from '../store/context.tsx'
import { BulkEdit } from './task-table/BulkEdit.tsx'
import { MODEL_LIST_ID } from './task-table/CellEditor.tsx'
import { CellTip, tipFor, type Tip } from './task-table/CellTip.tsx'
import { COLUMN_INDEX, columnOf, columnsFor, type TaskPatch } from './task-table/columns.ts'
import { carryDrafts, withDraft } from './task-table/drafts.ts'
import { applyPatch, duplicateTasks, editedLabel, isNoop, newTask, patchTasks } from './task-table/edits.ts'
import { HeaderRow } from './task-table/HeaderRow.tsx'
import { cellKey, navColsFor, type ActiveCell, type NavCol } from './task-table/nav.ts'
import { countProblemCells, nextProblemCell, type Drafts } from './task-table/problems.ts'
import { useTaskProblems } from './task-table/use-task-problems.ts'
import type { RowApi } from './task-table/row-api.ts'
import { nextSort, viewOrder, type SortSpec } from './task-table/sort.ts'
import { TaskRow } from './task-table/TaskRow.tsx'
import { HEADER_PX, useVirtualRows } from './task-table/use-virtual-rows.ts'
import { createKeptSlot, useKeptState } from './use-kept-state.ts'
import './task-table.css'
import { selectColorBy, selectSelectedTask } from '../store/selectors.ts'

interface Editing {
  readonly task: number
  readonly field: TaskField
  readonly initial: string
  readonly selectAll: boolean
}

const sortSlot = createKeptSlot<SortSpec | null>()
const draftSlot = createKeptSlot<Drafts>()

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`

/**
 * The scenario's tasks, editable in place. Every applied edit is one `setScenario` (one undo
 * step); text that cannot be applied stays in its cell as a draft with its reason. Rows are
 * virtualized, so 10,000 tasks scroll, sort and take typing like 20.
 */
export function TaskTable() {
  const store = useAppStore()
  const tasks = useApp((s) => s.scenario.tasks)
  const cluster = useApp((s) => s.scenario.cluster)
  const mode = useApp((s) => s.scenario.mode)
  const scenarioModels = useApp((s) => s.scenario.models)
  const columns = columnsFor(mode)
  const selectedTask = useApp(selectSelectedTask)
  const colorBy = useApp(selectColorBy)

  const [sort, setSort] = useKeptState(sortSlot, () => null)
  const [drafts, setDrafts] = useKeptState(draftSlot, (): Drafts => new Map())
  const [checked, setChecked] = useState<ReadonlySet<TaskSpec>>(() => new Set())
  const [editingState, setEditing] = useState<Editing | null>(null)
  const [activeState, setActive] = useState<ActiveCell | null>(null)
  const [tip, setTip] = useState<Tip | null>(null)
  const [, rerender] = useReducer((n: number) => n + 1, 0)
  const anchor = useRef<TaskSpec | null>(null)
  const pendingFocus = useRef<string | null>(null)
  const cells = useRef(new Map<string, HTMLElement>())
  const scrollRef = useRef<HTMLDivElement>(null)
  const idPrefix = useId()

  // An edit or focus left over from a longer task list (undo, an import) or from the other
  // mode's columns no longer applies.
  const navCols = navColsFor(mode)
  const editing = editingState !== null && editingState.task < tasks.length && navCols.includes(editingState.field) ? editingState : null
  const active = activeState !== null && activeState.task < tasks.length && navCols.includes(activeState.col) ? activeState : null
  const shownSort = sort !== null && navCols.includes(sort.field) ? sort : null

  const order = useMemo(() => viewOrder(tasks, shownSort), [tasks, shownSort])
  const posOf = useMemo(() => {
    const p = new Int32Array(order.length)
    order.forEach((task, pos) => (p[task] = pos))
    return p
  }, [order])
  // Checked in slices after the new tasks are on screen (100,000 take a while).
  const problems = useTaskProblems(tasks, cluster, mode, scenarioModels)
  const counts = useMemo(() => countProblemCells(tasks, problems, drafts, columns), [tasks, problems, drafts, columns])
  const colors = useMemo(
    () => coloringFor(tasks, colorBy).taskColor,
    [tasks, colorBy],
  )
  const checkedCount = useMemo(() => (checked.size === 0 ? 0 : tasks.reduce((n, t) => n + (checked.has(t) ? 1 : 0), 0)), [tasks, checked])

  const pinned = [editing, active].flatMap((c) => (c === null ? [] : [posOf[c.task]!]))
  const rows = useVirtualRows(order.length, scrollRef, pinned)
  const { scrollToIndex } = rows

  // Handlers read the latest render through this ref, so the row API can stay one object.
  const latest = useRef({ order, posOf, drafts, navCols })
  useLayoutEffect(() => {
    latest.current = { order, posOf, drafts, navCols }
  })

  function setTasks(next: readonly TaskSpec[]) {
    const s = store.getState()
    s.actions.setScenario({ ...s.scenario, tasks: next }, editedLabel(s.scenarioLabel))
  }

  function focusCell(task: number, col: NavCol) {
    setActive({ task, col })
    pendingFocus.current = cellKey(task, col)
    rerender()
  }

  // Focus lands once the cell is mounted (the active row is pinned, so it renders even off screen);
  // the browser scrolls it into view, below the sticky header thanks to scroll-padding.
  useEffect(() => {
    const key = pendingFocus.current
    const el = key === null ? undefined : cells.current.get(key)
    if (el === undefined) return
    pendingFocus.current = null
    el.focus()
  })

  // A task picked elsewhere (the Gantt, the queue) scrolls into view here.
  useEffect(() => {
    const pos = selectedTask === null ? undefined : latest.current.posOf[selectedTask]
    if (pos !== undefined) scrollToIndex(pos)
  }, [selectedTask, scrollToIndex])

  const api = useMemo((): RowApi => {
    const move = (task: number, col: NavCol, dRow: number, dCol: number) => {
      const { order: o, posOf: p, navCols: cols } = latest.current
      const pos = Math.max(0, Math.min(o.length - 1, p[task]! + dRow))
      const c = Math.max(0, Math.min(cols.length - 1, cols.indexOf(col) + dCol))
      focusCell(o[pos]!, cols[c]!)
    }
    return {
      register: (key, el) => {
        if (el === null) cells.current.delete(key)
        else cells.current.set(key, el)
      },
      startEdit: (task, field, typed) => {
        const t = store.getState().scenario.tasks[task]
        if (t === undefined) return
        const text = latest.current.drafts.get(t)?.[field] ?? columnOf(field).format(t)
        setTip(null)
        setActive({ task, col: field })
        setEditing({ task, field, initial: typed ?? text, selectAll: typed === null })
      },
      commit: (task, field, text, end) => {
        setEditing(null)
        setTip(null)
        const s = store.getState()
        const t = s.scenario.tasks[task]
        if (t === undefined) return
        const parsed = columnOf(field).parse(text)
        if (!parsed.ok) setDrafts((d) => withDraft(d, t, field, text))
        else if (isNoop(t, parsed.patch)) setDrafts((d) => withDraft(d, t, field, undefined))
        else {
          const next = applyPatch(t, parsed.patch)
          const tasksNext = s.scenario.tasks.slice()
          tasksNext[task] = next
          setDrafts((d) => carryDrafts(d, [t], new Map([[t, next]]), field))
          setChecked((c) => (c.has(t) ? new Set([...c].map((x) => (x === t ? next : x))) : c))
          if (anchor.current === t) anchor.current = next
          setTasks(tasksNext)
          // Keep the edited task highlighted in the Gantt and queue (setScenario clears the pick).
          store.getState().actions.select(task)
        }
        // Tab walks the fields and wraps to the next row; Enter stays on the cell.
        const cols = latest.current.navCols
        const col = cols.indexOf(field)
        if (end === 'enter') focusCell(task, field)
        else if (end === 'next' && col === cols.length - 1) move(task, cols[1]!, 1, 0)
        else if (end === 'next') move(task, field, 0, 1)
        else if (end === 'prev' && col === 1) move(task, cols[cols.length - 1]!, -1, 0)
        else if (end === 'prev') move(task, field, 0, -1)
      },
      cancel: (task, field) => {
        setEditing(null)
        setTip(null)
        const t = store.getState().scenario.tasks[task]
        if (t !== undefined) setDrafts((d) => withDraft(d, t, field, undefined))
        focusCell(task, field)
      },
      discardDraft: (task, field) => {
        const t = store.getState().scenario.tasks[task]
        setTip(null)
        if (t !== undefined) setDrafts((d) => withDraft(d, t, field, undefined))
      },
      move,
      focused: (task, col, el, status) => {
        setActive((a) => (a?.task === task && a.col === col ? a : { task, col }))
        setTip(status === null ? null : tipFor(el, status.kind, status.message))
      },
      toggleCheck: (task, on, range) => {
        const all = store.getState().scenario.tasks
        const t = all[task]
        if (t === undefined) return
        const from = anchor.current === null ? -1 : all.indexOf(anchor.current)
        const { order: o, posOf: p } = latest.current
        setChecked((c) => {
          const next = new Set(c)
          if (range && from >= 0) {
            const hi = Math.max(p[from]!, p[task]!)
            for (let pos = Math.min(p[from]!, p[task]!); pos <= hi; pos++) {
              if (on) next.add(all[o[pos]!]!)
              else next.delete(all[o[pos]!]!)
            }
          } else if (on) next.add(t)
          else next.delete(t)
          return next
        })
        anchor.current = t
      },
      selectInApp: (task) => store.getState().actions.select(task),
      showTip: (el, status) => setTip(tipFor(el, status.kind, status.message)),
      showEditorProblem: (el, message) => setTip(message === null ? null : tipFor(el, 'error', message)),
      hideTip: () => setTip(null),
    }
    // The API reads state through `latest` and the store; setters are stable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store])

  function addTask() {
    const all = store.getState().scenario.tasks
    setTasks([...all, newTask(all, store.getState().scenario.mode)])
    store.getState().actions.select(all.length)
    focusCell(all.length, 'id')
  }

  function duplicate() {
    const { tasks: next, copies } = duplicateTasks(store.getState().scenario.tasks, checked)
    if (copies.length === 0) return
    setTasks(next)
    // The copies are checked, ready for "Set field for selected".
    setChecked(new Set(copies))
  }

  function remove() {
    const all = store.getState().scenario.tasks
    const next = all.filter((t) => !checked.has(t))
    if (next.length === all.length) return
    setEditing(null)
    setActive(null)
    setChecked(new Set())
    setTasks(next)
  }

  function bulkSet(patch: TaskPatch) {
    const all = store.getState().scenario.tasks
    const { tasks: next, replaced } = patchTasks(all, checked, patch)
    setDrafts((d) => carryDrafts(d, checked, replaced, patch.field))
    if (replaced.size === 0) return
    setChecked(new Set([...checked].map((t) => replaced.get(t) ?? t)))
    setTasks(next)
  }

  function nextProblem() {
    const from = active === null ? null : { pos: posOf[active.task]!, col: active.col === 'select' ? -1 : COLUMN_INDEX.get(active.col)! }
    const hit = nextProblemCell(order, tasks, problems, drafts, from, columns)
    if (hit !== null) focusCell(order[hit.pos]!, hit.field)
  }

  const problemCount = counts.errors + counts.warnings
  // With no cell focused yet, the first row shown holds the table's tab stop.
  const virtualRows = rows.items
  const tabRow = active?.task ?? (virtualRows[0] === undefined ? -1 : order[virtualRows[0].index]!)
  const tabCol: NavCol = active?.col ?? 'id'

  return (
    <div className={mode === 'serving' ? 'task-table serving' : 'task-table'}>
      <div className="tt-toolbar">
        <button type="button" className="btn" onClick={addTask}>
          Add task
        </button>
        <button type="button" className="btn" disabled={checkedCount === 0} onClick={duplicate}>
          Duplicate
        </button>
        <button type="button" className="btn" disabled={checkedCount === 0} onClick={remove}>
          Delete
        </button>
        <span className="tt-selected" aria-live="polite">
          {checkedCount === 0 ? 'Check rows to duplicate, delete or edit together' : `${plural(checkedCount, 'task')} selected`}
        </span>
        <BulkEdit columns={columns} selected={checkedCount} onApply={bulkSet} />
      </div>
      <div className="tt-summary">
        <span aria-live="polite" className={problemCount > 0 ? 'tt-has-problems' : undefined}>
          {plural(tasks.length, 'task')} · {plural(problemCount, 'problem')}
          {counts.warnings > 0 && ` (${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')})`}
        </span>
        <button type="button" className="btn tt-next" disabled={problemCount === 0} onClick={nextProblem}>
          Next problem
        </button>
        <span className="hint">Click a cell or press Enter to edit · Enter or Tab applies, Esc cancels · arrows move · Shift+click checks a range</span>
      </div>
      <div
        ref={scrollRef}
        role="table"
        aria-label="Tasks"
        aria-rowcount={tasks.length + 1}
        className="tt-scroll"
        onScroll={() => setTip((t) => (t === null ? t : null))}
      >
        <HeaderRow
          columns={columns}
          sort={shownSort}
          checkedCount={checkedCount}
          total={tasks.length}
          onSort={(field) => setSort((s) => nextSort(s, field))}
          onCheckAll={(on) => setChecked(on ? new Set(tasks) : new Set())}
        />
        <div role="rowgroup" className="tt-body" style={{ height: rows.totalSize - HEADER_PX }}>
          {virtualRows.map((v) => {
            const index = order[v.index]!
            const task = tasks[index]!
            return (
              <TaskRow
                key={index}
                columns={columns}
                task={task}
                index={index}
                pos={v.index}
                offsetPx={v.start - HEADER_PX}
                problems={problems[index]!}
                drafts={drafts.get(task)}
                checked={checked.has(task)}
                current={selectedTask === index}
                color={colors[index]!}
                editing={editing?.task === index ? editing : null}
                tabCol={tabRow === index ? tabCol : null}
                idPrefix={idPrefix}
                api={api}
              />
            )
          })}
        </div>
      </div>
      {tasks.length === 0 && <p className="tt-empty">No tasks yet: add one, import a workload or use the generator.</p>}
      <datalist id={MODEL_LIST_ID}>
        {(mode === 'serving' ? (scenarioModels ?? []) : []).map((m) => (
          <option key={`own:${m.name}`} value={m.name} />
        ))}
        {MODELS.map((m) => (
          <option key={m.name} value={m.name} />
        ))}
      </datalist>
      <CellTip tip={tip} />
    </div>
  )
}
