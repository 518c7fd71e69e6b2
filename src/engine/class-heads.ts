import type { GrowableInt32 } from './growable.ts'

/**
 * What the two waiting queues share: the best waiting task of each capacity class (its head),
 * tasks ranked by `rank` (smaller first) and then by input order, and the pick and the
 * passed-over answer over those heads. The heap queue keeps its heads in heaps; the scanned
 * queue finds them afresh at each pick.
 */
export abstract class ClassHeads {
  /** sign × key of each task (smaller ranks first). */
  protected readonly rank: Float64Array
  protected readonly order: Int32Array
  /** The overall best head at the last pick. */
  private lastBest = -1

  protected constructor(rank: Float64Array, order: Int32Array) {
    this.rank = rank
    this.order = order
  }

  /** How many classes there may be heads of (some may have none). */
  protected abstract get classCount(): number
  /** The best waiting task of class c now (-1: none). */
  protected abstract headOf(c: number): number

  /** The best head that fits with backfill; strict, the best head if it fits; else -1. */
  protected pickHead(canPlace: (classId: number, task: number) => boolean, backfill: boolean): number {
    let best = -1
    let bestFitting = -1
    for (let c = 0; c < this.classCount; c++) {
      const head = this.headOf(c)
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
    for (let c = 0; c < this.classCount; c++) {
      const head = this.headOf(c)
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

  protected less(a: number, b: number): boolean {
    const ra = this.rank[a]!
    const rb = this.rank[b]!
    return ra < rb || (ra === rb && this.order[a]! < this.order[b]!)
  }
}
