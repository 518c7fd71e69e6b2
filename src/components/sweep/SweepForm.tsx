import { useId } from 'react'
import { CLUSTER_NAMES, presetCluster, resolveCluster } from '../../engine/catalog/clusters.ts'
import type { Mode } from '../../engine/types.ts'
import { findSweepParam, SWEEP_PARAMS, type SweepParamName } from '../../sweep/params.ts'
import { FormField } from '../generator/FormField.tsx'
import { GeneratorFields, KindPicker } from '../generator/GeneratorFields.tsx'
import { usePolicies } from '../use-policies.ts'
import { PARAM_RANGES, type ParsedSweepDraft, type SweepDraft } from './draft.ts'

interface Props {
  readonly draft: SweepDraft
  readonly parsed: ParsedSweepDraft
  onChange(patch: Partial<SweepDraft>): void
}

const PARAM_KINDS = SWEEP_PARAMS.map((p) => ({ kind: p.name, label: p.label }))

/** What to sweep: the parameter and its range, seeds, policies, cluster and mode; then the workload. */
export function SweepForm({ draft, parsed, onChange }: Props) {
  // Policies written by a user too: their code goes with the definition to the sweep's workers.
  const registered = usePolicies()
  const id = useId()
  const problem = (field: string) => parsed.problems.get(field)
  const param = findSweepParam(draft.param)!
  const gpus = presetCluster(draft.cluster) === undefined ? 0 : resolveCluster(presetCluster(draft.cluster)!).gpus.length
  const toggle = (name: string) =>
    onChange({ algorithms: registered.map((p) => p.name).filter((n) => (n === name ? !draft.algorithms.includes(n) : draft.algorithms.includes(n))) })
  return (
    <form className="gen-form sweep-form" aria-label="Sweep settings" onSubmit={(e) => e.preventDefault()}>
      <fieldset>
        <legend>Sweep</legend>
        <KindPicker<SweepParamName> label="Parameter" value={draft.param} kinds={PARAM_KINDS} onChange={(p) => onChange({ param: p, ...PARAM_RANGES[p] })} />
        <p className="hint" id={`${id}-about`}>
          {param.about}
        </p>
        {problem('param') !== undefined && (
          <p className="field-error" role="alert">
            {problem('param')}
          </p>
        )}
        <div className="gen-row">
          <FormField label="From" value={draft.from} error={problem('from')} onChange={(from) => onChange({ from })} />
          <FormField label="To" value={draft.to} error={problem('to')} onChange={(to) => onChange({ to })} />
          <FormField label="Points" inputMode="numeric" value={draft.points} error={problem('points')} onChange={(points) => onChange({ points })} />
          <FormField label="Seeds per point" inputMode="numeric" value={draft.seeds} error={problem('seeds')} onChange={(seeds) => onChange({ seeds })} />
        </div>
        <p className="hint">Seed s of every point is the workload's first seed + s: the points differ by the parameter, not by luck.</p>
        <div className="sweep-policies" role="group" aria-label="Sweep policies">
          {registered.map((p) => (
            <label key={p.name} className="sweep-policy" title={`${p.label}: ${p.summary}`}>
              <input type="checkbox" checked={draft.algorithms.includes(p.name)} onChange={() => toggle(p.name)} />
              <span className="swatch" style={{ background: p.color }} aria-hidden="true" />
              {p.name}
            </label>
          ))}
        </div>
        {problem('algorithms') !== undefined && <p className="field-error">{problem('algorithms')}</p>}
        <div className="gen-row">
          <div className="gen-field">
            <label htmlFor={`${id}-cluster`}>Cluster</label>
            <select id={`${id}-cluster`} value={draft.cluster} onChange={(e) => onChange({ cluster: e.target.value })}>
              {CLUSTER_NAMES.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </div>
          <KindPicker<Mode>
            label="Sweep mode"
            value={draft.mode}
            kinds={[
              { kind: 'exact', label: 'Exact' },
              { kind: 'reference', label: 'Reference' },
              { kind: 'serving', label: 'Serving' },
            ]}
            onChange={(mode) => onChange({ mode })}
          />
        </div>
        <p className="hint">
          {gpus} GPUs{draft.param === 'cluster-size' ? " (the parameter sets the count; the GPU type is the cluster's)" : ''}. Every run goes on until all its tasks have
          finished; dt and backfill are the simulator's.
          {draft.mode === 'serving' &&
            ' Serving: each task is a request (a prefill of T tokens has prompt T and 1 output token; a decode, prompt 1 and T output tokens) on the default deployments.'}
        </p>
      </fieldset>
      <details className="sweep-workload" open>
        <summary>Workload</summary>
        <p className="hint">
          {draft.param === 'rate' || draft.param === 'utilization'
            ? "The sweep sets the arrival rate at each point; the process's shape is kept."
            : 'The same workload at every point but for the parameter.'}
        </p>
        <GeneratorFields draft={draft.generator} problems={parsed.generatorProblems} seedLabel="First seed" onChange={(patch) => onChange({ generator: { ...draft.generator, ...patch } })} />
      </details>
    </form>
  )
}
