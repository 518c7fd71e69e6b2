import type { TaskSpec } from '../types.ts'

/** How a task will be run, or why it never can be. */
export type Admission =
  | { readonly ok: true; readonly tp: number; readonly gpusNeeded: number; readonly classId: number }
  | { readonly ok: false; readonly tp: number; readonly reason: string }

/**
 * What a mode decides about tasks before any run: TP and capacity class, or rejection. Tasks
 * with the same needs share a class (same TP, same eligible nodes), so the queue asks "does
 * class c fit?" rather than testing every waiting task. One plan serves every algorithm.
 */
export interface CapacityPlan {
  admit(task: TaskSpec): Admission
  /** Fresh accounting for one run (all GPUs free). */
  createState(): CapacityModel
}

/** Capacity accounting during a run: which classes fit now and on which GPUs. */
export interface CapacityModel {
  /** Called at the start of each schedule stage with the number of running tasks. */
  beginSchedule(runningCount: number): void
  canPlace(classId: number): boolean
  /** Takes GPUs for a task of this class (only after canPlace); returns their indices, ascending. */
  place(classId: number): number[]
  release(gpus: readonly number[]): void
  freeGpuCount(): number
  /**
   * Preemptive runs: the running tasks to preempt so that a task of this class fits, chosen from
   * `candidates` (the running tasks ranked behind it, last-ranked first, with their GPUs), or
   * null when none would make it fit (see preempt.ts). Only the models of modes that allow
   * preemption have it; it changes nothing (release() frees the victims' GPUs).
   */
  victims?(classId: number, candidates: readonly RunningTask[]): number[] | null
  /**
   * Exact mode, a placement chosen by a person (the student's schedule, student/replay.ts): the
   * eligible nodes of the class and their free GPUs now, in node order, and the node the
   * placement rule would choose (-1: none fits).
   */
  nodesOf?(classId: number): { readonly nodes: readonly NodeRoom[]; readonly best: number }
  /** Takes GPUs for a task of this class on `node` (only a node nodesOf gives room on). */
  placeOn?(classId: number, node: number): number[]
}

/** An eligible node and its free GPUs. */
export interface NodeRoom {
  readonly node: number
  readonly free: number
}

/** A running task as a preemption candidate. */
export interface RunningTask {
  readonly task: number
  readonly gpus: readonly number[]
}
