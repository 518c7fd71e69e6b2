import { ClassHeads } from './class-heads.ts'
import type { GrowableInt32 } from './growable.ts'
import { KeyedHeap } from './heap.ts'
import { rankKeys, type SchedulingPolicy, type WaitingItem } from './policies/policy.ts'
import { ScanQueue } from './scan-queue.ts'
import type { PreparedScenario } from './sim-task.ts'

/** The waiting queue as the loop uses it, whatever keeps it in order. */
export interface ReadyQueue {
  readonly size: number
  push(task: number): void
  /** Removes a task that `pick` returned. */
  take(task: number): void
  /**
   * The policy's best task at time `nowS`: with backfill, the best among those that fit; strict,
   * the best overall if it fits. -1 when nothing can start now. `canPlace` is asked about the
   * best waiting task of a class (preemption's answer depends on which task it is).
   */
  pick(canPlace: (classId: number, task: number) => boolean, backfill: boolean, nowS: number): number
  /**
   * For the decision log, right after `pick` returned `task`: the best task of each capacity
   * class ranked before it, which did not fit (backfill), best first; or the head that blocks
   * (strict, task -1). Pushed onto `out`. The loop calls it only when recording.
   */
  passedOver(task: number, backfill: boolean, out: GrowableInt32): void
}

/** How a waiting task looks to the policy at a time (a preemptive run's remaining work moves). */
export type ItemOf = (task: number, nowS: number) => WaitingItem

/**
 * Heaps for a policy whose key holds still while a task waits; a scan at every pick otherwise.
 * A preemptive run gives `itemOf`: a task's remaining work differs from one wait to the next,
 * so no key is static over the run and the queue is scanned, as for a moving key.
 */
export function createReadyQueue(prepared: Pick<PreparedScenario, 'tasks' | 'classOf' | 'orderOf'>, policy: SchedulingPolicy, itemOf?: ItemOf): ReadyQueue {
  return policy.staticKey && itemOf === undefined ? new HeapQueue(prepared, policy) : new ScanQueue(prepared, policy, itemOf)
}

/**
 * The waiting queue of a static key: one heap per capacity class, each ordered by the policy.
 * The best task that fits is the best among the heads of the classes that fit, so a pick costs
 * O(classes + log n) however long the queue is.
 */
export class HeapQueue extends ClassHeads implements ReadyQueue {
  private readonly heaps: KeyedHeap[] = []
  private count = 0
  private readonly classOf: Int32Array

  constructor(prepared: Pick<PreparedScenario, 'tasks' | 'classOf' | 'orderOf'>, policy: SchedulingPolicy) {
    super(rankKeys(prepared.tasks, policy), prepared.orderOf)
    this.classOf = prepared.classOf
  }

  get size(): number {
    return this.count
  }

  protected get classCount(): number {
    return this.heaps.length
  }

  protected headOf(c: number): number {
    return this.heaps[c]!.peek()
  }

  push(task: number): void {
    const c = this.classOf[task]!
    while (this.heaps.length <= c) this.heaps.push(new KeyedHeap(this.rank, this.order))
    this.heaps[c]!.push(task)
    this.count += 1
  }

  /** Removes a task that `pick` returned (always a class head). */
  take(task: number): void {
    const heap = this.heaps[this.classOf[task]!]!
    heap.pop()
    this.count -= 1
  }

  pick(canPlace: (classId: number, task: number) => boolean, backfill: boolean): number {
    return this.pickHead(canPlace, backfill)
  }
}
