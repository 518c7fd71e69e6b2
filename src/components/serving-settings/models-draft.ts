import { findArchitecture } from '../../engine/catalog/architectures.ts'
import type { ServingModel } from '../../engine/serving/types.ts'
import type { InputIssue } from '../../engine/workloads/errors.ts'
import { parseModels } from '../../engine/workloads/serving-json.ts'

/** A scenario model's architecture fields, as the scenario JSON's `models` names them. */
export const MODEL_FIELDS = ['layers', 'hidden', 'heads', 'kvHeads', 'headDim', 'activeParamsB', 'weightsGB'] as const
export type ModelField = (typeof MODEL_FIELDS)[number]

export const MODEL_FIELD_HINTS: Readonly<Record<ModelField, string>> = {
  layers: 'transformer layers',
  hidden: 'hidden size',
  heads: 'attention heads',
  kvHeads: 'KV heads (fewer than heads: grouped-query attention)',
  headDim: 'elements per head',
  activeParamsB: 'parameters one token uses, billions',
  weightsGB: 'all weights in BF16, GB',
}

/** One model row of the editor: its name and each field as typed. */
export interface ModelDraft {
  readonly name: string
  readonly values: Readonly<Record<ModelField, string>>
}

export function modelDraftsOf(models: readonly ServingModel[] | undefined): ModelDraft[] {
  return (models ?? []).map((m) => ({ name: m.name, values: Object.fromEntries(MODEL_FIELDS.map((f) => [f, String(m[f])])) as Record<ModelField, string> }))
}

/** A new row: a name not taken yet, with Llama3-8B's figures to edit from. */
export function newModelDraft(taken: readonly ModelDraft[]): ModelDraft {
  const names = new Set(taken.map((m) => m.name.trim().toLowerCase()))
  let k = 1
  while (names.has(`custom-${k}`)) k++
  const base = findArchitecture('Llama3-8B')!
  return { name: `Custom-${k}`, values: Object.fromEntries(MODEL_FIELDS.map((f) => [f, String(base[f])])) as Record<ModelField, string> }
}

/**
 * The rows as the scenario's `models`, checked by the scenario file's own reader (so the
 * editor refuses what a file would, in the same words): `models[1].kvHeads = 0: must be a
 * whole number >= 1`. Text that is not a number reaches the reader as typed, so the message
 * quotes it.
 */
export function modelsOf(drafts: readonly ModelDraft[]): { models: ServingModel[]; issues: InputIssue[] } {
  const issues: InputIssue[] = []
  const json = drafts.map((d) => ({
    name: d.name,
    ...Object.fromEntries(
      MODEL_FIELDS.map((f) => {
        const t = d.values[f].trim()
        return [f, t === '' ? '' : Number.isNaN(Number(t)) ? t : Number(t)]
      }),
    ),
  }))
  const models = parseModels(json, (where, value, message) => issues.push({ where, value: value === '' ? '' : String(value), message }))
  return { models, issues }
}
