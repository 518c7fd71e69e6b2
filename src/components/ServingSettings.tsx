import { useEffect, useId, useMemo, useState } from 'react'
import { MODELS } from '../engine/catalog/models.ts'
import { resolveCluster } from '../engine/catalog/clusters.ts'
import { gpuServingFigures } from '../engine/catalog/gpu-serving.ts'
import { previewServing } from '../engine/serving/preview.ts'
import type { ServingModel } from '../engine/serving/types.ts'
import type { Scenario } from '../engine/types.ts'
import { useApp } from '../store/context.tsx'
import { selectActions, selectScenario, selectScenarioLabel } from '../store/selectors.ts'
import { draftOf, issueKey, KNOB_DEFAULTS, KNOBS, optionsOf, SLO_FIELDS, type DeploymentDraft, type Knob, type ServingDraft, type SloField } from './serving-settings/draft.ts'
import { GpuMap } from './serving-settings/GpuMap.tsx'
import { modelDraftsOf, modelsOf, type ModelDraft } from './serving-settings/models-draft.ts'
import { ModelsFieldset } from './serving-settings/ModelsFieldset.tsx'
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

/** The scenario with these models of its own (none: no `models` key, as a file without them reads). */
function withModels(scenario: Scenario, models: readonly ServingModel[]): Scenario {
  const rest = { ...scenario }
  delete rest.models
  return models.length > 0 ? { ...rest, models } : rest
}

/**
 * Serving mode's settings: deployments (model × TP × replicas), the scenario's own models, the
 * batching knobs, the step-time parameters and the SLOs. Every draft is checked and placed as a
 * run would be (engine/serving/preview.ts), showing the GPU map, each replica's KV pool and each
 * refusal on its field; Apply sets the scenario (one undo step) only when nothing is refused.
 */
export function ServingSettings() {
  const scenario = useApp(selectScenario)
  const label = useApp(selectScenarioLabel)
  const a = useApp(selectActions)
  const [draft, setDraft] = useState<ServingDraft>(() => draftOf(scenario.serving))
  const idBase = useId()
  // Follow changes made elsewhere (undo, an import, a built-in scenario).
  useEffect(() => setDraft(draftOf(scenario.serving)), [scenario.serving])
  const [modelDrafts, setModelDrafts] = useState<ModelDraft[]>(() => modelDraftsOf(scenario.models))
  useEffect(() => setModelDrafts(modelDraftsOf(scenario.models)), [scenario.models])

  const { options, issues: optionIssues } = useMemo(() => optionsOf(draft), [draft])
  const { models, issues: modelIssues } = useMemo(() => modelsOf(modelDrafts), [modelDrafts])
  const parseIssues = [...modelIssues, ...optionIssues]
  const preview = useMemo(
    () => (optionIssues.length > 0 || modelIssues.length > 0 ? null : previewServing(withModels({ ...scenario, serving: options }, models))),
    [optionIssues, modelIssues, scenario, options, models],
  )
  const cluster = useMemo(() => resolveCluster(scenario.cluster), [scenario.cluster])
  // The bus bandwidth's default is per GPU type: one number, or each type's.
  const busDefault = [...new Set(cluster.nodes.map((n) => n.gpu))].map((g, _, all) => `${gpuServingFigures(g.id).allReduceBusGBs}${all.length > 1 ? ` (${g.label})` : ''}`).join(', ')
  const issues = preview === null ? parseIssues : [...preview.issues]
  const refused = new Map<number, string>()
  for (const i of issues) {
    const m = /^serving\.deployments\[(\d+)\]$/.exec(i.where)
    if (m !== null) refused.set(Number(m[1]), i.message)
  }
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
  const applied = useMemo(() => optionsOf(draftOf(scenario.serving)).options, [scenario.serving])
  const appliedModels = useMemo(() => modelsOf(modelDraftsOf(scenario.models)).models, [scenario.models])
  const unchanged = JSON.stringify(options) === JSON.stringify(applied) && JSON.stringify(models) === JSON.stringify(appliedModels)
  const modelNames = [...models.map((m) => m.name), ...MODELS.map((m) => m.name)]
  return (
    <div className="settings-form serving-settings">
      <fieldset className="deployments-fieldset">
        <legend>Deployments</legend>
        <p className="hint">
          Each deployment runs its model as replicas of TP GPUs inside one node. With none, each model of the requests gets exact mode&apos;s TP, then one
          replica of each in turn while any fits.
        </p>
        {draft.deployments.map((d, i) => (
          <div key={i} className="group-row deployment-row">
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
            {(['dtype', 'kvCacheDtype'] as const).map((f) => (
              <label key={f}>
                {f === 'dtype' ? 'Weights' : 'KV cache'}
                <select
                  aria-label={`${f === 'dtype' ? 'Weights' : 'KV cache'} of deployment ${i + 1}`}
                  value={d[f] ?? 'bf16'}
                  onChange={(e) => setRow(i, { [f]: e.target.value === 'fp8' ? 'fp8' : undefined })}
                  {...field(`deployments[${i}].${f}`)}
                >
                  <option value="bf16">bf16</option>
                  <option value="fp8">fp8</option>
                </select>
              </label>
            ))}
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

      <ModelsFieldset drafts={modelDrafts} onChange={setModelDrafts} field={field} fieldError={fieldError} />

      <fieldset>
        <legend>Batching</legend>
        <div className="group-row">{(['maxNumSeqs', 'maxBatchedTokens', 'blockSize', 'gpuMemoryUtilization'] as const).map(knobInput)}</div>
      </fieldset>
      <fieldset>
        <legend>Step time</legend>
        <div className="group-row">
          {KNOBS.filter((k) => ['mfu', 'mbu', 'iterationOverheadS', 'allReduceLatencyS'].includes(k)).map(knobInput)}
          <label title="all-reduce bus bandwidth, GB/s; empty: each GPU type's own">
            allReduceBusGBs
            <input inputMode="decimal" value={draft.busGBs} placeholder={busDefault} onChange={(e) => setDraft({ ...draft, busGBs: e.target.value })} {...field('allReduceBusGBs')} />
            {fieldError('allReduceBusGBs')}
          </label>
        </div>
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
          onClick={() => a.setScenario(withModels({ ...scenario, serving: options }, models), editedLabel(label))}
        >
          Apply serving settings
        </button>
        <span className="readout" aria-live="polite">
          {issues.length > 0 ? `${issues.length} ${issues.length === 1 ? 'problem' : 'problems'}: the scenario keeps its last valid settings` : unchanged ? 'Applied' : 'Not applied yet'}
        </span>
      </div>
      {issues.length > 0 && (
        // The alert wraps the list: a ul may not take the alert role (axe aria-allowed-role).
        <div className="field-error serving-problems" role="alert" aria-label="Serving settings problems">
          <ul>
            {issues.map((i, k) => (
              <li key={k}>{byKey.get(issueKey(i))}</li>
            ))}
          </ul>
        </div>
      )}
      {preview !== null && <GpuMap cluster={cluster} preview={preview} refused={refused} />}
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
