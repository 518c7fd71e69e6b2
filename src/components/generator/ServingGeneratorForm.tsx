import { useId, useMemo } from 'react'
import { MODELS } from '../../engine/catalog/models.ts'
import { DEFAULT_SERVING_GENERATOR, generateServingWorkload, SERVING_PRESETS } from '../../engine/workloads/serving-generator.ts'
import type { Scenario } from '../../engine/types.ts'
import { useApp, useAppStore } from '../../store/context.tsx'
import { selectScenario } from '../../store/selectors.ts'
import { createKeptSlot, useKeptState } from '../use-kept-state.ts'
import { FormField } from './FormField.tsx'
import { ArrivalFields, DistFields, nextWeightClass } from './GeneratorFields.tsx'
import { parseServingDraft, presetOfDraft, servingDraftFromOptions, withPreset, type ServingGeneratorDraft } from './serving-draft.ts'
import { ServingGeneratorPreview } from './ServingGeneratorPreview.tsx'
import { ShareRows } from './ShareRows.tsx'

const formSlot = createKeptSlot<ServingGeneratorDraft>()
const CUSTOM = 'Custom'
/** Beyond this the simulation of every algorithm takes a while; say so before it happens. */
const LARGE_WORKLOAD = 10_000
const randomSeed = () => 1 + Math.floor(Math.random() * 99_999)

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
            <FormField label="Seed" inputMode="numeric" value={draft.seed} error={problem('seed')} onChange={(seed) => update({ seed })} />
            <button type="button" className="btn gen-seed" onClick={() => update({ seed: String(randomSeed()) })}>
              New seed
            </button>
          </div>
          <p className="hint">{preset === null ? 'Custom: the arrivals or lengths differ from every preset.' : preset.about}</p>
          {valid && Number(draft.count) > LARGE_WORKLOAD && <p className="notice warn">Large workload: simulating all algorithms on it takes a while.</p>}
        </fieldset>
        <ArrivalFields draft={draft} problem={problem} onChange={update} />
        <DistFields legend="Input tokens" field="inputTokens" dist={draft.input} problem={problem} onChange={(input) => update({ input })} />
        <DistFields legend="Output tokens" field="outputTokens" dist={draft.output} problem={problem} onChange={(output) => update({ output })} />
        <fieldset>
          <legend>Weights</legend>
          <p className="hint">Weight classes and how often each occurs (shares are relative).</p>
          <ShareRows noun="weight class" prefix="weights" rows={draft.weights} problems={parsed.problems} onChange={(weights) => update({ weights })} newRow={nextWeightClass} />
        </fieldset>
        <fieldset>
          <legend>Models</legend>
          <p className="hint">The model mix: the scenario’s models and the catalog’s, each with its share of the requests.</p>
          <ShareRows
            noun="model"
            prefix="models"
            rows={draft.models}
            problems={parsed.problems}
            choices={choices}
            onChange={(models) => update({ models })}
            newRow={(rows) => ({ value: choices.find((m) => !rows.some((r) => r.value === m)) ?? choices[0]!, share: '0.1' })}
          />
        </fieldset>
      </form>
      <section className="gen-preview" aria-label="Preview">
        <h3 className="gen-preview-title">Preview</h3>
        <ServingGeneratorPreview options={options} />
        <div className="gen-apply">
          <button type="button" className="btn primary-btn" disabled={!valid} onClick={generate}>
            Generate
          </button>
          <span className="hint" aria-live="polite">
            {valid
              ? `Replaces the scenario's ${scenario.tasks.length.toLocaleString('en-US')} requests · Ctrl/⌘+Z undoes`
              : `Fix the ${parsed.problems.size === 1 ? 'marked field' : `${parsed.problems.size} marked fields`} to generate`}
          </span>
        </div>
      </section>
    </div>
  )
}
