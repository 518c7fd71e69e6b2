/**
 * Shared engine types. The engine is pure: these types describe data only, no behaviour
 * that depends on a host (DOM, worker, Node).
 */

import type { ServingModel, ServingOptions } from './serving/types.ts'

export type Phase = 'prefill' | 'decode'

/**
 * The mode's preset (engine/modes/): `exact`, the corrected model (exact GPU counting, TP
 * groups inside a node); `reference`, the Python research simulator's accounting, quirks
 * included; `serving`, LLM serving with continuous batching, a paged KV cache and a roofline
 * step time (docs/serving.md). README "Modes" says what each does.
 */
export type Mode = 'exact' | 'reference' | 'serving'

/** One inference task as the user wrote it (CSV row, JSON entry, generator output). */
export interface TaskSpec {
  readonly id: string
  /** Model name; a catalog name or alias, or any name the catalog does not know. */
  readonly model: string
  /** Total model memory in GB (the reference CSV's `Memory`); used for models the catalog does not know. */
  readonly memoryGB?: number
  readonly weight: number
  readonly arrivalS: number
  readonly phase: Phase
  /** Tokens of that phase (prompt tokens for prefill, generated tokens for decode). */
  readonly tokens: number
  /** Explicit tensor-parallel degree; otherwise the model's recommended TP (where it fits). */
  readonly tp?: number
  /**
   * Serving mode: the request's prompt tokens P and output tokens O. A request read as one
   * (serving scenario, request CSV) has both, and the phase and tokens that map back to it; a
   * task without them is mapped from its phase and tokens (serving/requests.ts).
   */
  readonly inputTokens?: number
  readonly outputTokens?: number
}

/** A group of identical GPUs in a cluster description, in cluster order. */
export interface GpuGroupSpec {
  readonly gpu: string
  readonly count: number
}

export interface ClusterSpec {
  /** A preset name (`h100_16gpu`) or `custom`. */
  readonly name: string
  readonly groups: readonly GpuGroupSpec[]
}

/** Everything a run needs. `maxTimeS` may be Infinity: run until every task has completed. */
export interface Scenario {
  readonly name: string
  readonly cluster: ClusterSpec
  readonly dtS: number
  readonly maxTimeS: number
  readonly mode: Mode
  /** Exact mode: follow the policy's order but skip tasks that do not fit now (default) or stop at the first (strict). */
  readonly backfill: boolean
  /**
   * Exact mode: a waiting task that ranks ahead of running ones may preempt them; they keep
   * their remaining work and resume later (README "Preemption"). Absent or false: never.
   */
  readonly preemptive?: boolean
  readonly tasks: readonly TaskSpec[]
  /** Serving mode: models defined by the scenario, adding to or replacing the catalog's. */
  readonly models?: readonly ServingModel[]
  /** Serving mode: deployments and knobs (every field optional; defaults in serving/config.ts). */
  readonly serving?: ServingOptions
}

export type TaskStatus = 'completed' | 'unfinished' | 'rejected'
