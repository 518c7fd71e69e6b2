import { parseClusterName } from '../../../src/engine/catalog/clusters.ts'
import type { RequestSpec, ServingModel, ServingOptions, ServingScenario } from '../../../src/engine/serving/types.ts'

/** A serving scenario on a custom cluster, unlimited horizon unless given. */
export function servingScenario(
  requests: readonly (Partial<RequestSpec> & Pick<RequestSpec, 'inputTokens' | 'outputTokens'>)[],
  serving: ServingOptions,
  models: readonly ServingModel[] = [],
  cluster = 'h100:1',
  maxTimeS = Infinity,
): ServingScenario {
  return {
    name: 'test',
    cluster: parseClusterName(cluster),
    dtS: 0.01,
    maxTimeS,
    models,
    serving,
    requests: requests.map((r, i) => ({ id: `R${i}`, model: models[0]?.name ?? 'Llama3-8B', weight: 1, arrivalS: 0, ...r })),
  }
}
