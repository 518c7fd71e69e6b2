import { useId, type ReactNode } from 'react'
import { MODELS } from '../../engine/catalog/models.ts'
import type { DistDraft, GeneratorDraft, ShareDraft } from './draft.ts'
import { ARRIVAL_KINDS, arrivalSpec, DIST_KINDS, distSpec, type DistKind } from './fields.ts'
import { FormField } from './FormField.tsx'
import { ShareRows } from './ShareRows.tsx'

const MODEL_NAMES = MODELS.map((m) => m.name)

/** A new weight class ten times the heaviest so far (1, 10, 100: classes that differ clearly). */
function nextWeightClass(rows: readonly { value: string }[]) {
  const heaviest = Math.max(0, ...rows.map((r) => Number(r.value)).filter(Number.isFinite))
  return { value: String(heaviest > 0 ? heaviest * 10 : 1), share: '0.1' }
}

/** Seeds are small numbers, easy to read out in class and to type back. */
const randomSeed = () => 1 + Math.floor(Math.random() * 99_999)

interface Props {
  readonly draft: GeneratorDraft
  /** A message per field, keyed by the generator's field names (see parseDraft). */
  readonly problems: ReadonlyMap<string, string>
  onChange(patch: Partial<GeneratorDraft>): void
  /** "Seed", or what the seed is where it is used differently (a sweep's first seed). */
  readonly seedLabel?: string
  /** Shown under the task fields (a warning about size). */
  readonly children?: ReactNode
}

/**
 * The generator's fields: tasks, arrivals, token distributions, weights and models, each
 * with its problem beside it. The Generate tab and the Sweep view both use them.
 */
export function GeneratorFields({ draft, problems, onChange, seedLabel = 'Seed', children }: Props) {
  const problem = (field: string) => problems.get(field)
  const update = onChange
  return (
    <>
      <fieldset>
        <legend>Tasks</legend>
        <div className="gen-row">
          <FormField label="Task count" inputMode="numeric" value={draft.count} error={problem('count')} onChange={(count) => update({ count })} />
          <FormField label="Prefill tasks (%)" value={draft.prefillPercent} error={problem('prefillShare')} onChange={(prefillPercent) => update({ prefillPercent })} />
          <SeedField label={seedLabel} value={draft.seed} error={problem('seed')} onChange={(seed) => update({ seed })} />
        </div>
        {children}
      </fieldset>

      <ArrivalFields draft={draft} problem={problem} onChange={update} />

      <DistFields legend="Prefill tokens" field="prefillTokens" dist={draft.prefill} problem={problem} onChange={(prefill) => update({ prefill })} />
      <DistFields legend="Decode tokens" field="decodeTokens" dist={draft.decode} problem={problem} onChange={(decode) => update({ decode })} />

      <WeightFields rows={draft.weights} problems={problems} onChange={(weights) => update({ weights })} />

      <ModelFields hint="Catalog models and their share of the tasks." choices={MODEL_NAMES} rows={draft.models} problems={problems} onChange={(models) => update({ models })} />
    </>
  )
}

/** The seed and a button that draws a new one (the job and the serving generators share them). */
export function SeedField({ label, value, error, onChange }: { label: string; value: string; error: string | undefined; onChange(seed: string): void }) {
  return (
    <>
      <FormField label={label} inputMode="numeric" value={value} error={error} onChange={onChange} />
      <button type="button" className="btn gen-seed" onClick={() => onChange(String(randomSeed()))}>
        New seed
      </button>
    </>
  )
}

interface ShareFieldsProps {
  readonly rows: readonly ShareDraft[]
  /** Every problem of the form, keyed by the generator's field names. */
  readonly problems: ReadonlyMap<string, string>
  onChange(rows: ShareDraft[]): void
}

/** The weight classes and their shares. */
export function WeightFields({ rows, problems, onChange }: ShareFieldsProps) {
  return (
    <fieldset>
      <legend>Weights</legend>
      <p className="hint">Weight classes and how often each occurs (shares are relative).</p>
      <ShareRows noun="weight class" prefix="weights" rows={rows} problems={problems} onChange={onChange} newRow={nextWeightClass} />
    </fieldset>
  )
}

/** The model mix: models picked from `choices`, each with its share; a new row takes the first model not yet used. */
export function ModelFields({ hint, choices, rows, problems, onChange }: ShareFieldsProps & { hint: string; choices: readonly string[] }) {
  return (
    <fieldset>
      <legend>Models</legend>
      <p className="hint">{hint}</p>
      <ShareRows
        noun="model"
        prefix="models"
        rows={rows}
        problems={problems}
        choices={choices}
        onChange={onChange}
        newRow={(rows) => ({ value: choices.find((m) => !rows.some((r) => r.value === m)) ?? choices[0]!, share: '0.1' })}
      />
    </fieldset>
  )
}

export function KindPicker<K extends string>({ label, value, kinds, onChange }: { label: string; value: K; kinds: readonly { kind: K; label: string }[]; onChange(kind: K): void }) {
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

type ArrivalDraft = Pick<GeneratorDraft, 'arrivalKind' | 'arrivalParams'>

/** The arrival process and its parameters (the job and the serving generators share them). */
export function ArrivalFields({ draft, problem, onChange }: { draft: ArrivalDraft; problem(field: string): string | undefined; onChange(patch: Partial<ArrivalDraft>): void }) {
  const arrival = arrivalSpec(draft.arrivalKind)
  return (
    <fieldset>
      <legend>Arrivals</legend>
      <KindPicker label="Arrival process" value={draft.arrivalKind} kinds={ARRIVAL_KINDS} onChange={(arrivalKind) => onChange({ arrivalKind })} />
      <p className="hint">{arrival.about}</p>
      <div className="gen-row">
        {arrival.params.map((p) => (
          <FormField
            key={p.key}
            label={p.label}
            inputMode={p.whole === true ? 'numeric' : 'decimal'}
            value={draft.arrivalParams[p.key]}
            error={problem(`arrivals.${p.key}`)}
            onChange={(text) => onChange({ arrivalParams: { ...draft.arrivalParams, [p.key]: text } })}
          />
        ))}
      </div>
    </fieldset>
  )
}

interface DistProps {
  readonly legend: string
  /** The generator's name of the distribution, which its problems are keyed by. */
  readonly field: string
  readonly dist: DistDraft
  problem(field: string): string | undefined
  onChange(dist: DistDraft): void
}

export function DistFields({ legend, field, dist, problem, onChange }: DistProps) {
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
