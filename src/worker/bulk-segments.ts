import { GrowableFloat64, GrowableInt32 } from '../engine/growable.ts'
import { packArrays, type SpareBuffers } from './packed-arrays.ts'

/**
 * The segments of one kind streamed as columns rather than as events (recorder.ts): a serving
 * run opens 142,352 iteration segments per algorithm for 10,000 requests on 64 replicas, and
 * the page applying them one event at a time cost it about a second over the run. The page
 * appends these with one `TypedArray.set` per column (track.ts appendColumns).
 *
 * Everything here is what the page's track would have computed applying the same segments as
 * events, worked out by the worker: the positions of the opened segments' resources in the
 * track's resource list, and the longest segment seen (track.ts maxLengthS, maxSteps).
 */
export interface BulkSegments {
  /** The kind's code (SegmentBatch.kinds). */
  readonly code: number
  /** Per segment opened, in open order: its item, open step, t0, planned end (NaN: unknown), resources. */
  readonly item: Int32Array
  readonly stepOpen: Int32Array
  readonly t0: Float64Array
  readonly t1: Float64Array
  readonly resCount: Uint8Array
  /** Where each segment's resources start in the track's resource list (not in `resources`). */
  readonly resOffset: Int32Array
  /** The opened segments' resources, in order (resCount each). */
  readonly resources: Int32Array
  /** Per segment closed: its position in the track, its close step and t1. */
  readonly closed: Int32Array
  readonly closeStep: Int32Array
  readonly closeT1: Float64Array
  /** The longest t1 − t0 (planned or closed) and stepClose − stepOpen (closed) among these; 0 if none. */
  readonly maxLengthS: number
  readonly maxSteps: number
}

/** The arrays of a flush (one buffer under them all: packed-arrays.ts). */
export function bulkSegmentArrays(b: BulkSegments): ArrayBufferView[] {
  return [b.item, b.stepOpen, b.t0, b.t1, b.resCount, b.resOffset, b.resources, b.closed, b.closeStep, b.closeT1]
}

/** Collects one kind's opens and closes between flushes (the worker's side of BulkSegments). */
export class BulkSegmentWriter {
  private readonly item = new GrowableInt32()
  private readonly stepOpen = new GrowableInt32()
  private readonly t0 = new GrowableFloat64()
  private readonly t1 = new GrowableFloat64()
  private readonly resCount = new GrowableInt32()
  private readonly resOffset = new GrowableInt32()
  private readonly resources = new GrowableInt32()
  private readonly closed = new GrowableInt32()
  private readonly closeStep = new GrowableInt32()
  private readonly closeT1 = new GrowableFloat64()
  /** Per item: the open step and t0 of its open segment (a close needs them for maxSteps and maxLengthS). */
  private readonly openStepOf: Int32Array
  private readonly openT0Of: Float64Array
  /** Resources written over the whole run (the track's resource list length). */
  private resourcesSoFar = 0
  private maxLengthS = 0
  private maxSteps = 0

  constructor(
    readonly code: number,
    itemCount: number,
  ) {
    this.openStepOf = new Int32Array(itemCount)
    this.openT0Of = new Float64Array(itemCount)
  }

  open(item: number, step: number, t0: number, plannedEnd: number, resources: ArrayLike<number>): void {
    this.item.push(item)
    this.stepOpen.push(step)
    this.t0.push(t0)
    this.t1.push(plannedEnd)
    this.resCount.push(resources.length)
    this.resOffset.push(this.resourcesSoFar)
    for (let r = 0; r < resources.length; r++) this.resources.push(resources[r]!)
    this.resourcesSoFar += resources.length
    this.openStepOf[item] = step
    this.openT0Of[item] = t0
    // As track.ts openSegment: a NaN end compares false and leaves it.
    if (plannedEnd - t0 > this.maxLengthS) this.maxLengthS = plannedEnd - t0
  }

  close(item: number, segment: number, step: number, t1: number): void {
    this.closed.push(segment)
    this.closeStep.push(step)
    this.closeT1.push(t1)
    const t0 = this.openT0Of[item]!
    if (t1 - t0 > this.maxLengthS) this.maxLengthS = t1 - t0
    const steps = step - this.openStepOf[item]!
    if (steps > this.maxSteps) this.maxSteps = steps
  }

  /** `spare`: buffers the page gave back, to pack into (packed-arrays.ts). */
  flush(spare?: SpareBuffers): BulkSegments {
    const [item, stepOpen, t0, t1, resCount, resOffset, resources, closed, closeStep, closeT1] = packArrays([
      this.item.used(),
      this.stepOpen.used(),
      this.t0.used(),
      this.t1.used(),
      Uint8Array.from(this.resCount.used()),
      this.resOffset.used(),
      this.resources.used(),
      this.closed.used(),
      this.closeStep.used(),
      this.closeT1.used(),
    ] as const, spare)
    const out: BulkSegments = { code: this.code, item, stepOpen, t0, t1, resCount, resOffset, resources, closed, closeStep, closeT1, maxLengthS: this.maxLengthS, maxSteps: this.maxSteps }
    for (const g of [this.item, this.stepOpen, this.t0, this.t1, this.resCount, this.resOffset, this.resources, this.closed, this.closeStep, this.closeT1]) g.clear()
    this.maxLengthS = 0
    this.maxSteps = 0
    return out
  }
}
