import type { ReactNode } from 'react'
import { MODEL_FIELD_HINTS, MODEL_FIELDS, newModelDraft, type ModelDraft } from './models-draft.ts'

export interface ModelsFieldsetProps {
  readonly drafts: readonly ModelDraft[]
  readonly onChange: (drafts: ModelDraft[]) => void
  /** aria-invalid/aria-describedby of the field with this issue key (`models[0].layers`). */
  readonly field: (key: string) => Record<string, unknown>
  /** The issue shown under the field, if any. */
  readonly fieldError: (key: string) => ReactNode
}

/**
 * The scenario's own models ("what if" questions): each defined by the architecture fields the
 * engine reads (docs/serving.md, "Models and GPUs"). A model named as a catalog model replaces it.
 */
export function ModelsFieldset({ drafts, onChange, field, fieldError }: ModelsFieldsetProps) {
  const setRow = (i: number, row: Partial<ModelDraft>) => onChange(drafts.map((d, j) => (j === i ? { ...d, ...row } : d)))
  return (
    <fieldset className="models-fieldset">
      <legend>Custom models</legend>
      <p className="hint">
        Models of your own, by their architecture: usable in deployments and requests like the catalog&apos;s. One named as a catalog model replaces it
        for this scenario. The KV pool below follows every change.
      </p>
      {drafts.map((d, i) => (
        <div key={i} className="group-row model-row">
          <label>
            Name
            <input aria-label={`Name of model ${i + 1}`} value={d.name} onChange={(e) => setRow(i, { name: e.target.value })} {...field(`models[${i}].name`)} />
          </label>
          {MODEL_FIELDS.map((f) => (
            <label key={f} title={MODEL_FIELD_HINTS[f]}>
              {f}
              <input
                aria-label={`${f} of model ${i + 1}`}
                inputMode="decimal"
                value={d.values[f]}
                onChange={(e) => setRow(i, { values: { ...d.values, [f]: e.target.value } })}
                {...field(`models[${i}].${f}`)}
              />
            </label>
          ))}
          <button type="button" className="btn" aria-label={`Remove model ${i + 1}`} onClick={() => onChange(drafts.filter((_, j) => j !== i))}>
            Remove
          </button>
          {(['name', ...MODEL_FIELDS] as const).map((f) => fieldError(`models[${i}].${f}`))}
          {fieldError(`models[${i}]`)}
        </div>
      ))}
      <div className="form-actions">
        <button type="button" className="btn" onClick={() => onChange([...drafts, newModelDraft(drafts)])}>
          Add model
        </button>
      </div>
    </fieldset>
  )
}
