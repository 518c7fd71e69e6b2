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
