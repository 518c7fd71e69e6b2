import type { CustomPolicySource } from '../engine/policies/custom.ts'
import type { Metrics } from '../engine/results.ts'
import type { ServingMetrics } from '../engine/serving/metrics.ts'
import type { ServingRunInfo } from '../run-view/serving.ts'
import type { TimelineColumns } from '../run-view/timeline.ts'
import { segmentBatchBuffers, type SegmentBatch } from './recorder.ts'
import type { Scenario } from '../engine/types.ts'
import { packedBuffers, packTasks, unpackTasks, type PackedTasks } from './packed-tasks.ts'

/**
 * Main thread → worker. A run names its policies; the worker finds them in the registry it
 * shares with the page (src/engine/policies/registry.ts). A policy written by a user (issue 17)
 * travels as source in the run command (`customPolicies`); the worker compiles it in its
 * sandbox and registers it for the run, so the page and the worker still meet on names.
 */
export type WorkerCommand =
  | {
      readonly type: 'run'
      readonly runId: number
      readonly scenario: Scenario
      readonly algorithms: readonly string[]
      readonly customPolicies?: readonly CustomPolicySource[]
    }
  /**
   * The keys of a moving custom policy at a step, for the page's queue and decisions (the page
   * does not run user code): answered by a `ranked` event. In a serving run, `generated` gives
   * each request's g then (the output tokens it kept through a preemption, read off the page's
   * decisions), in task order: the worker keeps the requests' fixed fields, not their history.
   */
  | {
      readonly type: 'rank'
      readonly runId: number
      readonly algorithm: string
      readonly step: number
      readonly tasks: readonly number[]
      readonly generated?: readonly number[]
    }
  /**
   * The main thread applied the last batch of this run: send the next (one batch in flight).
   * `spare`: that batch's buffers it keeps no view of, given back (recorder.ts spentBuffers).
   */
  | { readonly type: 'ack'; readonly runId: number; readonly spare?: readonly ArrayBuffer[] }
  | { readonly type: 'cancel'; readonly runId: number }

/**
 * A command as posted to the Worker: a run's tasks travel packed into columns, without their
 * ids (cloning 100,000 task objects would hold the page's thread for a tenth of a second, their
 * ids alone for tens of milliseconds). The worker's tasks have the id ''.
 */
export type WorkerCommandWire =
  | Exclude<WorkerCommand, { readonly type: 'run' }>
  | {
      readonly type: 'run-packed'
      readonly runId: number
      readonly scenario: Scenario
      readonly packed: PackedTasks
      readonly algorithms: readonly string[]
      readonly customPolicies?: readonly CustomPolicySource[]
    }

export function commandToWire(cmd: WorkerCommand): { wire: WorkerCommandWire; transfer: ArrayBuffer[] } {
  if (cmd.type === 'ack') return { wire: cmd, transfer: [...(cmd.spare ?? [])] }
  if (cmd.type !== 'run') return { wire: cmd, transfer: [] }
  // The simulation never reads ids (results are per index; the page has the ids).
  const packed = packTasks(cmd.scenario.tasks, { ids: false })
  const wire: WorkerCommandWire = { type: 'run-packed', runId: cmd.runId, scenario: { ...cmd.scenario, tasks: [] }, packed, algorithms: cmd.algorithms, ...(cmd.customPolicies !== undefined && { customPolicies: cmd.customPolicies }) }
  return { wire, transfer: packedBuffers(packed) }
}

export function commandFromWire(wire: WorkerCommandWire): WorkerCommand {
  if (wire.type !== 'run-packed') return wire
  const scenario = { ...wire.scenario, tasks: unpackTasks(wire.packed) }
  return { type: 'run', runId: wire.runId, scenario, algorithms: wire.algorithms, ...(wire.customPolicies !== undefined && { customPolicies: wire.customPolicies }) }
}

/** What every algorithm's run shares, sent once before the batches. */
export interface PreparedRun {
  readonly runId: number
  readonly algorithms: readonly string[]
  readonly taskCount: number
  readonly gpuCount: number
  /** Node layout for grouping GPU rows: first GPU, GPU count and GPU label per node. */
  readonly nodes: readonly { readonly first: number; readonly count: number; readonly gpu: string }[]
  /** TP each task runs with. */
  readonly tp: Uint8Array
  /** GPUs each task holds while it runs (its TP; 2 in reference mode; 0 if rejected). */
  readonly gpusNeeded: Uint8Array
  /** Why a task can never run (null: it can). */
  readonly rejections: readonly (string | null)[]
  /** First step at or past the horizon (Infinity when unlimited). */
  readonly horizonStep: number
  /**
   * Per algorithm whose key is static: every task in the policy's order, and the value it
   * ranks by. A moving key is worked out on the page at the step shown (run-view/ranking.ts).
   */
  readonly rankOrders: Readonly<Record<string, Int32Array>>
  readonly keys: Readonly<Record<string, Float64Array>>
  /** Each task's remaining work as the mode's estimator has it (WaitingItem.remaining, ratioRemaining). */
  readonly remaining: Float64Array
  readonly ratioRemaining: Float64Array
  /** The run preempts (exact mode with the option on): no policy's order is static then. */
  readonly preemptive: boolean
  /** A serving run's models, replicas and requests (run-view/serving.ts); absent in the job modes. */
  readonly serving?: ServingRunInfo
}

/** Worker → main thread. */
export type WorkerEvent =
  | ({
      readonly type: 'prepared'
      /** Per algorithm, its timeline's columns, made in the worker (see TimelineColumns). */
      readonly columns?: Readonly<Record<string, TimelineColumns>>
    } & PreparedRun)
  | {
      readonly type: 'batch'
      readonly runId: number
      /** One batch per algorithm, in the order of `algorithms`. */
      readonly batches: readonly SegmentBatch[]
      /** 0..1, how much of the run is done. */
      readonly progress: number
    }
  | {
      readonly type: 'done'
      readonly runId: number
      /** The keys every mode has (a serving run's flow time is its E2E). */
      readonly metrics: Readonly<Record<string, Metrics>>
      readonly steps: Readonly<Record<string, number>>
      /** A serving run's own metrics (docs/serving.md "Metrics"), per algorithm. */
      readonly serving?: Readonly<Record<string, ServingMetrics>>
    }
  | {
      readonly type: 'error'
      readonly runId: number
      readonly message: string
      /** When a policy written by a user failed: which, and the line of its code (0: unknown). */
      readonly policy?: { readonly name: string; readonly line: number }
    }
  /**
   * The keys asked for by a `rank` command, in its task order (null: the key failed), and what
   * the first failure said (the policy, its line and the problem).
   */
  | {
      readonly type: 'ranked'
      readonly runId: number
      readonly algorithm: string
      readonly step: number
      readonly tasks: readonly number[]
      readonly keys: readonly (number | null)[]
      readonly error?: string
    }

/** Buffers in batches, to transfer rather than copy. */
export const batchBuffers = segmentBatchBuffers
