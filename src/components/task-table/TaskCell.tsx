import { memo, useCallback, type KeyboardEvent } from 'react'
import type { TaskSpec } from '../../engine/types.ts'
import { CellEditor, type EditEnd } from './CellEditor.tsx'
import { recommendedTpOf, type Column } from './columns.ts'
import { arrowStep, cellKey } from './nav.ts'
import type { CellStatus } from './problems.ts'
import { ProblemIcon } from './ProblemIcon.tsx'
import type { RowApi } from './row-api.ts'

export interface CellEditing {
  readonly initial: string
  readonly selectAll: boolean
}

interface Props {
  readonly task: TaskSpec
  readonly index: number
  readonly column: Column
  readonly draft: string | undefined
  readonly status: CellStatus | null
  readonly editing: CellEditing | null
  readonly tabbable: boolean
  readonly descId: string
  readonly swatch?: string
  readonly api: RowApi
}

/** A typed character starts editing with that character, as in a spreadsheet. */
const isTyping = (e: KeyboardEvent) => e.key.length === 1 && e.key !== ' ' && !e.ctrlKey && !e.metaKey && !e.altKey

/** One field of one task: its value (or the draft the user typed) as a button that starts editing. */
export const TaskCell = memo(function TaskCell({ task, index, column, draft, status, editing, tabbable, descId, swatch, api }: Props) {
  const field = column.field
  const register = useCallback((el: HTMLElement | null) => api.register(cellKey(index, field), el), [api, index, field])
  const onDone = useCallback((text: string, end: EditEnd) => api.commit(index, field, text, end), [api, index, field])
  const onCancel = useCallback(() => api.cancel(index, field), [api, index, field])

  const className = `tt-cell${column.numeric ? ' num' : ''}${status === null ? '' : ` has-${status.kind}`}`
  if (editing !== null) {
    return (
      <div role="cell" className={`${className} editing`}>
        <CellEditor
          column={column}
          initial={editing.initial}
          selectAll={editing.selectAll}
          label={`${column.label} of ${task.id}`}
          onDone={onDone}
          onCancel={onCancel}
          onProblem={api.showEditorProblem}
        />
      </div>
    )
  }

  const text = draft ?? column.format(task)
  const recTp = field === 'tp' && text === '' ? recommendedTpOf(task) : undefined
  function onKeyDown(e: KeyboardEvent<HTMLButtonElement>) {
    const step = arrowStep(e.key)
    if (step !== null) {
      e.preventDefault()
      api.move(index, field, step[0], step[1])
    } else if (e.key === 'Enter' || e.key === 'F2') {
      // Enter would also click the button; start the edit once.
      e.preventDefault()
      api.startEdit(index, field, null)
    } else if (e.key === 'Escape' && draft !== undefined) {
      e.preventDefault()
      api.discardDraft(index, field)
    } else if (isTyping(e) && column.editor !== 'phase') {
      e.preventDefault()
      api.startEdit(index, field, e.key)
    }
  }
  return (
    <div role="cell" className={className}>
      <button
        type="button"
        ref={register}
        className="tt-value"
        tabIndex={tabbable ? 0 : -1}
        aria-invalid={status?.kind === 'error' ? true : undefined}
        aria-describedby={status === null ? undefined : descId}
        onClick={() => api.startEdit(index, field, null)}
        onKeyDown={onKeyDown}
        onFocus={(e) => api.focused(index, field, e.currentTarget, status)}
        onBlur={api.hideTip}
        onMouseEnter={status === null ? undefined : (e) => api.showTip(e.currentTarget, status)}
        onMouseLeave={status === null ? undefined : api.hideTip}
      >
        {swatch !== undefined && <span className="task-swatch" style={{ background: swatch }} aria-hidden="true" />}
        <span className="tt-text">{text}</span>
        {recTp !== undefined && <span className="tt-muted">auto ({recTp})</span>}
        {status !== null && <ProblemIcon kind={status.kind} />}
      </button>
      {status !== null && (
        <span id={descId} className="visually-hidden">
          {status.kind === 'error' ? 'Error' : 'Warning'}: {status.message}
        </span>
      )}
    </div>
  )
})
