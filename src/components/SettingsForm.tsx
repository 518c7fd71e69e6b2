import { useEffect, useMemo, useState } from 'react'
import { MAX_CLUSTER_GPUS, resolveCluster } from '../engine/catalog/clusters.ts'
import { GPU_TYPES } from '../engine/catalog/gpus.ts'
import { presetOf } from '../engine/modes/mode.ts'
import type { GpuGroupSpec, Mode } from '../engine/types.ts'
import { checkScale } from '../engine/workloads/limits.ts'
import { checkTiming } from '../engine/workloads/scenario-json.ts'
import { useApp } from '../store/context.tsx'
import { selectActions, selectScenario, selectScenarioLabel } from '../store/selectors.ts'

interface GroupDraft {
  readonly gpu: string
  readonly count: string
}

const isWhole = (s: string) => /^\d+$/.test(s.trim())

/** Cluster (custom GPU types × counts), time step, horizon and accounting for the scenario. */
export function SettingsForm() {
  const scenario = useApp(selectScenario)
  const label = useApp(selectScenarioLabel)
  const a = useApp(selectActions)

  const [groups, setGroups] = useState<GroupDraft[]>(() => scenario.cluster.groups.map((g) => ({ gpu: g.gpu, count: String(g.count) })))
  const [dt, setDt] = useState(String(scenario.dtS))
  const [maxTime, setMaxTime] = useState(Number.isFinite(scenario.maxTimeS) ? String(scenario.maxTimeS) : '5')
  const [untilDone, setUntilDone] = useState(!Number.isFinite(scenario.maxTimeS))

  // Follow changes made elsewhere (the header's cluster picker, undo, an import).
  useEffect(() => setGroups(scenario.cluster.groups.map((g) => ({ gpu: g.gpu, count: String(g.count) }))), [scenario.cluster])
  useEffect(() => setDt(String(scenario.dtS)), [scenario.dtS])
  useEffect(() => {
    setUntilDone(!Number.isFinite(scenario.maxTimeS))
    if (Number.isFinite(scenario.maxTimeS)) setMaxTime(String(scenario.maxTimeS))
  }, [scenario.maxTimeS])

  const clusterCheck = useMemo(() => {
    const bad = groups.findIndex((g) => !isWhole(g.count) || Number(g.count) < 1)
    if (bad >= 0) return { error: `GPU count in row ${bad + 1} must be a whole number ≥ 1`, cluster: null }
    try {
      const spec = { name: 'custom', groups: groups.map((g): GpuGroupSpec => ({ gpu: g.gpu, count: Number(g.count) })) }
      return { error: null, cluster: resolveCluster(spec), spec }
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e), cluster: null }
    }
  }, [groups])

  const dtS = Number(dt)
  const maxS = untilDone ? Infinity : Number(maxTime)
  // The engine's own checks, worded as it words them: the fields' limits, then the steps this
  // workload could take with them (checkScale walks the tasks: once per change, not per render).
  const timingProblems = useMemo(() => {
    if (dt.trim() === '' || (!untilDone && maxTime.trim() === '')) return ['enter a number']
    const fields = checkTiming(dtS, maxS)
    return fields.length > 0 ? fields : checkScale({ dtS, maxTimeS: maxS, tasks: scenario.tasks }).map((m) => `the scenario ${m}`)
  }, [dt, maxTime, untilDone, dtS, maxS, scenario.tasks])

  function applyTiming(nextDt: string, nextMax: string, nextUntil: boolean) {
    const d = Number(nextDt)
    const m = nextUntil ? Infinity : Number(nextMax)
    if (nextDt.trim() === '' || (!nextUntil && nextMax.trim() === '') || checkTiming(d, m).length > 0) return
    if (checkScale({ dtS: d, maxTimeS: m, tasks: scenario.tasks }).length > 0) return
    if (d !== scenario.dtS || m !== scenario.maxTimeS) a.setScenario({ ...scenario, dtS: d, maxTimeS: m }, label)
  }

  const c = clusterCheck.cluster
  const memoryTB = c === null ? 0 : c.gpus.reduce((sum, g) => sum + g.memoryGB, 0) / 1000
  return (
    <div className="settings-form">
      <fieldset>
        <legend>Custom cluster</legend>
        <p className="hint">GPUs of one type are grouped into nodes of 8; a TP group must fit inside one node.</p>
        {groups.map((g, i) => (
          <div key={i} className="group-row">
            <label>
              GPU type
              <select
                value={g.gpu}
                onChange={(e) => setGroups(groups.map((x, j) => (j === i ? { ...x, gpu: e.target.value } : x)))}
              >
                {GPU_TYPES.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              GPU count
              <input
                inputMode="numeric"
                value={g.count}
                aria-invalid={!isWhole(g.count) || Number(g.count) < 1 || clusterCheck.cluster === null}
                onChange={(e) => setGroups(groups.map((x, j) => (j === i ? { ...x, count: e.target.value } : x)))}
              />
            </label>
            <button type="button" className="btn" disabled={groups.length === 1} onClick={() => setGroups(groups.filter((_, j) => j !== i))} aria-label={`Remove GPU group ${i + 1}`}>
              Remove
            </button>
          </div>
        ))}
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => setGroups([...groups, { gpu: 'A100-80GB', count: '8' }])}>
            Add GPU type
          </button>
          <button
            type="button"
            className="btn primary-btn"
            disabled={clusterCheck.cluster === null}
            onClick={() => clusterCheck.spec !== undefined && a.setCluster(clusterCheck.spec)}
          >
            Use this cluster
          </button>
          <span className="readout num" aria-live="polite">
            {c === null ? (
              <span className="field-error">{clusterCheck.error}</span>
            ) : (
              `${c.gpus.length} GPUs · ${c.nodes.length} ${c.nodes.length === 1 ? 'node' : 'nodes'} · ${memoryTB.toFixed(2)} TB GPU memory (max ${MAX_CLUSTER_GPUS} GPUs)`
            )}
          </span>
        </div>
      </fieldset>

      <fieldset>
        <legend>Time</legend>
        <div className="group-row">
          <label>
            Step dt (s)
            <input
              inputMode="decimal"
              value={dt}
              aria-invalid={timingProblems.length > 0}
              onChange={(e) => {
                setDt(e.target.value)
                applyTiming(e.target.value, maxTime, untilDone)
              }}
            />
          </label>
          <label>
            Max time (s)
            <input
              inputMode="decimal"
              value={maxTime}
              disabled={untilDone}
              onChange={(e) => {
                setMaxTime(e.target.value)
                applyTiming(dt, e.target.value, untilDone)
              }}
            />
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={untilDone}
              onChange={(e) => {
                setUntilDone(e.target.checked)
                applyTiming(dt, maxTime, e.target.checked)
              }}
            />
            until all tasks finish
          </label>
        </div>
        {timingProblems.length > 0 && (
          <p className="field-error" role="alert">
            {timingProblems.join('; ')} (the simulation keeps the last valid values)
          </p>
        )}
      </fieldset>

      <fieldset>
        <legend>Accounting and placement</legend>
        <p className="radio-title">Accounting</p>
        <div className="radio-row" role="radiogroup" aria-label="Accounting">
          <label>
            <input type="radio" name="accounting" checked={scenario.mode === 'exact'} onChange={() => a.setMode('exact')} />
            Exact (default): TP groups inside a node, exact GPU counts
          </label>
          <label>
            <input type="radio" name="accounting" checked={scenario.mode === 'reference'} onChange={() => a.setMode('reference')} />
            The reference simulator's accounting, quirks included
          </label>
        </div>
        <p className="radio-title">When the policy's best task does not fit</p>
        <div className="radio-row" role="radiogroup" aria-label="Placement">
          <label>
            <input type="radio" name="placement" checked={scenario.backfill} onChange={() => a.setBackfill(true)} disabled={!presetOf(scenario.mode).strictAllowed} />
            Backfill: skip tasks that do not fit now, start the next that does
          </label>
          <label>
            <input type="radio" name="placement" checked={!scenario.backfill} onChange={() => a.setBackfill(false)} disabled={!presetOf(scenario.mode).strictAllowed} />
            Strict priority: wait for the first task in the policy's order
          </label>
        </div>
        <label className="switch" title="A waiting task that ranks ahead of running ones may stop them; they resume later with the work they have left">
          <input
            type="checkbox"
            role="switch"
            checked={scenario.preemptive === true}
            disabled={!canPreempt(scenario.mode)}
            onChange={(e) => a.setPreemptive(e.target.checked)}
          />
          Preemptive
        </label>
        <p className="hint">
          Preemptive (exact mode): at a step where a task arrives or completes, a waiting task that ranks ahead of running
          ones may stop the last-ranked of them to make room; they wait again and resume later with the work they have left.
        </p>
        <p className="hint">Choose the algorithms to compare in the header.</p>
      </fieldset>
    </div>
  )
}

/** Whether a mode has the preemptive option (exact: yes; the reference and serving never use it). */
function canPreempt(mode: Mode): boolean {
  const preset = presetOf(mode)
  return preset.kind === 'jobs' && preset.preemptAllowed
}
