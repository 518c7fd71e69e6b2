import { SERVING_DEFAULTS } from '../../engine/serving/config.ts'
import type { DeploymentSpec, ServingOptions } from '../../engine/serving/types.ts'
import type { InputIssue } from '../../engine/workloads/errors.ts'

/** The knobs the form edits, in the README's order; each empty box stands for its default. */
export const KNOBS = ['maxNumSeqs', 'maxBatchedTokens', 'blockSize', 'gpuMemoryUtilization', 'mfu', 'mbu', 'iterationOverheadS', 'allReduceLatencyS'] as const
export type Knob = (typeof KNOBS)[number]
export const SLO_FIELDS = ['ttftS', 'tpotS'] as const
export type SloField = (typeof SLO_FIELDS)[number]

export const KNOB_DEFAULTS: Readonly<Record<Knob | SloField, number>> = { ...SERVING_DEFAULTS, ...SERVING_DEFAULTS.slo }

export interface DeploymentDraft {
  readonly model: string
  readonly tp: string
  readonly replicas: string
  /** Kept as the scenario had them; the form does not edit precisions. */
  readonly dtype?: DeploymentSpec['dtype']
  readonly kvCacheDtype?: DeploymentSpec['kvCacheDtype']
}

export interface ServingDraft {
  readonly deployments: readonly DeploymentDraft[]
  /** Text per knob and SLO field; '' = the default. */
  readonly values: Readonly<Record<Knob | SloField, string>>
  /** allReduceBusGBs as typed; '' = each GPU type's own (catalog/gpu-serving.ts). */
  readonly busGBs: string
}

export function draftOf(options: ServingOptions | undefined): ServingDraft {
  const o = options ?? {}
  const text = (x: number | undefined) => (x === undefined ? '' : String(x))
  const values = Object.fromEntries([...KNOBS.map((k) => [k, text(o[k])]), ...SLO_FIELDS.map((k) => [k, text(o.slo?.[k])])]) as Record<Knob | SloField, string>
  const deployments = (o.deployments ?? []).map((d) => ({ model: d.model, tp: String(d.tp), replicas: String(d.replicas), ...(d.dtype === undefined ? {} : { dtype: d.dtype }), ...(d.kvCacheDtype === undefined ? {} : { kvCacheDtype: d.kvCacheDtype }) }))
  return { deployments, values, busGBs: text(o.allReduceBusGBs) }
}

/** Where an issue belongs in the form: `mfu`, `slo.ttftS`, `deployments[0].tp`. */
export function issueKey(issue: InputIssue): string {
  const where = issue.where.replace(/^serving\./, '')
  return issue.field === undefined ? where : `${where}.${issue.field}`
}

/**
 * The draft as the scenario's `serving` object (keys the user left empty are left out, so the
 * engine's defaults apply). Text that is not a number is an issue named as the engine names
 * its fields.
 */
export function optionsOf(draft: ServingDraft): { options: ServingOptions; issues: InputIssue[] } {
  const issues: InputIssue[] = []
  const read = (where: string, text: string, field?: string): number | undefined => {
    const t = text.trim()
    if (t === '') return undefined
    const x = Number(t)
    if (Number.isNaN(x)) issues.push({ where, ...(field === undefined ? {} : { field }), value: t, message: 'must be a number' })
    return x
  }
  const out: Record<string, unknown> = {}
  for (const k of KNOBS) {
    const x = read(`serving.${k}`, draft.values[k])
    if (x !== undefined) out[k] = x
    if (k === 'allReduceLatencyS') {
      const bus = read('serving.allReduceBusGBs', draft.busGBs)
      if (bus !== undefined) out.allReduceBusGBs = bus
    }
  }
  const slo: Record<string, number> = {}
  for (const k of SLO_FIELDS) {
    const x = read(`serving.slo.${k}`, draft.values[k])
    if (x !== undefined) slo[k] = x
  }
  // The scenario's slo holds both targets: one left empty is written as its default.
  if (Object.keys(slo).length > 0) out.slo = { ttftS: slo.ttftS ?? KNOB_DEFAULTS.ttftS, tpotS: slo.tpotS ?? KNOB_DEFAULTS.tpotS }
  if (draft.deployments.length > 0) {
    out.deployments = draft.deployments.map((d, i) => {
      const where = `serving.deployments[${i}]`
      const tp = read(where, d.tp, 'tp') ?? NaN
      const replicas = read(where, d.replicas, 'replicas') ?? NaN
      if (d.tp.trim() === '') issues.push({ where, field: 'tp', value: '', message: 'is empty: enter a whole number of GPUs' })
      if (d.replicas.trim() === '') issues.push({ where, field: 'replicas', value: '', message: 'is empty: enter a whole number' })
      return { model: d.model.trim(), tp, replicas, ...(d.dtype === undefined ? {} : { dtype: d.dtype }), ...(d.kvCacheDtype === undefined ? {} : { kvCacheDtype: d.kvCacheDtype }) }
    })
  }
  return { options: out as ServingOptions, issues }
}
