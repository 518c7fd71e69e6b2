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
export class HeapQueue implements ReadyQueue {
  private readonly heaps: KeyedHeap[] = []
  private count = 0
  private readonly classOf: Int32Array
  private readonly rank: Float64Array
  private readonly order: Int32Array
  /** The overall best head at the last pick. */
  private lastBest = -1

  constructor(prepared: Pick<PreparedScenario, 'tasks' | 'classOf' | 'orderOf'>, policy: SchedulingPolicy) {
    this.classOf = prepared.classOf
    this.rank = rankKeys(prepared.tasks, policy)
    this.order = prepared.orderOf
  }

  get size(): number {
    return this.count
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
    let best = -1
    let bestFitting = -1
    for (let c = 0; c < this.heaps.length; c++) {
      const head = this.heaps[c]!.peek()
      if (head < 0) continue
      if (best < 0 || this.less(head, best)) best = head
      if ((bestFitting < 0 || this.less(head, bestFitting)) && canPlace(c, head)) bestFitting = head
    }
    this.lastBest = best
    if (!backfill && best !== bestFitting) return -1
    return bestFitting
  }

  passedOver(task: number, backfill: boolean, out: GrowableInt32): void {
    if (this.lastBest < 0 || this.lastBest === task) return
    if (task < 0 && !backfill) {
      out.push(this.lastBest)
      return
    }
    // The heads ranked before `task`, best first: an insertion sort in place, as there are
    // only as many as capacity classes.
    const from = out.length
    for (const h of this.heaps) {
      const head = h.peek()
      if (head < 0 || head === task || (task >= 0 && !this.less(head, task))) continue
      out.push(head)
      let j = out.length - 1
      while (j > from && this.less(head, out.data[j - 1]!)) {
        out.data[j] = out.data[j - 1]!
        j -= 1
      }
      out.data[j] = head
    }
  }

  private less(a: number, b: number): boolean {
    const ra = this.rank[a]!
    const rb = this.rank[b]!
    return ra < rb || (ra === rb && this.order[a]! < this.order[b]!)
  }
}
