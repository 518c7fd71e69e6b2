import type { CustomPolicySource } from '../engine/policies/custom.ts'
import type { Scenario } from '../engine/types.ts'
import { encodeScenario, type EncodedScenario } from '../sharing/share-link.ts'
import { packedBuffers, packTasks, type PackedTasks } from './packed-tasks.ts'
import { workerRequests } from './requests.ts'

/** A scenario to encode; its tasks travel packed into columns (see packed-tasks.ts). */
export interface EncodeRequest {
  readonly scenario: Scenario
  readonly packed: PackedTasks
  readonly algorithms: readonly string[]
  readonly label: string
  readonly policies: readonly CustomPolicySource[]
}

/** Encodes a scenario for the link and storage, possibly elsewhere than on the calling thread. */
export type ScenarioEncoder = (scenario: Scenario, algorithms: readonly string[], label: string, custom?: readonly CustomPolicySource[]) => Promise<EncodedScenario>

/** Encodes on the calling thread (tests, and browsers without module workers). */
export const encodeHere: ScenarioEncoder = encodeScenario

/** Encodes in a Web Worker; falls back to the calling thread where none can be started, or it failed. */
export function createWorkerEncoder(): ScenarioEncoder {
  const request = workerRequests<EncodeRequest, EncodedScenario>(
    () => new Worker(new URL('./encode.worker.ts', import.meta.url), { type: 'module', name: 'schedscope-encode' }),
  )
  if (request === null) return encodeHere
  return (scenario, algorithms, label, custom = []) => {
    const packed = packTasks(scenario.tasks)
    // A worker that failed: encoded here from the scenario (only the packed copy was moved).
    return request({ scenario: { ...scenario, tasks: [] }, packed, algorithms, label, policies: custom }, packedBuffers(packed)).catch(() =>
      encodeHere(scenario, algorithms, label, custom),
    )
  }
}
