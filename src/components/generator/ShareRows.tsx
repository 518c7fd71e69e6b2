import { useId } from 'react'
import type { ShareDraft } from './draft.ts'

interface Props {
  /** "weight class" or "model": names the controls ("Share of model 2", "Remove model 2"). */
  readonly noun: string
  readonly rows: readonly ShareDraft[]
  /** Problems by the generator's field names under `prefix` (`weights[0].share`, `weights`). */
  readonly problems: ReadonlyMap<string, string>
  readonly prefix: 'weights' | 'models'
  /** Model names to pick from; text boxes (numbers) when absent. */
  readonly choices?: readonly string[]
  onChange(rows: ShareDraft[]): void
  newRow(rows: readonly ShareDraft[]): ShareDraft
}

const num = (s: string) => (s.trim() === '' ? NaN : Number(s))

/** Rows of value + share; shares are relative and shown as the percentage they come to. */
export function ShareRows({ noun, rows, problems, prefix, choices, onChange, newRow }: Props) {
  const id = useId()
  const total = rows.reduce((s, r) => s + (num(r.share) >= 0 ? num(r.share) : 0), 0)
  const set = (i: number, patch: Partial<ShareDraft>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)))
  // A negative share also fails the sum check; its own message says more, so show that alone.
  const rowErrors = rows.some((_, i) => problems.has(`${prefix}[${i}].share`) || problems.has(`${prefix}[${i}].value`))
  const groupError = rowErrors ? undefined : problems.get(prefix)
  const valueLabel = (i: number) => (choices === undefined ? `Weight of class ${i + 1}` : `Model ${i + 1}`)
  return (
    <div className="gen-shares">
      <div className="gen-share-head" aria-hidden="true">
        <span>{choices === undefined ? 'Weight' : 'Model'}</span>
        <span>Share</span>
      </div>
      {rows.map((r, i) => {
        const valueError = problems.get(`${prefix}[${i}].value`)
        const shareError = problems.get(`${prefix}[${i}].share`)
        const share = num(r.share)
        return (
          <div key={i} className="gen-share-row">
            {choices === undefined ? (
              <input
                aria-label={valueLabel(i)}
                value={r.value}
                inputMode="decimal"
                aria-invalid={valueError !== undefined}
                aria-describedby={valueError === undefined ? undefined : `${id}-${i}-value`}
                onChange={(e) => set(i, { value: e.target.value })}
              />
            ) : (
              <select aria-label={valueLabel(i)} value={r.value} onChange={(e) => set(i, { value: e.target.value })}>
                {(choices.includes(r.value) ? choices : [r.value, ...choices]).map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            )}
            <input
              aria-label={`Share of ${noun} ${i + 1}`}
              value={r.share}
              inputMode="decimal"
              aria-invalid={shareError !== undefined}
              aria-describedby={shareError === undefined ? undefined : `${id}-${i}-share`}
              onChange={(e) => set(i, { share: e.target.value })}
            />
            <span className="gen-share-pct num" aria-hidden="true">
              {total > 0 && share >= 0 ? `${Math.round((100 * share) / total)} %` : ''}
            </span>
            <button type="button" className="btn gen-remove" aria-label={`Remove ${noun} ${i + 1}`} disabled={rows.length === 1} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
              ×
            </button>
            {valueError !== undefined && (
              <span id={`${id}-${i}-value`} className="field-error gen-row-error">
                {noun} {i + 1}: {valueError}
              </span>
            )}
            {shareError !== undefined && (
              <span id={`${id}-${i}-share`} className="field-error gen-row-error">
                share {i + 1}: {shareError}
              </span>
            )}
          </div>
        )
      })}
      {groupError !== undefined && <p className="field-error">{groupError}</p>}
      <button type="button" className="btn" onClick={() => onChange([...rows, newRow(rows)])}>
        Add {noun}
      </button>
    </div>
  )
}
