import { IndexHeap } from './heap.ts'
import type { SchedulingPolicy } from './policies/policy.ts'
import type { SimTask } from './sim-task.ts'

/** The queue's answer to "what starts next?". */
export interface Pick {
  /** The task to start, or -1 when nothing can start now. */
  readonly task: number
  /** Tasks ranked ahead of the pick that do not fit now (backfill passed them over, or strict mode waits for the first). */
  readonly passedOver: readonly number[]
}

const NOTHING: Pick = { task: -1, passedOver: [] }

/**
 * The waiting queue: one heap per capacity class, each ordered by the policy. The best task
 * that fits is the best among the heads of the classes that fit, so a pick costs
 * O(classes + log n) however long the queue is.
 */
export class ReadyQueue {
  private readonly heaps: IndexHeap[] = []
  private count = 0
  private readonly tasks: readonly SimTask[]
  private readonly policy: SchedulingPolicy

  constructor(tasks: readonly SimTask[], policy: SchedulingPolicy) {
    this.tasks = tasks
    this.policy = policy
  }

  get size(): number {
    return this.count
  }

  push(task: number): void {
    const c = this.tasks[task]!.classId
    while (this.heaps.length <= c) this.heaps.push(new IndexHeap((a, b) => this.less(a, b)))
    this.heaps[c]!.push(task)
    this.count += 1
  }

  /** Removes a task that `pick` returned (always a class head). */
  take(task: number): void {
    const heap = this.heaps[this.tasks[task]!.classId]!
    heap.pop()
    this.count -= 1
  }

  /**
   * The policy's best task. With backfill, the best among those that fit, and the better
   * ranked heads it passed over; strict, the best overall if it fits, else nothing.
   */
  pick(canPlace: (classId: number) => boolean, backfill: boolean): Pick {
    let best = -1
    let bestFitting = -1
    for (let c = 0; c < this.heaps.length; c++) {
      const head = this.heaps[c]!.peek()
      if (head < 0) continue
      if (best < 0 || this.less(head, best)) best = head
      if ((bestFitting < 0 || this.less(head, bestFitting)) && canPlace(c)) bestFitting = head
    }
    if (best < 0) return NOTHING
    if (!backfill && best !== bestFitting) return { task: -1, passedOver: [best] }
    if (bestFitting < 0) return { task: -1, passedOver: this.headsBefore(-1) }
    return { task: bestFitting, passedOver: best === bestFitting ? [] : this.headsBefore(bestFitting) }
  }

  /** Every waiting task (heap order; sort with the policy for display). */
  waiting(): number[] {
    return this.heaps.flatMap((h) => h.toArray())
  }

  private headsBefore(task: number): number[] {
    const out: number[] = []
    for (const h of this.heaps) {
      const head = h.peek()
      if (head >= 0 && head !== task && (task < 0 || this.less(head, task))) out.push(head)
    }
    return out.sort((a, b) => this.policy.compare(this.tasks[a]!, this.tasks[b]!))
  }

  private less(a: number, b: number): boolean {
    return this.policy.compare(this.tasks[a]!, this.tasks[b]!) < 0
  }
}
