import { resolveCluster, type Cluster } from '../catalog/clusters.ts'
import { serving, type ServingPreset } from '../modes/serving.ts'
import { arrivalOrder } from '../sim-task.ts'
import type { Scenario, TaskSpec } from '../types.ts'
import { InputError, type InputIssue } from '../workloads/errors.ts'
import { assertScale } from '../workloads/limits.ts'
import { checkConfig, resolveConfig, type ServingConfig } from './config.ts'
import { createModelBook } from './model-book.ts'
import { placeDeployments } from './placement.ts'
import type { Replica } from './replica.ts'
import { checkRequests } from './request-checks.ts'
import { inputTokensOf, outputTokensOf } from './requests.ts'
import type { DeploymentSpec } from './types.ts'

/** A scenario checked and placed once, shared by every policy's run. Requests are the scenario's tasks. */
export interface PreparedServing {
  readonly scenario: Scenario
  readonly preset: ServingPreset
  readonly cluster: Cluster
  readonly config: ServingConfig
  readonly replicas: readonly Replica[]
  /** The deployments as placed (the default rule's, when the scenario gives none). */
  readonly deployments: readonly DeploymentSpec[]
  readonly tasks: readonly TaskSpec[]
  /** Models that have replicas, in placement order. */
  readonly models: readonly string[]
  readonly modelIndex: ReadonlyMap<string, number>
  /** TP of each model's replicas (one deployment a model). */
  readonly tpOfModel: Int32Array
  /** Model index of each request; -1 when no deployment serves it. */
  readonly requestModel: Int32Array
  /** P and O of each request (mapped from phase and tokens where a task has none). */
  readonly inputTokens: Float64Array
  readonly outputTokens: Float64Array
  readonly weight: Float64Array
  readonly arrivalS: Float64Array
  /** Requests by arrival (time, then input order). */
  readonly byArrival: Int32Array
  /** Queue order: each request's place in byArrival (the tie rule of every policy). */
  readonly order: Int32Array
  /** Why a request will be rejected when it arrives; null if it can be served. */
  readonly rejection: readonly (string | null)[]
}

/**
 * Checks the knobs, the requests and the deployments, places the replicas and works out which
 * requests can never be served. Every configuration error or bad request throws one InputError
 * naming each field and value, before any run.
 */
export function prepareServing(scenario: Scenario, source = 'scenario'): PreparedServing {
  assertScale({ ...scenario, mode: 'serving' })
  const options = scenario.serving ?? {}
  const config = resolveConfig(options)
  const cluster = resolveCluster(scenario.cluster)
  const tasks = scenario.tasks
  const issues: InputIssue[] = checkConfig(config).map((p) => ({ where: `serving.${p.field}`, value: String(p.value), message: p.message }))
  issues.push(...checkRequests(tasks))
  if (issues.length > 0) throw new InputError(source, issues)
  const book = createModelBook(scenario.models ?? [])
  const placed = placeDeployments(cluster, book, config, options.deployments, tasks)
  if (placed.issues.length > 0) throw new InputError(source, placed.issues)
  const { replicas } = placed
  const models: string[] = []
  for (const r of replicas) if (!models.includes(r.model)) models.push(r.model)
  const modelIndex = new Map(models.map((m, i) => [m, i]))
  const tpOfModel = Int32Array.from(models, (m) => replicas.find((r) => r.model === m)!.tp)
  const largestBlocks = new Map<string, number>()
  for (const r of replicas) largestBlocks.set(r.model, Math.max(largestBlocks.get(r.model) ?? 0, r.blocks))

  const n = tasks.length
  const inputTokens = new Float64Array(n)
  const outputTokens = new Float64Array(n)
  const weight = new Float64Array(n)
  const arrivalS = new Float64Array(n)
  const requestModel = new Int32Array(n).fill(-1)
  const rejection: (string | null)[] = new Array<string | null>(n)
  for (let i = 0; i < n; i++) {
    const t = tasks[i]!
    inputTokens[i] = inputTokensOf(t)
    outputTokens[i] = outputTokensOf(t)
    weight[i] = t.weight
    arrivalS[i] = t.arrivalS
    const name = book.find(t.model)?.name
    const index = name === undefined ? undefined : modelIndex.get(name)
    if (index === undefined) {
      rejection[i] = `no deployment serves model '${t.model}'`
      continue
    }
    requestModel[i] = index
    const total = inputTokens[i]! + outputTokens[i]! - 1
    const need = Math.ceil(total / config.blockSize)
    const most = largestBlocks.get(name!)!
    rejection[i] = need > most ? `needs ${need} KV blocks of ${config.blockSize} tokens (P + O − 1 = ${total}); the largest replica of ${name} holds ${most}` : null
  }
  const byArrival = arrivalOrder(tasks)
  const order = new Int32Array(n)
  for (let k = 0; k < n; k++) order[byArrival[k]!] = k
  return {
    scenario,
    preset: serving,
    cluster,
    config,
    replicas,
    deployments: placed.deployments,
    tasks,
    models,
    modelIndex,
    tpOfModel,
    requestModel,
    inputTokens,
    outputTokens,
    weight,
    arrivalS,
    byArrival,
    order,
    rejection,
  }
}
