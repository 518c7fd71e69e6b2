import { useId, useMemo } from 'react'
import { MODELS } from '../engine/catalog/models.ts'
import { DEFAULT_GENERATOR, generateWorkload } from '../engine/workloads/generator.ts'
import { useApp, useAppStore } from '../store/context.tsx'
import { draftFromOptions, parseDraft, type DistDraft, type GeneratorDraft } from './generator/draft.ts'
import { ARRIVAL_KINDS, arrivalSpec, DIST_KINDS, distSpec, type DistKind } from './generator/fields.ts'
import { FormField } from './generator/FormField.tsx'
import { GeneratorPreview } from './generator/GeneratorPreview.tsx'
import { ShareRows } from './generator/ShareRows.tsx'
import { createKeptSlot, useKeptState } from './use-kept-state.ts'
import './generator.css'
import { selectTaskCount } from '../store/selectors.ts'

const formSlot = createKeptSlot<GeneratorDraft>()
const MODEL_NAMES = MODELS.map((m) => m.name)
/** Beyond this the simulation of every algorithm takes a while; say so before it happens. */
const LARGE_WORKLOAD = 10_000

/** A new weight class ten times the heaviest so far (1, 10, 100: classes that differ clearly). */
function nextWeightClass(rows: readonly { value: string }[]) {
  const heaviest = Math.max(0, ...rows.map((r) => Number(r.value)).filter(Number.isFinite))
  return { value: String(heaviest > 0 ? heaviest * 10 : 1), share: '0.1' }
}

/** Seeds are small numbers, easy to read out in class and to type back. */
const randomSeed = () => 1 + Math.floor(Math.random() * 99_999)

/**
 * A synthetic workload from a few distributions: arrivals, token counts, weights and models.
 * The form is kept as typed and checked on every keystroke; a preview shows what "Generate"
 * would produce (same options, same seed, same tasks).
 */
export function GeneratorForm() {
  const store = useAppStore()
  const taskCount = useApp(selectTaskCount)
  const [draft, setDraft] = useKeptState(formSlot, () => draftFromOptions(DEFAULT_GENERATOR))
  const parsed = useMemo(() => parseDraft(draft), [draft])
  const valid = parsed.problems.size === 0
  const options = valid ? parsed.options : null
  const problem = (field: string) => parsed.problems.get(field)
  const update = (patch: Partial<GeneratorDraft>) => setDraft((d) => ({ ...d, ...patch }))
  const arrival = arrivalSpec(draft.arrivalKind)

  function generate() {
    if (options === null) return
    const label = `generated (seed ${options.seed})`
    store.getState().actions.setWorkload(generateWorkload(options), 'generated', label, { name: `The generated workload (seed ${options.seed})`, undoes: 'it' })
  }

  const count = Number(draft.count)
  return (
    <div className="gen">
      <form className="gen-form" aria-label="Workload generator" onSubmit={(e) => e.preventDefault()}>
        <fieldset>
          <legend>Tasks</legend>
          <div className="gen-row">
            <FormField label="Task count" inputMode="numeric" value={draft.count} error={problem('count')} onChange={(count) => update({ count })} />
            <FormField label="Prefill tasks (%)" value={draft.prefillPercent} error={problem('prefillShare')} onChange={(prefillPercent) => update({ prefillPercent })} />
            <FormField label="Seed" inputMode="numeric" value={draft.seed} error={problem('seed')} onChange={(seed) => update({ seed })} />
            <button type="button" className="btn gen-seed" onClick={() => update({ seed: String(randomSeed()) })}>
              New seed
            </button>
          </div>
          {valid && count > LARGE_WORKLOAD && <p className="notice warn">Large workload: simulating all algorithms on it takes a while.</p>}
        </fieldset>

        <fieldset>
          <legend>Arrivals</legend>
          <KindPicker
            label="Arrival process"
            value={draft.arrivalKind}
            kinds={ARRIVAL_KINDS}
            onChange={(arrivalKind) => update({ arrivalKind })}
          />
          <p className="hint">{arrival.about}</p>
          <div className="gen-row">
            {arrival.params.map((p) => (
              <FormField
                key={p.key}
                label={p.label}
                inputMode={p.whole === true ? 'numeric' : 'decimal'}
                value={draft.arrivalParams[p.key]}
                error={problem(`arrivals.${p.key}`)}
                onChange={(text) => update({ arrivalParams: { ...draft.arrivalParams, [p.key]: text } })}
              />
            ))}
          </div>
        </fieldset>

        <DistFields legend="Prefill tokens" field="prefillTokens" dist={draft.prefill} problem={problem} onChange={(prefill) => update({ prefill })} />
        <DistFields legend="Decode tokens" field="decodeTokens" dist={draft.decode} problem={problem} onChange={(decode) => update({ decode })} />

        <fieldset>
          <legend>Weights</legend>
          <p className="hint">Weight classes and how often each occurs (shares are relative).</p>
          <ShareRows
            noun="weight class"
            prefix="weights"
            rows={draft.weights}
            problems={parsed.problems}
            onChange={(weights) => update({ weights })}
            newRow={nextWeightClass}
          />
        </fieldset>

        <fieldset>
          <legend>Models</legend>
          <p className="hint">Catalog models and their share of the tasks.</p>
          <ShareRows
            noun="model"
            prefix="models"
            rows={draft.models}
            problems={parsed.problems}
            choices={MODEL_NAMES}
            onChange={(models) => update({ models })}
            newRow={(rows) => ({ value: MODEL_NAMES.find((m) => !rows.some((r) => r.value === m)) ?? MODEL_NAMES[0]!, share: '0.1' })}
          />
        </fieldset>
      </form>

      <section className="gen-preview" aria-label="Preview">
        <h3 className="gen-preview-title">Preview</h3>
        <GeneratorPreview options={options} />
        <div className="gen-apply">
          <button type="button" className="btn primary-btn" disabled={!valid} onClick={generate}>
            Generate
          </button>
          <span className="hint" aria-live="polite">
            {valid
              ? `Replaces the scenario's ${taskCount.toLocaleString('en-US')} tasks · Ctrl/⌘+Z undoes`
              : `Fix the ${parsed.problems.size === 1 ? 'marked field' : `${parsed.problems.size} marked fields`} to generate`}
          </span>
        </div>
      </section>
    </div>
  )
}

function KindPicker<K extends string>({ label, value, kinds, onChange }: { label: string; value: K; kinds: readonly { kind: K; label: string }[]; onChange(kind: K): void }) {
  const id = useId()
  return (
    <div className="gen-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(kinds.find((k) => k.kind === e.target.value)?.kind ?? value)}>
        {kinds.map((k) => (
          <option key={k.kind} value={k.kind}>
            {k.label}
          </option>
        ))}
      </select>
    </div>
  )
}

interface DistProps {
  readonly legend: string
  readonly field: 'prefillTokens' | 'decodeTokens'
  readonly dist: DistDraft
  problem(field: string): string | undefined
  onChange(dist: DistDraft): void
}

function DistFields({ legend, field, dist, problem, onChange }: DistProps) {
  const spec = distSpec(dist.kind)
  return (
    <fieldset>
      <legend>{legend}</legend>
      <KindPicker<DistKind> label="Distribution" value={dist.kind} kinds={DIST_KINDS} onChange={(kind) => onChange({ ...dist, kind })} />
      <p className="hint">{spec.about}</p>
      <div className="gen-row">
        {spec.params.map((p) => (
          <FormField
            key={p.key}
            label={p.label}
            inputMode={p.whole === true ? 'numeric' : 'decimal'}
            value={dist.params[p.key]}
            error={problem(`${field}.${p.key}`)}
            onChange={(text) => onChange({ ...dist, params: { ...dist.params, [p.key]: text } })}
          />
        ))}
      </div>
    </fieldset>
  )
}
