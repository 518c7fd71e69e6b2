import { useMemo } from 'react'
import { formatSweepCsv } from '../../sweep/csv.ts'
import { jobCount } from '../../sweep/definition.ts'
import { formatSweepJson } from '../../sweep/json.ts'
import { metricsFor } from '../../sweep/metrics.ts'
import type { SweepResult } from '../../sweep/result.ts'
import { sweepScenario } from '../../sweep/scenario.ts'
import { useApp, useAppStore } from '../../store/context.tsx'
import { selectActions, selectScenario } from '../../store/selectors.ts'
import { downloadText } from '../download.ts'
import { KindPicker } from '../generator/GeneratorFields.tsx'
import { createKeptSlot, useKeptState } from '../use-kept-state.ts'
import { defaultSweepDraft, parseSweepDraft, type SweepDraft } from './draft.ts'
import { SweepChart } from './SweepChart.tsx'
import { SweepForm } from './SweepForm.tsx'
import { fmtParamValue } from './series.ts'
import { SweepTable } from './SweepTable.tsx'
import '../generator.css'
import './sweep.css'

const draftSlot = createKeptSlot<SweepDraft>()

/**
 * The load sweep: the form on the left; on the right the run's progress, each policy's metric
 * against the parameter, the numbers, and the exports. A point opens its scenario (its first
 * seed) in the simulator: from the curve to the schedule.
 */
export function SweepView() {
  const store = useAppStore()
  const scenario = useApp(selectScenario)
  const actions = useApp(selectActions)
  const sweep = useApp((s) => s.sweep)
  const [draft, setDraft] = useKeptState(draftSlot, () => defaultSweepDraft(scenario))
  const { dtS, backfill } = scenario
  const custom = useApp((s) => s.customPolicies)
  const parsed = useMemo(() => parseSweepDraft(draft, { dtS, backfill }, custom), [draft, dtS, backfill, custom])
  const update = (patch: Partial<SweepDraft>) => setDraft((d) => ({ ...d, ...patch }))
  const invalid = parsed.problems.size + parsed.generatorProblems.size
  const running = sweep.status === 'running'
  const d = parsed.definition
  const result = sweep.result

  function open(r: SweepResult, point: number, algorithm?: string) {
    const def = r.definition
    const value = fmtParamValue(r.points[point]!.value)
    actions.setScenario(sweepScenario(def, point, 0), `sweep: ${def.param} ${value}, seed ${def.generator.seed}`, def.algorithms)
    if (algorithm !== undefined) actions.setFocus(algorithm)
    actions.showPage('simulator')
    store.getState().actions.setNotice(`Opened point ${point + 1} of the sweep (${def.param} ${value}) with its first seed, ${def.generator.seed}.`)
  }

  const metrics = result === null ? [] : metricsFor(result.definition.mode)
  const metric = metrics.some((m) => m.name === draft.metric) ? draft.metric : 'mean_flow'
  const base = `sweep-${d.param}`
  return (
    <div className="sweep">
      <SweepForm draft={draft} parsed={parsed} onChange={update} />
      <div className="sweep-side">
        <div className="sweep-run">
          <button type="button" className="btn primary-btn" disabled={invalid > 0 || running} onClick={() => actions.startSweep(d)}>
            Run sweep
          </button>
          {running && (
            <button type="button" className="btn" onClick={actions.cancelSweep}>
              Cancel sweep
            </button>
          )}
          <span className="hint" aria-live="polite">
            {invalid > 0
              ? `Fix the ${invalid === 1 ? 'marked field' : `${invalid} marked fields`} to run`
              : `${d.points} points × ${d.seeds} ${d.seeds === 1 ? 'seed' : 'seeds'} = ${jobCount(d)} scenarios of ${d.generator.count} tasks, each run by ${d.algorithms.length} ${d.algorithms.length === 1 ? 'policy' : 'policies'}`}
          </span>
        </div>
        <SweepStatus />
        {result !== null && (
          <section className="sweep-results" aria-label="Sweep curves">
            <div className="sweep-results-head">
              <KindPicker label="Metric" value={metric} kinds={metrics.map((m) => ({ kind: m.name, label: m.label }))} onChange={(m) => update({ metric: m })} />
              <button type="button" className="btn" disabled={!result.complete} onClick={() => downloadText(formatSweepCsv(result), `${base}.csv`, 'text/csv')}>
                Export sweep CSV
              </button>
              <button type="button" className="btn" disabled={!result.complete} onClick={() => downloadText(formatSweepJson(result), `${base}.json`, 'application/json')}>
                Export sweep JSON
              </button>
            </div>
            <SweepChart result={result} metric={metric} onPick={(a, p) => open(result, p, a)} />
            <SweepTable result={result} metric={metric} onOpen={(p) => open(result, p)} />
          </section>
        )}
      </div>
    </div>
  )
}

/** Progress while a sweep runs (with the worker count), its error, or that it was cancelled. */
function SweepStatus() {
  const sweep = useApp((s) => s.sweep)
  if (sweep.status === 'error') {
    return (
      <p className="notice error" role="alert">
        {sweep.error}
      </p>
    )
  }
  if (sweep.status === 'cancelled') return <p role="status" className="hint">Sweep cancelled: the curves show the scenarios finished before.</p>
  if (sweep.status === 'idle') return <p className="hint">Pick what to vary and press Run sweep: every point runs in parallel workers.</p>
  const label = sweep.status === 'done' ? `Done: ${sweep.total} scenarios on ${sweep.workers} ${sweep.workers === 1 ? 'worker' : 'workers'}.` : `${sweep.done} of ${sweep.total} scenarios on ${sweep.workers} workers…`
  return (
    <div className="sweep-progress" role="status">
      <progress max={Math.max(1, sweep.total)} value={sweep.done} aria-label="Sweep progress" />
      <span className="num">{label}</span>
    </div>
  )
}
