import type { GrowableInt32 } from './growable.ts'
import { itemAt, type SchedulingPolicy } from './policies/policy.ts'
import type { ItemOf, ReadyQueue } from './ready-queue.ts'
import type { PreparedScenario } from './sim-task.ts'

/**
 * The waiting queue of a policy whose key moves while tasks wait (aging, a deadline getting
 * closer): every pick ranks the waiting tasks afresh at the current time, O(n) a pick. The
 * answers are those of the heap queue for the same order (see test/engine/ready-queue.test.ts).
 */
export class ScanQueue implements ReadyQueue {
  private readonly waiting: number[] = []
  private readonly tasks: PreparedScenario['tasks']
  private readonly classOf: Int32Array
  private readonly order: Int32Array
  private readonly policy: SchedulingPolicy
  private readonly itemOf: ItemOf
  /** sign × key of each task at the last pick (smaller ranks first). */
  private readonly rank: Float64Array
  /** The best waiting task of each class at the last pick (-1: none). */
  private heads: number[] = []
  private lastBest = -1

  constructor(prepared: Pick<PreparedScenario, 'tasks' | 'classOf' | 'orderOf'>, policy: SchedulingPolicy, itemOf?: ItemOf) {
    this.tasks = prepared.tasks
    this.itemOf = itemOf ?? ((i, nowS) => itemAt(this.tasks[i]!, nowS))
    this.classOf = prepared.classOf
    this.order = prepared.orderOf
    this.policy = policy
    this.rank = new Float64Array(prepared.tasks.length)
  }

  get size(): number {
    return this.waiting.length
  }

  /** The waiting tasks, in no particular order. */
  get items(): readonly number[] {
    return this.waiting
  }

  push(task: number): void {
    this.waiting.push(task)
  }

  take(task: number): void {
    const k = this.waiting.indexOf(task)
    this.waiting[k] = this.waiting[this.waiting.length - 1]!
    this.waiting.pop()
  }

  pick(canPlace: (classId: number, task: number) => boolean, backfill: boolean, nowS: number): number {
    const sign = this.policy.higherFirst ? -1 : 1
    this.heads = []
    for (const i of this.waiting) {
      this.rank[i] = sign * this.policy.key(this.itemOf(i, nowS))
      const c = this.classOf[i]!
      const head = this.heads[c] ?? -1
      if (head < 0 || this.less(i, head)) this.heads[c] = i
    }
    let best = -1
    let bestFitting = -1
    this.heads.forEach((head, c) => {
      if (head === undefined || head < 0) return
      if (best < 0 || this.less(head, best)) best = head
      if ((bestFitting < 0 || this.less(head, bestFitting)) && canPlace(c, head)) bestFitting = head
    })
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
    const passed = this.heads.filter((h) => h !== undefined && h >= 0 && h !== task && (task < 0 || this.less(h, task)))
    for (const h of passed.sort((a, b) => (this.less(a, b) ? -1 : 1))) out.push(h)
  }

  private less(a: number, b: number): boolean {
    const ra = this.rank[a]!
    const rb = this.rank[b]!
    return ra < rb || (ra === rb && this.order[a]! < this.order[b]!)
  }
}
