import { presetCluster } from '../../engine/catalog/clusters.ts'
import type { CustomPolicySource } from '../../engine/policies/custom.ts'
import { policies } from '../../engine/policies/registry.ts'
import type { Mode, Scenario } from '../../engine/types.ts'
import { DEFAULT_GENERATOR } from '../../engine/workloads/generator.ts'
import { checkSweep } from '../../sweep/check.ts'
import type { SweepDefinition } from '../../sweep/definition.ts'
import type { SweepParamName } from '../../sweep/params.ts'
import type { SweepPolicyCode } from '../../sweep/user-policies.ts'
import { draftFromOptions, parseDraft, type GeneratorDraft } from '../generator/draft.ts'

/** The Sweep view's form as typed (strings, so nothing typed is lost while it is invalid). */
export interface SweepDraft {
  readonly generator: GeneratorDraft
  /** A cluster preset's name. */
  readonly cluster: string
  readonly mode: Mode
  readonly param: SweepParamName
  readonly from: string
  readonly to: string
  readonly points: string
  readonly seeds: string
  readonly algorithms: readonly string[]
  /** The metric plotted (the results hold them all: changing it re-runs nothing). */
  readonly metric: string
}

/** A range worth looking at for each parameter, set when the parameter is picked. */
export const PARAM_RANGES: Readonly<Record<SweepParamName, { from: string; to: string; points: string }>> = {
  rate: { from: '1', to: '20', points: '10' },
  utilization: { from: '0.2', to: '1.2', points: '11' },
  'weight-mix': { from: '0', to: '1', points: '11' },
  tp: { from: '1', to: '4', points: '4' },
  'cluster-size': { from: '8', to: '32', points: '4' },
}

/** Starts from the simulator's cluster (when a preset) and mode, with the generator's defaults. */
export function defaultSweepDraft(scenario: Pick<Scenario, 'cluster' | 'mode'>): SweepDraft {
  return {
    generator: draftFromOptions(DEFAULT_GENERATOR),
    cluster: presetCluster(scenario.cluster.name) !== undefined ? scenario.cluster.name : 'h100_16gpu',
    mode: scenario.mode,
    param: 'rate',
    ...PARAM_RANGES.rate,
    seeds: '3',
    // With the policies written by a user (their code goes to the sweep's workers with the definition).
    algorithms: policies.names(),
    metric: 'mean_flow',
  }
}

export interface ParsedSweepDraft {
  readonly definition: SweepDefinition
  /** By the generator's field names, for its fields. */
  readonly generatorProblems: ReadonlyMap<string, string>
  /** By the definition's field names (from, points, algorithms, param...). */
  readonly problems: ReadonlyMap<string, string>
}

const num = (text: string) => (text.trim() === '' ? NaN : Number(text.trim()))

/**
 * The definition the form stands for and its problems, field by field. dt and backfill come
 * from the simulator's scenario; every run goes on until all its tasks have finished.
 */
export function parseSweepDraft(draft: SweepDraft, scenario: Pick<Scenario, 'dtS' | 'backfill'>, custom: readonly CustomPolicySource[] = []): ParsedSweepDraft {
  // The chosen policies written by a user travel with their code (sweep/user-policies.ts).
  const own = custom.filter((p) => draft.algorithms.includes(p.name)).map((source): SweepPolicyCode => ({ kind: 'key', source }))
  const generator = parseDraft(draft.generator)
  const definition: SweepDefinition = {
    generator: generator.options,
    cluster: presetCluster(draft.cluster) ?? { name: draft.cluster, groups: [] },
    mode: draft.mode,
    dtS: scenario.dtS,
    maxTimeS: Infinity,
    backfill: scenario.backfill,
    param: draft.param,
    from: num(draft.from),
    to: num(draft.to),
    points: num(draft.points),
    seeds: num(draft.seeds),
    algorithms: draft.algorithms,
    ...(own.length > 0 && { policies: own }),
  }
  const problems = new Map<string, string>()
  for (const p of checkSweep(definition)) {
    // The generator's own fields carry their problems already (parseDraft words them for the form).
    if (!p.field.startsWith('generator.') && !problems.has(p.field)) problems.set(p.field, p.message)
  }
  return { definition, generatorProblems: generator.problems, problems }
}
