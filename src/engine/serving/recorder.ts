import { GrowableInt32 } from '../growable.ts'
import { GrowableFloat64 } from './columns.ts'
import { DECODE, type ServingListener } from './listener.ts'
import { ADMIT, FINISH, PREEMPT, REJECT, SEG_DECODE, SEG_PREEMPTED, SEG_PREFILL, SEG_QUEUED, type ServingBatch } from './serving-batch.ts'

/**
 * Records a run for the app behind the listener interface: a run that nobody listens to pays
 * nothing. `modelOf(request)` and `modelOfReplica(replica)` give model indices for the queue
 * lengths (PreparedServing.requestModel and the replicas' models).
 */
export class ServingRecorder implements ServingListener {
  private ints = { iterations: new GrowableInt32(), batch: new GrowableInt32(), segments: new GrowableInt32(), decisions: new GrowableInt32(), queues: new GrowableInt32() }
  private floats = { iterationTimes: new GrowableFloat64(), segmentTimes: new GrowableFloat64(), decisionTimes: new GrowableFloat64(), queueTimes: new GrowableFloat64() }
  /** The open segment of each request: kind (-1 none), replica, start, end so far. */
  private readonly openKind: Int8Array
  private readonly openReplica: Int32Array
  private readonly openT0: Float64Array
  private readonly openT1: Float64Array
  private readonly queueLength: Int32Array

  constructor(
    requestCount: number,
    modelCount: number,
    private readonly modelOf: (request: number) => number,
    private readonly modelOfReplica: (replica: number) => number,
  ) {
    this.openKind = new Int8Array(requestCount).fill(-1)
    this.openReplica = new Int32Array(requestCount).fill(-1)
    this.openT0 = new Float64Array(requestCount)
    this.openT1 = new Float64Array(requestCount)
    this.queueLength = new Int32Array(modelCount)
  }

  arrived(r: number, t: number): void {
    this.open(r, SEG_QUEUED, -1, t)
    this.queue(this.modelOf(r), +1, t)
  }

  rejected(r: number, t: number, _reason?: string): void {
    this.decide(REJECT, r, -1, -1, t)
  }

  admitted(r: number, replica: number, t: number, queueLength: number): void {
    this.close(r, t)
    this.decide(ADMIT, r, replica, queueLength, t)
    this.queue(this.modelOfReplica(replica), -1, t)
  }

  preempted(r: number, replica: number, t: number, forRequest: number, _blocksNeeded?: number): void {
    this.close(r, t)
    this.open(r, SEG_PREEMPTED, -1, t)
    this.decide(PREEMPT, r, replica, forRequest, t)
    this.queue(this.modelOfReplica(replica), +1, t)
  }

  iteration(replica: number, t0: number, t1: number, requests: ArrayLike<number>, tokens: ArrayLike<number>, _c: ArrayLike<number>, used: number, queueLength: number, kinds: ArrayLike<number>): void {
    const n = requests.length
    this.push4(this.ints.iterations, replica, n, used, queueLength)
    this.floats.iterationTimes.push(t0)
    this.floats.iterationTimes.push(t1)
    for (let k = 0; k < n; k++) {
      const r = requests[k]!
      this.push3(this.ints.batch, r, tokens[k]!, kinds[k]!)
      const kind = kinds[k] === DECODE ? SEG_DECODE : SEG_PREFILL
      if (this.openKind[r] === kind && this.openReplica[r] === replica) this.openT1[r] = t1
      else {
        this.close(r, t0)
        this.open(r, kind, replica, t0)
        this.openT1[r] = t1
      }
    }
  }

  finished(r: number, replica: number, t: number): void {
    this.close(r, t)
    this.decide(FINISH, r, replica, -1, t)
  }

  /** Everything since the last flush. With `endS` (the run is over), open segments close there. */
  flush(endS?: number): ServingBatch {
    if (endS !== undefined) for (let r = 0; r < this.openKind.length; r++) this.close(r, endS)
    const i = this.ints
    const f = this.floats
    const batch: ServingBatch = {
      done: endS !== undefined,
      iterations: i.iterations.toArray(),
      iterationTimes: f.iterationTimes.toArray(),
      batch: i.batch.toArray(),
      segments: i.segments.toArray(),
      segmentTimes: f.segmentTimes.toArray(),
      decisions: i.decisions.toArray(),
      decisionTimes: f.decisionTimes.toArray(),
      queues: i.queues.toArray(),
      queueTimes: f.queueTimes.toArray(),
    }
    for (const g of Object.values(i)) g.clear()
    for (const g of Object.values(f)) g.clear()
    return batch
  }

  // Fixed arities, no rest array: this runs once per batch entry of every iteration.
  private push2(g: GrowableInt32, a: number, b: number): void {
    g.push(a)
    g.push(b)
  }

  private push3(g: GrowableInt32, a: number, b: number, c: number): void {
    g.push(a)
    g.push(b)
    g.push(c)
  }

  private push4(g: GrowableInt32, a: number, b: number, c: number, d: number): void {
    this.push2(g, a, b)
    this.push2(g, c, d)
  }

  private open(r: number, kind: number, replica: number, t: number): void {
    this.openKind[r] = kind
    this.openReplica[r] = replica
    this.openT0[r] = t
    this.openT1[r] = t
  }

  /** Closes the request's open segment: a wait ends at t, a run at its last iteration's end. */
  private close(r: number, t: number): void {
    const kind = this.openKind[r]!
    if (kind < 0) return
    this.openKind[r] = -1
    const waiting = kind === SEG_QUEUED || kind === SEG_PREEMPTED
    // A request admitted as it arrives never waited: no segment.
    if (waiting && t === this.openT0[r]) return
    this.push3(this.ints.segments, r, kind, this.openReplica[r]!)
    this.floats.segmentTimes.push(this.openT0[r]!)
    this.floats.segmentTimes.push(waiting ? t : this.openT1[r]!)
  }

  private decide(kind: number, r: number, replica: number, detail: number, t: number): void {
    this.push4(this.ints.decisions, kind, r, replica, detail)
    this.floats.decisionTimes.push(t)
  }

  private queue(model: number, change: number, t: number): void {
    this.queueLength[model] = this.queueLength[model]! + change
    this.push2(this.ints.queues, model, this.queueLength[model]!)
    this.floats.queueTimes.push(t)
  }
}
