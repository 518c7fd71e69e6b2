import type { GrowableInt32 } from './growable.ts'
import { KeyedHeap } from './heap.ts'
import { rankKeys, type SchedulingPolicy } from './policies/policy.ts'
import type { PreparedScenario } from './sim-task.ts'

/**
 * The waiting queue: one heap per capacity class, each ordered by the policy. The best task
 * that fits is the best among the heads of the classes that fit, so a pick costs
 * O(classes + log n) however long the queue is.
 */
export class ReadyQueue {
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

  /**
   * The policy's best task: with backfill, the best among those that fit; strict, the best
   * overall if it fits. -1 when nothing can start now.
   */
  pick(canPlace: (classId: number) => boolean, backfill: boolean): number {
    let best = -1
    let bestFitting = -1
    for (let c = 0; c < this.heaps.length; c++) {
      const head = this.heaps[c]!.peek()
      if (head < 0) continue
      if (best < 0 || this.less(head, best)) best = head
      if ((bestFitting < 0 || this.less(head, bestFitting)) && canPlace(c)) bestFitting = head
    }
    this.lastBest = best
    if (!backfill && best !== bestFitting) return -1
    return bestFitting
  }

  /**
   * For the decision log, right after `pick` returned `task`: the better-ranked tasks it passed
   * over because they do not fit (backfill), or the head that blocks (strict, task -1),
   * pushed onto `out`. The loop calls it only when recording.
   */
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

  /** Every waiting task (heap order; sort with the policy for display). */
  waiting(): number[] {
    return this.heaps.flatMap((h) => h.toArray())
  }

  private less(a: number, b: number): boolean {
    const ra = this.rank[a]!
    const rb = this.rank[b]!
    return ra < rb || (ra === rb && this.order[a]! < this.order[b]!)
  }
}
