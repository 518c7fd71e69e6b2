import type { ReactNode } from 'react'

/** Beyond this the simulation of every algorithm takes a while; say so before it happens. */
const LARGE_WORKLOAD = 10_000

/** A warning under the count once a valid form asks for a workload that takes a while to simulate. */
export function LargeWorkloadNotice({ valid, count }: { valid: boolean; count: number }) {
  return valid && count > LARGE_WORKLOAD ? <p className="notice warn">Large workload: simulating all algorithms on it takes a while.</p> : null
}

interface Props {
  /** The preview of what "Generate" makes. */
  readonly children: ReactNode
  /** The form's problems (none: it may generate). */
  readonly problemCount: number
  /** What generating replaces: "the scenario's 1,200 tasks". */
  readonly replaces: string
  onGenerate(): void
}

/** A generator's preview and its Generate button, which says what it replaces or what to fix first. */
export function GenerateSection({ children, problemCount, replaces, onGenerate }: Props) {
  const valid = problemCount === 0
  return (
    <section className="gen-preview" aria-label="Preview">
      <h3 className="gen-preview-title">Preview</h3>
      {children}
      <div className="gen-apply">
        <button type="button" className="btn primary-btn" disabled={!valid} onClick={onGenerate}>
          Generate
        </button>
        <span className="hint" aria-live="polite">
          {valid ? `Replaces ${replaces} · Ctrl/⌘+Z undoes` : `Fix the ${problemCount === 1 ? 'marked field' : `${problemCount} marked fields`} to generate`}
        </span>
      </div>
    </section>
  )
}
