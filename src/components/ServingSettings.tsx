import { useEffect, useId, useMemo, useState } from 'react'
import { MODELS } from '../engine/catalog/models.ts'
import { previewServing } from '../engine/serving/preview.ts'
import { useApp } from '../store/context.tsx'
import { selectActions, selectScenario, selectScenarioLabel } from '../store/selectors.ts'
import { draftOf, issueKey, KNOB_DEFAULTS, KNOBS, optionsOf, SLO_FIELDS, type DeploymentDraft, type Knob, type ServingDraft, type SloField } from './serving-settings/draft.ts'
import { editedLabel } from './task-table/edits.ts'
import './serving-settings.css'

const HINTS: Readonly<Record<Knob | SloField, string>> = {
  maxNumSeqs: 'most requests running on one replica',
  maxBatchedTokens: 'token budget of one iteration',
  blockSize: 'KV-cache block, tokens',
  gpuMemoryUtilization: 'share of each GPU for weights + KV cache',
  mfu: 'share of peak FLOP/s an iteration reaches',
  mbu: 'share of memory bandwidth an iteration reaches',
  iterationOverheadS: 'fixed time of each iteration, s',
  allReduceLatencyS: 'latency of one TP all-reduce, s',
  ttftS: 'SLO: time to first token, s',
  tpotS: 'SLO: time per output token, s',
}

/**
 * Serving mode's settings: deployments (model × TP × replicas), the batching knobs, the
 * step-time parameters and the SLOs. Every draft is checked and placed as a run would be
 * (engine/serving/preview.ts), showing each replica's KV pool or each refusal on its field;
 * Apply sets the scenario (one undo step) only when nothing is refused.
 */
export function ServingSettings() {
  const scenario = useApp(selectScenario)
  const label = useApp(selectScenarioLabel)
  const a = useApp(selectActions)
  const [draft, setDraft] = useState<ServingDraft>(() => draftOf(scenario.serving))
  const idBase = useId()
  // Follow changes made elsewhere (undo, an import, a built-in scenario).
  useEffect(() => setDraft(draftOf(scenario.serving)), [scenario.serving])

  const { options, issues: parseIssues } = useMemo(() => optionsOf(draft, scenario.serving), [draft, scenario.serving])
  const preview = useMemo(() => (parseIssues.length > 0 ? null : previewServing({ ...scenario, serving: options })), [parseIssues, scenario, options])
  const issues = preview === null ? parseIssues : [...preview.issues]
  const byKey = new Map<string, string>()
  for (const i of issues) byKey.set(issueKey(i), `${issueKey(i)} ${i.value === '' ? '(empty)' : `= ${i.value}`}: ${i.message}`)

  const setValue = (k: Knob | SloField, text: string) => setDraft({ ...draft, values: { ...draft.values, [k]: text } })
  const setRow = (i: number, row: Partial<DeploymentDraft>) => setDraft({ ...draft, deployments: draft.deployments.map((d, j) => (j === i ? { ...d, ...row } : d)) })
  const errorId = (key: string) => `${idBase}-${key.replace(/[^\w]/g, '_')}`
  const field = (key: string) => ({
    'aria-invalid': byKey.has(key) ? true : undefined,
    'aria-describedby': byKey.has(key) ? errorId(key) : undefined,
  })
  const fieldError = (key: string) =>
    byKey.has(key) ? (
      <span key={key} id={errorId(key)} className="field-error">
        {byKey.get(key)}
      </span>
    ) : null

  const knobInput = (k: Knob | SloField) => (
    <label key={k} title={HINTS[k]}>
      {k}
      <input inputMode="decimal" value={draft.values[k]} placeholder={String(KNOB_DEFAULTS[k])} onChange={(e) => setValue(k, e.target.value)} {...field(k === 'ttftS' || k === 'tpotS' ? `slo.${k}` : k)} />
      {fieldError(k === 'ttftS' || k === 'tpotS' ? `slo.${k}` : k)}
    </label>
  )

  // The scenario's settings read through the form, so key order and untouched fields compare equal.
  const applied = useMemo(() => optionsOf(draftOf(scenario.serving), scenario.serving).options, [scenario.serving])
  const unchanged = JSON.stringify(options) === JSON.stringify(applied)
  const modelNames = [...(scenario.models ?? []).map((m) => m.name), ...MODELS.map((m) => m.name)]
  return (
    <div className="settings-form serving-settings">
      <fieldset>
        <legend>Deployments</legend>
        <p className="hint">
          Each deployment runs its model as replicas of TP GPUs inside one node. With none, each model of the requests gets exact mode&apos;s TP, then one
          replica of each in turn while any fits.
        </p>
        {draft.deployments.map((d, i) => (
          <div key={i} className="group-row">
            <label>
              Model
              <input aria-label={`Model of deployment ${i + 1}`} list={`${idBase}-models`} value={d.model} onChange={(e) => setRow(i, { model: e.target.value })} {...field(`deployments[${i}].model`)} />
            </label>
            <label>
              TP
              <input aria-label={`TP of deployment ${i + 1}`} inputMode="numeric" value={d.tp} onChange={(e) => setRow(i, { tp: e.target.value })} {...field(`deployments[${i}].tp`)} />
            </label>
            <label>
              Replicas
              <input aria-label={`Replicas of deployment ${i + 1}`} inputMode="numeric" value={d.replicas} onChange={(e) => setRow(i, { replicas: e.target.value })} {...field(`deployments[${i}].replicas`)} />
            </label>
            <button type="button" className="btn" aria-label={`Remove deployment ${i + 1}`} onClick={() => setDraft({ ...draft, deployments: draft.deployments.filter((_, j) => j !== i) })}>
              Remove
            </button>
            {(['model', 'tp', 'replicas', 'dtype', 'kvCacheDtype'] as const).map((f) => fieldError(`deployments[${i}].${f}`))}
          </div>
        ))}
        <datalist id={`${idBase}-models`}>
          {modelNames.map((m, i) => (
            <option key={`${i}:${m}`} value={m} />
          ))}
        </datalist>
        <div className="form-actions">
          <button
            type="button"
            className="btn"
            onClick={() => setDraft({ ...draft, deployments: [...draft.deployments, { model: scenario.tasks[0]?.model ?? 'Llama3-8B', tp: '1', replicas: '1' }] })}
          >
            Add deployment
          </button>
        </div>
      </fieldset>

      <fieldset>
        <legend>Batching</legend>
        <div className="group-row">{(['maxNumSeqs', 'maxBatchedTokens', 'blockSize', 'gpuMemoryUtilization'] as const).map(knobInput)}</div>
      </fieldset>
      <fieldset>
        <legend>Step time</legend>
        <div className="group-row">{KNOBS.filter((k) => ['mfu', 'mbu', 'iterationOverheadS', 'allReduceLatencyS'].includes(k)).map(knobInput)}</div>
      </fieldset>
      <fieldset>
        <legend>SLOs</legend>
        <div className="group-row">{SLO_FIELDS.map(knobInput)}</div>
        <p className="hint">Empty boxes use the defaults shown in grey.</p>
      </fieldset>

      <div className="form-actions">
        <button
          type="button"
          className="btn primary-btn"
          disabled={issues.length > 0 || unchanged}
          onClick={() => a.setScenario({ ...scenario, serving: options }, editedLabel(label))}
        >
          Apply serving settings
        </button>
        <span className="readout" aria-live="polite">
          {issues.length > 0 ? `${issues.length} ${issues.length === 1 ? 'problem' : 'problems'}: the scenario keeps its last valid settings` : unchanged ? 'Applied' : 'Not applied yet'}
        </span>
      </div>
      {issues.length > 0 && (
        <ul className="field-error" role="alert" aria-label="Serving settings problems">
          {issues.map((i, k) => (
            <li key={k}>{byKey.get(issueKey(i))}</li>
          ))}
        </ul>
      )}
      {preview !== null && preview.replicas.length > 0 && (
        <table className="kv-pool-table" aria-label="KV pool per replica">
          <thead>
            <tr>
              <th scope="col">Replica</th>
              <th scope="col">Model</th>
              <th scope="col">TP</th>
              <th scope="col">GPUs</th>
              <th scope="col" className="num">KV blocks</th>
              <th scope="col" className="num">KV tokens</th>
            </tr>
          </thead>
          <tbody>
            {preview.replicas.map((r) => (
              <tr key={r.index}>
                <td>{r.index}</td>
                <td>{r.model}</td>
                <td className="num">{r.tp}</td>
                <td>
                  {r.gpus.join(', ')} ({r.gpu.label})
                </td>
                <td className="num">{r.blocks.toLocaleString('en-US')}</td>
                <td className="num">{(r.blocks * preview.blockSize).toLocaleString('en-US')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
