import type { SchedulingPolicy } from './policies/policy.ts'
import type { SimTask } from './sim-task.ts'

/**
 * Every task in the order the policy ranks it. A policy's keys never change while a task
 * waits, so the queue at any step, in policy order, is this order filtered to the tasks
 * waiting then (see queueAt in timeline.ts).
 */
export function rankOrder(tasks: readonly SimTask[], policy: SchedulingPolicy): Int32Array {
  const order = Int32Array.from(tasks.keys())
  return order.sort((a, b) => policy.compare(tasks[a]!, tasks[b]!))
}
