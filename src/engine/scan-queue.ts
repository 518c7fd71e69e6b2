import { ClassHeads } from './class-heads.ts'
import { itemAt, type SchedulingPolicy } from './policies/policy.ts'
import type { ItemOf, ReadyQueue } from './ready-queue.ts'
import type { PreparedScenario } from './sim-task.ts'

/**
 * The waiting queue of a policy whose key moves while tasks wait (aging, a deadline getting
 * closer): every pick ranks the waiting tasks afresh at the current time, O(n) a pick. The
 * answers are those of the heap queue for the same order (see test/engine/ready-queue.test.ts).
 */
export class ScanQueue extends ClassHeads implements ReadyQueue {
  private readonly waiting: number[] = []
  private readonly tasks: PreparedScenario['tasks']
  private readonly classOf: Int32Array
  private readonly policy: SchedulingPolicy
  private readonly itemOf: ItemOf
  /** The best waiting task of each class at the last pick (-1 or a hole: none). */
  private heads: number[] = []

  constructor(prepared: Pick<PreparedScenario, 'tasks' | 'classOf' | 'orderOf'>, policy: SchedulingPolicy, itemOf?: ItemOf) {
    // The ranks are written at each pick, from the keys at its time.
    super(new Float64Array(prepared.tasks.length), prepared.orderOf)
    this.tasks = prepared.tasks
    this.itemOf = itemOf ?? ((i, nowS) => itemAt(this.tasks[i]!, nowS))
    this.classOf = prepared.classOf
    this.policy = policy
  }

  get size(): number {
    return this.waiting.length
  }

  /** The waiting tasks, in no particular order. */
  get items(): readonly number[] {
    return this.waiting
  }

  protected get classCount(): number {
    return this.heads.length
  }

  protected headOf(c: number): number {
    return this.heads[c] ?? -1
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
    return this.pickHead(canPlace, backfill)
  }
}
