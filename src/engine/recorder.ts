import { GrowableInt32 } from './growable.ts'
import type { SimulationListener } from './simulation.ts'
import type { TimelineBatch } from './timeline.ts'

/**
 * Collects a simulation's events between flushes and hands them out as a TimelineBatch, so a
 * worker can stream a long run in pieces.
 */
export class BatchRecorder implements SimulationListener {
  private arrivals = new GrowableInt32()
  private starts = new GrowableInt32()
  private startTimes: number[] = []
  private ends = new GrowableInt32()
  private decisions = new GrowableInt32()

  arrived(task: number, step: number): void {
    this.arrivals.push(task)
    this.arrivals.push(step)
  }

  started(task: number, step: number, startS: number, finishS: number, gpus: readonly number[]): void {
    this.starts.push(task)
    this.starts.push(step)
    this.starts.push(gpus.length)
    for (const g of gpus) this.starts.push(g)
    this.startTimes.push(startS, finishS)
  }

  ended(task: number, step: number): void {
    this.ends.push(task)
    this.ends.push(step)
  }

  decided(step: number, task: number, freeGpus: number, queueLength: number, passedOver: ArrayLike<number>): void {
    this.decisions.push(step)
    this.decisions.push(task)
    this.decisions.push(freeGpus)
    this.decisions.push(queueLength)
    this.decisions.push(passedOver.length)
    for (let i = 0; i < passedOver.length; i++) this.decisions.push(passedOver[i]!)
  }

  /** Everything since the last flush; `knownStep`: every step before it is final. */
  flush(knownStep: number, done: boolean): TimelineBatch {
    const batch: TimelineBatch = {
      knownStep,
      done,
      arrivals: this.arrivals.toArray(),
      starts: this.starts.toArray(),
      startTimes: Float64Array.from(this.startTimes),
      ends: this.ends.toArray(),
      decisions: this.decisions.toArray(),
    }
    this.arrivals.clear()
    this.starts.clear()
    this.startTimes = []
    this.ends.clear()
    this.decisions.clear()
    return batch
  }
}
