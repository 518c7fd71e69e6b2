import { useId, useMemo } from 'react'
import { MODELS } from '../../engine/catalog/models.ts'
import { DEFAULT_SERVING_GENERATOR, generateServingWorkload, SERVING_PRESETS } from '../../engine/workloads/serving-generator.ts'
import type { Scenario } from '../../engine/types.ts'
import { useApp, useAppStore } from '../../store/context.tsx'
import { selectScenario } from '../../store/selectors.ts'
import { createKeptSlot, useKeptState } from '../use-kept-state.ts'
import { FormField } from './FormField.tsx'
import { GenerateSection, LargeWorkloadNotice } from './GenerateSection.tsx'
import { ArrivalFields, DistFields, ModelFields, SeedField, WeightFields } from './GeneratorFields.tsx'
import { parseServingDraft, presetOfDraft, servingDraftFromOptions, withPreset, type ServingGeneratorDraft } from './serving-draft.ts'
import { ServingGeneratorPreview } from './ServingGeneratorPreview.tsx'

const formSlot = createKeptSlot<ServingGeneratorDraft>()
const CUSTOM = 'Custom'

/** The scenario's own models and deployed ones first, then the catalog's. */
function modelChoices(s: Scenario): string[] {
  const own = [...(s.serving?.deployments ?? []).map((d) => d.model), ...(s.models ?? []).map((m) => m.name)]
  return [...new Set([...own, ...MODELS.map((m) => m.name)])]
}

/** The form's start: the Chat preset on the scenario's deployed models (each an equal share), else Llama3-8B. */
function initialDraft(s: Scenario): ServingGeneratorDraft {
  const deployed = [...new Set((s.serving?.deployments ?? []).map((d) => d.model))]
  const models = deployed.length > 0 ? deployed.map((value) => ({ value, share: 1 })) : DEFAULT_SERVING_GENERATOR.models
  return servingDraftFromOptions({ ...DEFAULT_SERVING_GENERATOR, models })
}

/**
 * Serving mode's generator: requests with input and output lengths from a preset or from
 * distributions, arrivals as in job mode, weights and a model mix. The preview and "Generate"
 * make the same call (engine/workloads/serving-generator.ts), so the same form and seed give
 * the same requests in the page, a worker and the CLI.
 */
export function ServingGeneratorForm() {
  const store = useAppStore()
  const scenario = useApp(selectScenario)
  const choices = useMemo(() => modelChoices(scenario), [scenario])
  const [draft, setDraft] = useKeptState(formSlot, () => initialDraft(scenario))
  const parsed = useMemo(() => parseServingDraft(draft), [draft])
  const preset = useMemo(() => presetOfDraft(draft), [draft])
  const presetId = useId()
  const valid = parsed.problems.size === 0
  const options = valid ? parsed.options : null
  const problem = (field: string) => parsed.problems.get(field)
  const update = (patch: Partial<ServingGeneratorDraft>) => setDraft((d) => ({ ...d, ...patch }))

  function generate() {
    if (options === null) return
    const label = `generated (seed ${options.seed})`
    store.getState().actions.setWorkload(generateServingWorkload(options), 'generated', label, { name: `The generated requests (seed ${options.seed})`, undoes: 'it' })
  }

  return (
    <div className="gen">
      <form className="gen-form" aria-label="Request generator" onSubmit={(e) => e.preventDefault()}>
        <fieldset>
          <legend>Requests</legend>
          <div className="gen-row">
            <div className="gen-field">
              <label htmlFor={presetId}>Preset</label>
              <select
                id={presetId}
                value={preset?.name ?? CUSTOM}
                onChange={(e) => {
                  const p = SERVING_PRESETS.find((x) => x.name === e.target.value)
                  if (p !== undefined) setDraft((d) => withPreset(d, p))
                }}
              >
                {SERVING_PRESETS.map((p) => (
                  <option key={p.name} value={p.name}>
                    {p.name}
                  </option>
                ))}
                <option value={CUSTOM} disabled>
                  {CUSTOM}
                </option>
              </select>
            </div>
            <FormField label="Request count" inputMode="numeric" value={draft.count} error={problem('count')} onChange={(count) => update({ count })} />
            <SeedField label="Seed" value={draft.seed} error={problem('seed')} onChange={(seed) => update({ seed })} />
          </div>
          <p className="hint">{preset === null ? 'Custom: the arrivals or lengths differ from every preset.' : preset.about}</p>
          <LargeWorkloadNotice valid={valid} count={Number(draft.count)} />
        </fieldset>
        <ArrivalFields draft={draft} problem={problem} onChange={update} />
        <DistFields legend="Input tokens" field="inputTokens" dist={draft.input} problem={problem} onChange={(input) => update({ input })} />
        <DistFields legend="Output tokens" field="outputTokens" dist={draft.output} problem={problem} onChange={(output) => update({ output })} />
        <WeightFields rows={draft.weights} problems={parsed.problems} onChange={(weights) => update({ weights })} />
        <ModelFields
          hint="The model mix: the scenario’s models and the catalog’s, each with its share of the requests."
          choices={choices}
          rows={draft.models}
          problems={parsed.problems}
          onChange={(models) => update({ models })}
        />
      </form>
      <GenerateSection problemCount={parsed.problems.size} replaces={`the scenario's ${scenario.tasks.length.toLocaleString('en-US')} requests`} onGenerate={generate}>
        <ServingGeneratorPreview options={options} />
      </GenerateSection>
    </div>
  )
}
