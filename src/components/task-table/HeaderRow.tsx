import { useEffect, useRef } from 'react'
import type { TaskField } from '../../engine/workloads/task-checks.ts'
import type { Column } from './columns.ts'
import type { SortSpec } from './sort.ts'

interface Props {
  readonly columns: readonly Column[]
  readonly sort: SortSpec | null
  readonly checkedCount: number
  readonly total: number
  onSort(field: TaskField): void
  onCheckAll(on: boolean): void
}

const HINTS: Partial<Record<TaskField, string>> = {
  tp: "Tensor-parallel degree; empty = the model's recommended TP",
  memoryGB: 'Total model memory; used for models the catalog does not know',
  inputTokens: "The request's prompt (P), whole tokens >= 1",
  outputTokens: 'Tokens the request generates (O), whole tokens >= 1',
}

/** Column headers: a select-all checkbox, then one sort button per column (aria-sort on the header). */
export function HeaderRow({ columns, sort, checkedCount, total, onSort, onCheckAll }: Props) {
  const all = useRef<HTMLInputElement>(null)
  useEffect(() => {
    if (all.current !== null) all.current.indeterminate = checkedCount > 0 && checkedCount < total
  }, [checkedCount, total])
  return (
    <div role="rowgroup" className="tt-head">
      <div role="row" aria-rowindex={1} className="tt-row tt-head-row">
        <div role="columnheader" className="tt-cell tt-check">
          <input
            ref={all}
            type="checkbox"
            aria-label="Select all tasks"
            checked={total > 0 && checkedCount === total}
            disabled={total === 0}
            onChange={(e) => onCheckAll(e.target.checked)}
            // Space checks the box; it must not also reach the page's play/pause shortcut.
            onKeyDown={(e) => e.key === ' ' && e.stopPropagation()}
          />
        </div>
        {columns.map((c) => {
          const dir = sort?.field === c.field ? sort.dir : null
          return (
            <div
              key={c.field}
              role="columnheader"
              aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}
              className={`tt-cell${c.numeric ? ' num' : ''}`}
            >
              <button type="button" className="tt-sort" title={HINTS[c.field] ?? `Sort by ${c.label}`} onClick={() => onSort(c.field)}>
                {c.label}
                <span className={`tt-arrow${dir === null ? '' : ' on'}`} aria-hidden="true">
                  {dir === 'desc' ? '▼' : '▲'}
                </span>
              </button>
            </div>
          )
        })}
      </div>
    </div>
  )
}
