import { useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react'
import type { Column } from './columns.ts'

/** How an edit ended: where focus goes next. */
export type EditEnd = 'enter' | 'next' | 'prev' | 'blur'

export const MODEL_LIST_ID = 'task-table-models'

interface Props {
  readonly column: Column
  readonly initial: string
  /** Whether to select the initial text (not when editing started from a typed character). */
  readonly selectAll: boolean
  readonly label: string
  onDone(text: string, end: EditEnd): void
  onCancel(): void
  onProblem(el: Element, message: string | null): void
}

/**
 * The editor of one cell. What is typed stays local (typing re-renders this input only, not
 * 10,000 rows) and is checked on every keystroke; Enter or Tab hands it to the table, which
 * applies it if valid and otherwise keeps it as a draft next to its reason.
 */
export function CellEditor({ column, initial, selectAll, label, onDone, onCancel, onProblem }: Props) {
  const [text, setText] = useState(initial)
  const inputRef = useRef<HTMLInputElement>(null)
  const selectRef = useRef<HTMLSelectElement>(null)
  // Set once Enter, Tab or Esc has ended the edit: the blur that follows must not end it again.
  const ended = useRef(false)
  const messageId = useId()
  const parsed = column.parse(text)
  const message = parsed.ok ? null : parsed.message

  useEffect(() => {
    selectRef.current?.focus()
    inputRef.current?.focus()
    if (selectAll) inputRef.current?.select()
  }, [selectAll])

  useEffect(() => {
    const el = inputRef.current ?? selectRef.current
    if (el !== null) onProblem(el, message)
  }, [message, onProblem])

  function end(how: EditEnd, value = text) {
    if (ended.current) return
    ended.current = true
    onDone(value, how)
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Enter') {
      e.preventDefault()
      end('enter')
    } else if (e.key === 'Tab') {
      e.preventDefault()
      end(e.shiftKey ? 'prev' : 'next')
    } else if (e.key === 'Escape') {
      e.preventDefault()
      e.stopPropagation()
      ended.current = true
      onCancel()
    }
  }

  const common = {
    'aria-label': label,
    'aria-invalid': message !== null,
    'aria-describedby': message === null ? undefined : messageId,
    className: 'tt-editor',
    onKeyDown,
    onBlur: () => end('blur'),
    // A click inside the editor must not reach the row (which would select the task again).
    onClick: (e: MouseEvent) => e.stopPropagation(),
  }
  return (
    <>
      {column.editor === 'phase' ? (
        <select
          {...common}
          ref={selectRef}
          value={text}
          onChange={(e) => {
            setText(e.target.value)
            end('enter', e.target.value)
          }}
        >
          <option value="prefill">prefill</option>
          <option value="decode">decode</option>
        </select>
      ) : (
        <input
          {...common}
          ref={inputRef}
          value={text}
          list={column.editor === 'model' ? MODEL_LIST_ID : undefined}
          inputMode={column.numeric ? 'decimal' : undefined}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setText(e.target.value)}
        />
      )}
      {message !== null && (
        <span id={messageId} className="visually-hidden">
          {message}
        </span>
      )}
    </>
  )
}
