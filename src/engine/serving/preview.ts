import { resolveCluster } from '../catalog/clusters.ts'
import type { Scenario } from '../types.ts'
import type { InputIssue } from '../workloads/errors.ts'
import { checkConfig, resolveConfig } from './config.ts'
import { createModelBook } from './model-book.ts'
import { placeDeployments } from './placement.ts'
import type { Replica } from './replica.ts'
import type { DeploymentSpec } from './types.ts'

/** What a scenario's serving settings come to before any run: the replicas as placed, or why not. */
export interface ServingPreview {
  /** Configuration errors, each naming its field (`serving.mfu`, `serving.deployments[1]`) and value. */
  readonly issues: readonly InputIssue[]
  /** As placed; when a replica does not fit, those placed before it (a run places none). */
  readonly replicas: readonly Replica[]
  /** The deployments placed (the default rule's when the scenario gives none). */
  readonly deployments: readonly DeploymentSpec[]
  readonly blockSize: number
}

/**
 * The knob checks and the placement a run starts with (prepare.ts), without the request checks:
 * an editor shows each replica's KV pool and refuses what a run would refuse, for the same reasons.
 */
export function previewServing(scenario: Scenario): ServingPreview {
  const options = scenario.serving ?? {}
  const config = resolveConfig(options)
  const issues: InputIssue[] = checkConfig(config).map((p) => ({ where: `serving.${p.field}`, value: String(p.value), message: p.message }))
  if (issues.length > 0) return { issues, replicas: [], deployments: options.deployments ?? [], blockSize: config.blockSize }
  const placed = placeDeployments(resolveCluster(scenario.cluster), createModelBook(scenario.models ?? []), config, options.deployments, scenario.tasks)
  // Replicas placed before a refusal stay: the GPU map shows where they went and what is left.
  return { issues: placed.issues, replicas: placed.replicas, deployments: placed.deployments, blockSize: config.blockSize }
}
