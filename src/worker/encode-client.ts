import type { PolicyName, Scenario } from '../engine/types.ts'
import { encodeScenario, type EncodedScenario } from '../store/share-link.ts'
import { packedBuffers, packTasks, type PackedTasks } from './packed-tasks.ts'

/** A scenario to encode; its tasks travel packed into columns (see packed-tasks.ts). */
export interface EncodeRequest {
  readonly requestId: number
  readonly scenario: Scenario
  readonly packed: PackedTasks
  readonly algorithms: readonly PolicyName[]
  readonly label: string
}

export interface EncodeResponse extends EncodedScenario {
  readonly requestId: number
}

/** Encodes a scenario for the link and storage, possibly elsewhere than on the calling thread. */
export type ScenarioEncoder = (scenario: Scenario, algorithms: readonly PolicyName[], label: string) => Promise<EncodedScenario>

/** Encodes on the calling thread (tests, and browsers without module workers). */
export const encodeHere: ScenarioEncoder = (scenario, algorithms, label) => Promise.resolve(encodeScenario(scenario, algorithms, label))

/** Encodes in a Web Worker; falls back to the calling thread where none can be started. */
export function createWorkerEncoder(): ScenarioEncoder {
  let worker: Worker | null = null
  try {
    worker = typeof Worker === 'undefined' ? null : new Worker(new URL('./encode.worker.ts', import.meta.url), { type: 'module', name: 'schedscope-encode' })
  } catch {
    worker = null
  }
  if (worker === null) return encodeHere
  const pending = new Map<number, (r: EncodedScenario) => void>()
  let nextId = 1
  worker.onmessage = (e: MessageEvent<EncodeResponse>) => {
    const { requestId, json, hash } = e.data
    pending.get(requestId)?.({ json, hash })
    pending.delete(requestId)
  }
  const w = worker
  return (scenario, algorithms, label) =>
    new Promise((resolve) => {
      const requestId = nextId++
      pending.set(requestId, resolve)
      const packed = packTasks(scenario.tasks)
      w.postMessage({ requestId, scenario: { ...scenario, tasks: [] }, packed, algorithms, label } satisfies EncodeRequest, packedBuffers(packed))
    })
}
