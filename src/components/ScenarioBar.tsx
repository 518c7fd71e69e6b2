import { useState } from 'react'
import { createPortal } from 'react-dom'
import { CLUSTER_NAMES, presetCluster, resolveCluster } from '../engine/catalog/clusters.ts'
import { builtInWorkload } from '../engine/workloads/presets.ts'
import { TEACHING_SCENARIOS, teachingScenario } from '../engine/workloads/scenarios.ts'
import { useApp, useAppStore } from '../store/context.tsx'
import { CopyLinkButton } from './CopyLinkButton.tsx'
import { PolicyEditor } from './PolicyEditor.tsx'
import { BUILT_IN_NAMES, fetchSample, SAMPLE_FILES, SERVING_NAMES } from './samples.ts'
import { importWorkloadFile } from './use-import.ts'
import { SERVING_SCENARIOS } from '../engine/workloads/serving-presets.ts'
import { usePolicies } from './use-policies.ts'
import type { Mode } from '../engine/types.ts'
import { selectActions, selectAlgorithms, selectScenario, selectScenarioLabel } from '../store/selectors.ts'

/** The modes, as the CLI's --mode names them, and their labels (stable names). */
const MODE_OPTIONS: readonly (readonly [Mode, string])[] = [
  ['exact', 'Exact'],
  ['reference', 'Reference'],
  ['serving', 'Serving'],
]

/** Scenario, cluster, mode and algorithm set: everything that re-runs the simulation. */
export function ScenarioBar() {
  const store = useAppStore()
  const scenario = useApp(selectScenario)
  const label = useApp(selectScenarioLabel)
  const algorithms = useApp(selectAlgorithms)
  const a = useApp(selectActions)
  const registered = usePolicies()
  const [loadError, setLoadError] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [editing, setEditing] = useState(false)
  const known = [...BUILT_IN_NAMES, ...SERVING_NAMES, ...TEACHING_SCENARIOS.map((t) => t.name), ...SAMPLE_FILES]
  const teaching = teachingScenario(label)

  async function pick(name: string) {
    const servingScenario = SERVING_SCENARIOS[name]
    // A serving scenario comes whole: mode, cluster, deployments and requests.
    if (servingScenario !== undefined) return a.setScenario(servingScenario(), name)
    // A teaching scenario brings its own cluster and settings.
    const whole = teachingScenario(name)
    if (whole !== undefined) {
      setLoadError(null)
      a.setScenario(whole.scenario(), name)
      return
    }
    setLoading(true)
    setLoadError(null)
    try {
      const builtIn = builtInWorkload(name)
      // A sample is imported as the file it is: the same checks, horizon and notice.
      if (builtIn === undefined) await importWorkloadFile(store, await fetchSample(name))
      else a.setWorkload(builtIn, name, name, { name, undoes: 'the change' })
    } catch (e) {
      setLoadError(e instanceof Error ? e.message : String(e))
    } finally {
      setLoading(false)
    }
  }

  const cluster = resolveCluster(scenario.cluster)
  const isPreset = presetCluster(scenario.cluster.name) !== undefined
  return (
    <div className="scenario-bar">
      <label className="field scenario-field">
        Scenario
        <select value={known.includes(label) ? label : ''} onChange={(e) => void pick(e.target.value)} disabled={loading} title={teaching?.description}>
          {!known.includes(label) && <option value="">{label}</option>}
          <optgroup label="Built-in">
            {BUILT_IN_NAMES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </optgroup>
          <optgroup label="Serving">
            {SERVING_NAMES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </optgroup>
          <optgroup label="Teaching (≤ 10 tasks, own cluster)">
            {TEACHING_SCENARIOS.map((t) => (
              <option key={t.name} value={t.name} title={t.description}>
                {t.name}
              </option>
            ))}
          </optgroup>
          <optgroup label="Reference samples">
            {SAMPLE_FILES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      <label className="field cluster-field">
        Cluster
        <select
          value={isPreset ? scenario.cluster.name : ''}
          onChange={(e) => a.setCluster(presetCluster(e.target.value)!)}
        >
          {!isPreset && <option value="">custom</option>}
          {CLUSTER_NAMES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <span className="field num scenario-size" title="GPUs and nodes (8 GPUs of one type per node)">
        {cluster.gpus.length} GPUs · {cluster.nodes.length} {cluster.nodes.length === 1 ? 'node' : 'nodes'} · {scenario.tasks.length} tasks
      </span>
      <div className="algo-toggles" role="group" aria-label="Algorithms">
        {registered.map((p) => (
          <label key={p.name} className="chip-toggle" title={`${p.label}: ${p.summary}`}>
            <input type="checkbox" checked={algorithms.includes(p.name)} onChange={() => a.toggleAlgorithm(p.name)} />
            <span className="swatch" style={{ background: p.color }} aria-hidden="true" />
            {p.name}
          </label>
        ))}
      </div>
      <label className="field" title="Exact: the corrected job model; Reference: the Python simulator's accounting; Serving: requests on replicas with continuous batching and a KV cache">
        Mode
        <select value={scenario.mode} onChange={(e) => a.setMode(e.target.value as Mode)}>
          {MODE_OPTIONS.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="icon-button" title="Write your own policy: a key over each waiting task" onClick={() => setEditing(true)}>
        Write a policy…
      </button>
      {/* In the page's body: the header's colours are not a dialog's. */}
      {editing && createPortal(<PolicyEditor onClose={() => setEditing(false)} />, document.body)}
      <label className="switch" title="Re-run with the Python reference simulator's accounting, quirks included">
        <input
          type="checkbox"
          role="switch"
          checked={scenario.mode === 'reference'}
          onChange={(e) => a.setMode(e.target.checked ? 'reference' : 'exact')}
        />
        Reference mode
      </label>
      <CopyLinkButton />
      {teaching !== undefined && <p className="scenario-note">{teaching.description}</p>}
      {loadError !== null && (
        <span className="notice error" role="alert">
          {loadError}
        </span>
      )}
    </div>
  )
}
