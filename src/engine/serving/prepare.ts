import { resolveCluster, type Cluster } from '../catalog/clusters.ts'
import { InputError, type InputIssue } from '../workloads/errors.ts'
import { checkConfig, resolveConfig, type ServingConfig } from './config.ts'
import { createModelBook } from './model-book.ts'
import { placeDeployments } from './placement.ts'
import type { Replica } from './replica.ts'
import { checkRequests } from './request-checks.ts'
import type { DeploymentSpec, RequestSpec, ServingScenario } from './types.ts'

/** A scenario checked and placed once, shared by every policy's run. */
export interface PreparedServing {
  readonly scenario: ServingScenario
  readonly cluster: Cluster
  readonly config: ServingConfig
  readonly replicas: readonly Replica[]
  /** The deployments as placed (the default rule's, when the scenario gives none). */
  readonly deployments: readonly DeploymentSpec[]
  readonly requests: readonly RequestSpec[]
  /** Models that have replicas, in placement order. */
  readonly models: readonly string[]
  readonly modelIndex: ReadonlyMap<string, number>
  /** Model index of each request; -1 when no deployment serves it. */
  readonly requestModel: Int32Array
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
export function prepareServing(scenario: ServingScenario, source = 'scenario'): PreparedServing {
  const config = resolveConfig(scenario.serving)
  const cluster = resolveCluster(scenario.cluster)
  const issues: InputIssue[] = checkConfig(config).map((p) => ({ where: `serving.${p.field}`, value: String(p.value), message: p.message }))
  issues.push(...checkRequests(scenario.requests))
  if (issues.length > 0) throw new InputError(source, issues)
  const book = createModelBook(scenario.models)
  const placed = placeDeployments(cluster, book, config, scenario.serving.deployments, scenario.requests)
  if (placed.issues.length > 0) throw new InputError(source, placed.issues)
  const { replicas } = placed
  const models: string[] = []
  for (const r of replicas) if (!models.includes(r.model)) models.push(r.model)
  const modelIndex = new Map(models.map((m, i) => [m, i]))
  const largestBlocks = new Map<string, number>()
  for (const r of replicas) largestBlocks.set(r.model, Math.max(largestBlocks.get(r.model) ?? 0, r.blocks))

  const requests = scenario.requests
  const n = requests.length
  const requestModel = new Int32Array(n).fill(-1)
  const rejection = requests.map((r, i) => {
    const name = book.find(r.model)?.name
    const index = name === undefined ? undefined : modelIndex.get(name)
    if (index === undefined) return `no deployment serves model '${r.model}'`
    requestModel[i] = index
    const need = Math.ceil((r.inputTokens + r.outputTokens - 1) / config.blockSize)
    const most = largestBlocks.get(name!)!
    if (need > most) return `needs ${need} KV blocks of ${config.blockSize} tokens (P + O − 1 = ${r.inputTokens + r.outputTokens - 1}); the largest replica of ${name} holds ${most}`
    return null
  })
  const arrivalS = Float64Array.from(requests, (r) => r.arrivalS)
  const byArrival = Int32Array.from(requests.keys()).sort((a, b) => arrivalS[a]! - arrivalS[b]! || a - b)
  const order = new Int32Array(n)
  byArrival.forEach((r, k) => (order[r] = k))
  return {
    scenario,
    cluster,
    config,
    replicas,
    deployments: placed.deployments,
    requests,
    models,
    modelIndex,
    requestModel,
    inputTokens: Float64Array.from(requests, (r) => r.inputTokens),
    outputTokens: Float64Array.from(requests, (r) => r.outputTokens),
    weight: Float64Array.from(requests, (r) => r.weight),
    arrivalS,
    byArrival,
    order,
    rejection,
  }
}
