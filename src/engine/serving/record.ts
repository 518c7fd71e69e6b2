import type { PreparedServing } from './prepare.ts'
import { ServingRecorder } from './recorder.ts'
import type { ServingResult } from './results.ts'
import { runServing } from './run.ts'
import { ServingTimeline } from './timeline.ts'

/** A recorder for a prepared scenario, with its model indices wired in. */
export function createServingRecorder(prepared: PreparedServing): ServingRecorder {
  const modelOfReplica = prepared.replicas.map((r) => prepared.modelIndex.get(r.model)!)
  return new ServingRecorder(prepared.requests.length, prepared.models.length, (r) => prepared.requestModel[r]!, (replica) => modelOfReplica[replica]!)
}

/** An empty timeline for a prepared scenario's replicas and models. */
export function createServingTimeline(prepared: PreparedServing): ServingTimeline {
  return new ServingTimeline(
    prepared.replicas.map((r) => r.blocks),
    prepared.replicas.map((r) => prepared.modelIndex.get(r.model)!),
    prepared.models.length,
  )
}

/** Runs one policy and records it whole (the worker would flush the recorder in pieces instead). */
export function runServingRecorded(prepared: PreparedServing, policy: string): { result: ServingResult; timeline: ServingTimeline } {
  const recorder = createServingRecorder(prepared)
  const result = runServing(prepared, policy, { listener: recorder })
  const timeline = createServingTimeline(prepared)
  timeline.append(recorder.flush(result.endS))
  return { result, timeline }
}

