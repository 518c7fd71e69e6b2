import { resolveCluster } from '../engine/catalog/clusters.ts'
import { policies } from '../engine/policies/registry.ts'
import { checkGeneratorOptions } from '../engine/workloads/generator.ts'
import { checkTiming } from '../engine/workloads/scenario-json.ts'
import { MAX_SWEEP_POINTS, MAX_SWEEP_SCENARIOS, MAX_SWEEP_SEEDS, pointValues, type SweepDefinition } from './definition.ts'
import { findSweepParam, paramValueProblem } from './params.ts'
import { paramProblems } from './scenario.ts'
import { policyCodeName } from './user-policies.ts'

export interface SweepProblem {
  /** The field, as the definition names it (`from`, `generator.count`, `algorithms`). */
  readonly field: string
  readonly message: string
}

/** Every problem of a definition, each naming its field; empty when it can run. */
export function checkSweep(d: SweepDefinition): SweepProblem[] {
  const out: SweepProblem[] = []
  const add = (field: string, message: string) => out.push({ field, message })
  for (const p of checkGeneratorOptions(d.generator)) add(`generator.${p.field}`, p.message)
  let clusterOk = true
  try {
    resolveCluster(d.cluster)
  } catch (e) {
    clusterOk = false
    add('cluster', (e as Error).message)
  }
  for (const m of checkTiming(d.dtS, d.maxTimeS)) add(m.startsWith('dt') ? 'dt' : 'maxTime', m)
  const param = findSweepParam(d.param)
  if (param === undefined) add('param', `unknown parameter '${d.param}'`)
  else {
    for (const field of ['from', 'to'] as const) {
      const why = paramValueProblem(param, d[field])
      if (why !== undefined) add(field, why)
    }
    if (param.name === 'tp' && d.mode === 'reference') add('param', 'TP changes nothing in reference mode (every task takes 2 GPUs there): use exact mode')
    if (param.name === 'tp' && d.mode === 'serving') add('param', "TP in serving mode is each deployment's, not a request's: use exact mode")
    // The parameter's own needs can only be judged of a valid generator and cluster.
    if (clusterOk && !out.some((p) => p.field.startsWith('generator.'))) for (const m of paramProblems(d)) add('param', `${param.label} ${m}`)
  }
  if (!Number.isInteger(d.points) || d.points < 1 || d.points > MAX_SWEEP_POINTS) add('points', `must be a whole number from 1 to ${MAX_SWEEP_POINTS}`)
  if (!Number.isInteger(d.seeds) || d.seeds < 1 || d.seeds > MAX_SWEEP_SEEDS) add('seeds', `must be a whole number from 1 to ${MAX_SWEEP_SEEDS}`)
  else if (d.points * d.seeds > MAX_SWEEP_SCENARIOS) add('seeds', `points × seeds is ${d.points * d.seeds}; at most ${MAX_SWEEP_SCENARIOS.toLocaleString('en-US')} scenarios`)
  if (param !== undefined && !out.some((p) => ['from', 'to', 'points'].includes(p.field)) && d.points > 1) {
    const values = pointValues(d)
    if (new Set(values).size < values.length) {
      add('points', d.from === d.to ? 'from and to are equal: use 1 point' : `${d.points} points repeat values (${param.label} takes whole values only, ${d.from} to ${d.to})`)
    }
  }
  if (d.algorithms.length === 0) add('algorithms', 'choose at least one policy')
  // A policy written by a user runs from the code the definition carries (workers know only the built-ins).
  const own = (d.policies ?? []).map(policyCodeName)
  const builtIn = (a: string) => policies.has(a) && policies.get(a).userCode !== true
  for (const a of d.algorithms) {
    if (!builtIn(a) && !own.includes(a)) add('algorithms', `unknown policy '${a}' (known: ${[...policies.names().filter(builtIn), ...own].join(', ')})`)
  }
  for (const name of own) if (builtIn(name)) add('policies', `${name} is the name of a built-in policy: rename the policy written by a user`)
  if (new Set(d.algorithms).size < d.algorithms.length) add('algorithms', 'a policy is named twice')
  return out
}

/** Throws with the first problem (callers that show every field check first). */
export function assertSweep(d: SweepDefinition): void {
  const problems = checkSweep(d)
  if (problems.length > 0) throw new Error(`sweep ${problems[0]!.field}: ${problems[0]!.message}`)
}
