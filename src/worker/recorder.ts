import { GrowableInt32 } from '../engine/growable.ts'
import type { SimulationListener } from '../engine/simulation.ts'
import type { TimelineBatch } from '../run-view/timeline.ts'

/**
 * Collects a simulation's events between flushes and hands them out as a TimelineBatch, so a
 * worker can stream a long run in pieces.
 */
export class BatchRecorder implements SimulationListener {
  private arrivals = new GrowableInt32()
  private starts = new GrowableInt32()
  private startGpus = new GrowableInt32()
  private startTimes: number[] = []
  private ends = new GrowableInt32()
  private decisions = new GrowableInt32()
  private passed = new GrowableInt32()
  private lastEventStep = 0

  arrived(task: number, step: number): void {
    this.arrivals.push(task)
    this.arrivals.push(step)
    this.lastEventStep = Math.max(this.lastEventStep, step)
  }

  started(task: number, step: number, startS: number, finishS: number, gpus: readonly number[]): void {
    this.starts.push(task)
    this.starts.push(step)
    this.starts.push(gpus.length)
    for (const g of gpus) this.startGpus.push(g)
    this.startTimes.push(startS, finishS)
    this.lastEventStep = Math.max(this.lastEventStep, step)
  }

  ended(task: number, step: number): void {
    this.ends.push(task)
    this.ends.push(step)
    this.lastEventStep = Math.max(this.lastEventStep, step)
  }

  decided(step: number, task: number, freeGpus: number, queueLength: number, passedOver: ArrayLike<number>): void {
    this.decisions.push(step)
    this.decisions.push(task)
    this.decisions.push(freeGpus)
    this.decisions.push(queueLength)
    this.decisions.push(passedOver.length)
    for (let i = 0; i < passedOver.length; i++) this.passed.push(passedOver[i]!)
  }

  /** Everything since the last flush; `knownStep`: every step before it is final. */
  flush(knownStep: number, done: boolean): TimelineBatch {
    const batch: TimelineBatch = {
      knownStep,
      done,
      lastEventStep: this.lastEventStep,
      arrivals: this.arrivals.toArray(),
      starts: this.starts.toArray(),
      startGpus: this.startGpus.toArray(),
      startTimes: Float64Array.from(this.startTimes),
      ends: this.ends.toArray(),
      decisions: this.decisions.toArray(),
      passed: this.passed.toArray(),
    }
    this.arrivals.clear()
    this.starts.clear()
    this.startGpus.clear()
    this.startTimes = []
    this.ends.clear()
    this.decisions.clear()
    this.passed.clear()
    this.lastEventStep = 0
    return batch
  }
}
