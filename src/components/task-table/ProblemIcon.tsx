import type { CellKind } from './problems.ts'

/** A circle for errors, a triangle for warnings: told apart by shape as well as colour. */
export function ProblemIcon({ kind }: { kind: CellKind }) {
  return (
    <svg className={`tt-icon ${kind}`} width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      {kind === 'error' ? <circle cx="8" cy="8" r="7" fill="currentColor" /> : <path d="M8 1 15.5 14.5H.5z" fill="currentColor" />}
      <path d={kind === 'error' ? 'M7 3.5h2v6H7zM7 11h2v2H7z' : 'M7 5.5h2v5H7zM7 11.5h2v2H7z'} fill="#fff" />
    </svg>
  )
}
