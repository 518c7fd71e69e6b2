import { useId, useState } from 'react'
import type { TaskField } from '../../engine/workloads/task-checks.ts'
import { MODEL_LIST_ID } from './CellEditor.tsx'
import { columnOf, type Column, type TaskPatch } from './columns.ts'

interface Props {
  readonly columns: readonly Column[]
  readonly selected: number
  onApply(patch: TaskPatch): void
}

/** "Set field for selected": one value for one field of every checked task, applied as one undo step. */
export function BulkEdit({ columns, selected, onApply }: Props) {
  // Every column but the id: one id for many tasks would only make duplicates.
  const fields = columns.filter((c) => c.field !== 'id')
  const [chosen, setField] = useState<TaskField>('weight')
  // A field of the other mode's columns (the mode changed) falls back to the weight.
  const field = fields.some((c) => c.field === chosen) ? chosen : 'weight'
  const [texts, setTexts] = useState<Partial<Record<TaskField, string>>>({ phase: 'prefill' })
  const messageId = useId()
  const column = columnOf(field)
  const text = texts[field] ?? ''
  const parsed = column.parse(text)
  // An empty box is not an error until the user types: it just cannot be applied yet.
  const untouched = texts[field] === undefined && field !== 'tp' && field !== 'memoryGB'
  const message = parsed.ok || untouched ? null : parsed.message
  const setText = (t: string) => setTexts({ ...texts, [field]: t })

  return (
    <form
      className="tt-bulk"
      aria-label="Set field for selected"
      onSubmit={(e) => {
        e.preventDefault()
        if (parsed.ok && selected > 0) onApply(parsed.patch)
      }}
    >
      <span className="tt-bulk-title">Set field for selected</span>
      <select aria-label="Field" value={field} onChange={(e) => setField(fields.find((c) => c.field === e.target.value)?.field ?? 'weight')}>
        {fields.map((c) => (
          <option key={c.field} value={c.field}>
            {c.label}
          </option>
        ))}
      </select>
      {column.editor === 'phase' ? (
        <select aria-label="Value" value={text} onChange={(e) => setText(e.target.value)}>
          <option value="prefill">prefill</option>
          <option value="decode">decode</option>
        </select>
      ) : (
        <input
          aria-label="Value"
          value={text}
          placeholder={field === 'tp' ? 'empty = recommended' : field === 'memoryGB' ? 'empty = none' : ''}
          list={column.editor === 'model' ? MODEL_LIST_ID : undefined}
          inputMode={column.numeric ? 'decimal' : undefined}
          aria-invalid={message !== null}
          aria-describedby={message === null ? undefined : messageId}
          autoComplete="off"
          onChange={(e) => setText(e.target.value)}
        />
      )}
      <button type="submit" className="btn" disabled={!parsed.ok || selected === 0}>
        Apply
      </button>
      {message !== null && (
        <span id={messageId} className="field-error">
          {message}
        </span>
      )}
    </form>
  )
}
