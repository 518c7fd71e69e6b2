import { memo, type ChangeEvent, type KeyboardEvent } from 'react'
import type { TaskSpec } from '../../engine/types.ts'
import type { FieldProblem, TaskField } from '../../engine/workloads/task-checks.ts'
import type { Column } from './columns.ts'
import { arrowStep, cellKey, type NavCol } from './nav.ts'
import { cellStatus } from './problems.ts'
import type { RowApi } from './row-api.ts'
import { TaskCell, type CellEditing } from './TaskCell.tsx'

interface Props {
  readonly columns: readonly Column[]
  readonly task: TaskSpec
  readonly index: number
  readonly pos: number
  readonly offsetPx: number
  readonly problems: readonly FieldProblem[]
  readonly drafts: Readonly<Partial<Record<TaskField, string>>> | undefined
  readonly checked: boolean
  readonly current: boolean
  readonly color: string
  readonly editing: (CellEditing & { readonly field: TaskField }) | null
  /** The column holding the table's one tab stop, when it is in this row. */
  readonly tabCol: NavCol | null
  readonly idPrefix: string
  readonly api: RowApi
}

/** One task. Memoized: scrolling and typing re-render only the rows whose props changed. */
export const TaskRow = memo(function TaskRow(p: Props) {
  const { task, index, api } = p
  function onCheck(e: ChangeEvent<HTMLInputElement>) {
    const range = e.nativeEvent instanceof MouseEvent && e.nativeEvent.shiftKey
    api.toggleCheck(index, e.target.checked, range)
  }
  function onCheckKey(e: KeyboardEvent<HTMLInputElement>) {
    // Space checks the box; it must not also reach the page's play/pause shortcut.
    if (e.key === ' ') e.stopPropagation()
    const step = arrowStep(e.key)
    if (step === null) return
    e.preventDefault()
    api.move(index, 'select', step[0], step[1])
  }
  const classes = `tt-row${p.checked ? ' checked' : ''}${p.current ? ' current' : ''}${p.pos % 2 === 1 ? ' odd' : ''}`
  return (
    <div
      role="row"
      aria-rowindex={p.pos + 2}
      aria-current={p.current ? 'true' : undefined}
      className={classes}
      style={{ transform: `translateY(${p.offsetPx}px)` }}
      onClick={() => api.selectInApp(index)}
    >
      <div role="cell" className="tt-cell tt-check">
        <input
          type="checkbox"
          ref={(el) => api.register(cellKey(index, 'select'), el)}
          aria-label={`Select ${task.id}`}
          checked={p.checked}
          tabIndex={p.tabCol === 'select' ? 0 : -1}
          onChange={onCheck}
          onKeyDown={onCheckKey}
          onFocus={(e) => api.focused(index, 'select', e.currentTarget, null)}
        />
      </div>
      {p.columns.map((c) => {
        const draft = p.drafts?.[c.field]
        return (
          <TaskCell
            key={c.field}
            task={task}
            index={index}
            column={c}
            draft={draft}
            status={cellStatus(task, c.field, p.problems, draft)}
            editing={p.editing?.field === c.field ? p.editing : null}
            tabbable={p.tabCol === c.field}
            descId={`${p.idPrefix}-${index}-${c.field}`}
            {...(c.field === 'id' ? { swatch: p.color } : {})}
            api={api}
          />
        )
      })}
    </div>
  )
})
