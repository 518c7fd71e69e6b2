import type { TaskSpec } from '../types.ts'

function series(prefix: string, count: number, fields: Omit<TaskSpec, 'id'>): TaskSpec[] {
  return Array.from({ length: count }, (_, i) => ({ id: `${prefix}${i + 1}`, ...fields }))
}

/**
 * The reference's `discriminating` workload: 8 long low-weight prefills queued ahead of 12
 * short high-weight ones, all at t = 0. FIFO runs the long ones first; every weight- or
 * size-aware policy runs the short ones first.
 */
export function discriminatingWorkload(): TaskSpec[] {
  const common = { model: 'Qwen3', memoryGB: 30, arrivalS: 0, phase: 'prefill', tp: 2 } as const
  return [
    ...series('T_low_', 8, { ...common, weight: 1, tokens: 2000 }),
    ...series('T_high_', 12, { ...common, weight: 10, tokens: 500 }),
  ]
}

/**
 * The reference's `staggered` workload: 8 fillers at t = 0, then 4 heavy tasks at 0.1 s that
 * find the cluster partly busy.
 */
export function staggeredWorkload(): TaskSpec[] {
  const common = { model: 'Qwen3', memoryGB: 30, phase: 'prefill', tp: 2 } as const
  return [
    ...series('T_fill_', 8, { ...common, weight: 1, arrivalS: 0, tokens: 1000 }),
    ...series('T_queue_', 4, { ...common, weight: 10, arrivalS: 0.1, tokens: 500 }),
  ]
}

export const BUILT_IN_WORKLOADS: Readonly<Record<string, () => TaskSpec[]>> = {
  discriminating: discriminatingWorkload,
  staggered: staggeredWorkload,
}

/** A built-in workload's tasks by name, or undefined (own names only: `constructor` is none). */
export function builtInWorkload(name: string): TaskSpec[] | undefined {
  return Object.hasOwn(BUILT_IN_WORKLOADS, name) ? BUILT_IN_WORKLOADS[name]!() : undefined
}
