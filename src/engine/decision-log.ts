import { GrowableInt32 } from './growable.ts'
import type { Decision } from './results.ts'

/**
 * Scheduling decisions as columns (a run makes one per start, plus the notable waits), so a
 * 100,000-task run does not allocate an object per decision. `toDecisions` builds objects on
 * demand. The passed-over tasks of decision d are passed.data[passedOffset[d] .. passedOffset[d + 1]).
 */
export class DecisionLog {
  readonly step = new GrowableInt32()
  readonly task = new GrowableInt32()
  readonly freeGpus = new GrowableInt32()
  readonly queueLength = new GrowableInt32()
  readonly passedOffset = new GrowableInt32()
  readonly passed = new GrowableInt32()
  /** Times of the steps (the reference clock's float sum, so not always step × dt). */
  readonly timeS: number[] = []

  get length(): number {
    return this.step.length
  }

  /** Appends a decision whose passed-over tasks were pushed onto `passed` from index `passedFrom`. */
  add(step: number, timeS: number, task: number, freeGpus: number, queueLength: number, passedFrom: number): void {
    this.step.push(step)
    this.task.push(task)
    this.freeGpus.push(freeGpus)
    this.queueLength.push(queueLength)
    this.passedOffset.push(passedFrom)
    this.timeS.push(timeS)
  }

  /**
   * Appends decisions given as (step, task, freeGpus, queueLength, passedCount) records and
   * their passed-over tasks (a streamed batch), column by column; their times are unknown (NaN).
   */
  appendRecords(records: Int32Array, passed: Int32Array): void {
    const n = records.length / 5
    const columns = [this.step, this.task, this.freeGpus, this.queueLength, this.passedOffset]
    for (const c of columns) c.reserve(n)
    const at = this.step.length
    const [step, task, free, queue, offset] = columns.map((c) => c.data) as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array]
    let from = this.passed.length
    for (let d = 0; d < n; d++) {
      const r = 5 * d
      step[at + d] = records[r]!
      task[at + d] = records[r + 1]!
      free[at + d] = records[r + 2]!
      queue[at + d] = records[r + 3]!
      offset[at + d] = from
      from += records[r + 4]!
      this.timeS.push(NaN)
    }
    for (const c of columns) c.length += n
    this.passed.append(passed)
  }

  passedOver(d: number): number[] {
    const from = this.passedOffset.data[d]!
    const to = d + 1 < this.passedOffset.length ? this.passedOffset.data[d + 1]! : this.passed.length
    return Array.from(this.passed.data.subarray(from, to))
  }

  toDecisions(): Decision[] {
    return Array.from({ length: this.length }, (_, d) => ({
      step: this.step.data[d]!,
      timeS: this.timeS[d]!,
      task: this.task.data[d]!,
      freeGpus: this.freeGpus.data[d]!,
      queueLength: this.queueLength.data[d]!,
      passedOver: this.passedOver(d),
    }))
  }
}
