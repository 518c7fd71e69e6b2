import { parseClusterName } from '../../../src/engine/catalog/clusters.ts'
import { requestTask } from '../../../src/engine/serving/requests.ts'
import type { ServingModel, ServingOptions } from '../../../src/engine/serving/types.ts'
import type { Scenario } from '../../../src/engine/types.ts'

/** A request as tests write one: P and O, anything else defaulted. */
export interface RequestLike {
  readonly id?: string
  readonly model?: string
  readonly weight?: number
  readonly arrivalS?: number
  readonly inputTokens: number
  readonly outputTokens: number
}

/** A serving scenario on a custom cluster, unlimited horizon unless given. */
export function servingScenario(
  requests: readonly RequestLike[],
  serving: ServingOptions,
  models: readonly ServingModel[] = [],
  cluster = 'h100:1',
  maxTimeS = Infinity,
): Scenario {
  return {
    name: 'test',
    cluster: parseClusterName(cluster),
    dtS: 0.01,
    maxTimeS,
    mode: 'serving',
    backfill: true,
    models,
    serving,
    tasks: requests.map((r, i) => requestTask(r.id ?? `R${i}`, r.model ?? models[0]?.name ?? 'Llama3-8B', r.weight ?? 1, r.arrivalS ?? 0, r.inputTokens, r.outputTokens)),
  }
}
