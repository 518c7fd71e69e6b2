import { GrowableInt32 } from '../growable.ts'
import { GrowableFloat64 } from './columns.ts'
import type { ServingBatch } from './serving-batch.ts'

/** One replica at one sampled step. */
export interface ReplicaStep {
  /** The iteration running at that time (index into the iterations), or -1 while idle. */
  readonly iteration: number
  /** Its batch: requests, their tokens (prefill chunk or 1 decode token) and BatchKinds. */
  readonly requests: readonly number[]
  readonly tokens: readonly number[]
  readonly kinds: readonly number[]
  readonly usedBlocks: number
  readonly freeBlocks: number
  /** Requests waiting in its model's queue. */
  readonly queueLength: number
}

/**
 * A serving run's recorded batches, appended as they stream in. Nothing is stored per dt step:
 * stepAt rebuilds any step from the iterations (binary search per replica), so a finer dt
 * costs nothing until a step is asked for. An idle replica holds no blocks: a replica with
 * running requests always has a non-empty batch.
 */
export class ServingTimeline {
  readonly iterations = new GrowableInt32()
  readonly iterationTimes = new GrowableFloat64()
  /** Offset of each iteration's entries in `batch` (entries are 3 numbers each). */
  readonly batchOffset = new GrowableInt32()
  readonly batch = new GrowableInt32()
  readonly segments = new GrowableInt32()
  readonly segmentTimes = new GrowableFloat64()
  readonly decisions = new GrowableInt32()
  readonly decisionTimes = new GrowableFloat64()
  private readonly byReplica: GrowableInt32[]
  private readonly queueLengths: GrowableInt32[]
  private readonly queueTimes: GrowableFloat64[]
  done = false

  constructor(
    private readonly replicaBlocks: readonly number[],
    private readonly modelOfReplica: readonly number[],
    modelCount: number,
  ) {
    this.byReplica = replicaBlocks.map(() => new GrowableInt32())
    this.queueLengths = Array.from({ length: modelCount }, () => new GrowableInt32())
    this.queueTimes = Array.from({ length: modelCount }, () => new GrowableFloat64())
  }

  append(b: ServingBatch): void {
    let offset = this.batch.length
    const first = this.iterations.length / 4
    for (let i = 0; i < b.iterations.length; i += 4) {
      const index = first + i / 4
      this.byReplica[b.iterations[i]!]!.push(index)
      this.batchOffset.push(offset)
      offset += 3 * b.iterations[i + 1]!
    }
    this.iterations.append(b.iterations)
    this.iterationTimes.append(b.iterationTimes)
    this.batch.append(b.batch)
    this.segments.append(b.segments)
    this.segmentTimes.append(b.segmentTimes)
    this.decisions.append(b.decisions)
    this.decisionTimes.append(b.decisionTimes)
    for (let i = 0; i < b.queues.length; i += 2) {
      this.queueLengths[b.queues[i]!]!.push(b.queues[i + 1]!)
      this.queueTimes[b.queues[i]!]!.push(b.queueTimes[i / 2]!)
    }
    this.done ||= b.done
  }

  /** Every replica at step k (time k · dt, computed from the integer k). */
  stepAt(step: number, dtS: number): ReplicaStep[] {
    const t = step * dtS
    return this.replicaBlocks.map((blocks, replica) => {
      const queueLength = this.queueLengthAt(this.modelOfReplica[replica]!, t)
      const list = this.byReplica[replica]!
      const k = lastAtOrBefore(list.length, (j) => this.iterationTimes.data[2 * list.data[j]!]!, t)
      const it = k >= 0 ? list.data[k]! : -1
      if (it < 0 || this.iterationTimes.data[2 * it + 1]! <= t) return { iteration: -1, requests: [], tokens: [], kinds: [], usedBlocks: 0, freeBlocks: blocks, queueLength }
      const n = this.iterations.data[4 * it + 1]!
      const used = this.iterations.data[4 * it + 2]!
      const at = this.batchOffset.data[it]!
      const entry = (field: number) => Array.from({ length: n }, (_, e) => this.batch.data[at + 3 * e + field]!)
      return { iteration: it, requests: entry(0), tokens: entry(1), kinds: entry(2), usedBlocks: used, freeBlocks: blocks - used, queueLength }
    })
  }

  /** Requests waiting for a model at time t (after every event at t). */
  queueLengthAt(model: number, t: number): number {
    const times = this.queueTimes[model]!
    const k = lastAtOrBefore(times.length, (j) => times.data[j]!, t)
    return k < 0 ? 0 : this.queueLengths[model]!.data[k]!
  }
}

/** The last index j < n with time(j) <= t (times ascending), or -1. */
function lastAtOrBefore(n: number, time: (j: number) => number, t: number): number {
  let lo = 0
  let hi = n
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (time(mid) <= t) lo = mid + 1
    else hi = mid
  }
  return lo - 1
}
