import { GrowableFloat64, GrowableInt32 } from '../engine/growable.ts'
import { SERVING_KINDS, type SegmentKind, type ServingRecordListener } from '../engine/segments.ts'
import { BatchDeltaEncoder, type BatchDeltaColumns } from './batch-delta.ts'
import { bulkSegmentArrays, BulkSegmentWriter, type BulkSegments } from './bulk-segments.ts'
import { distinctBuffers, packArrays, type SpareBuffers } from './packed-arrays.ts'

/**
 * A stretch of a run's segments, in typed arrays a worker can transfer. Events are applied in
 * order (an item may open and close several segments within one batch). The page keeps one
 * track of segments per kind, in the order they opened; a close names its segment by its
 * position in that track, so applying it needs no lookup.
 */
export interface SegmentBatch {
  /** Every step before this one is final. */
  readonly knownStep: number
  readonly done: boolean
  /** The largest step an event of the batch happened at (0 if none). */
  readonly lastEventStep: number
  /** The run's kind names so far; events refer to them by index. */
  readonly kinds: readonly SegmentKind[]
  /**
   * (code, subject, step) per event: code = 2 × kind for an open (subject: the item), 2 × kind
   * + 1 for a close (subject: the segment's position in its kind's track).
   */
  readonly events: Int32Array
  /** Per open: t0, then the planned end (NaN if unknown); per close: t1. In event order. */
  readonly times: Float64Array
  /** Per open: the resource count, then the resources. In event order. */
  readonly resources: Int32Array
  /** (step, task, freeGpus, queueLength, passedCount) records. */
  readonly decisions: Int32Array
  /** The passed-over tasks of the decisions, in their order (passedCount each). */
  readonly passed: Int32Array
  /**
   * Serving runs (empty otherwise), see ServingRecordListener and batch-delta.ts: per iteration
   * segment opened, (usedBlocks, batch size, base segment or -1, removed count, explicit count).
   */
  readonly iterations: Int32Array
  /** Positions in each iteration's base batch that left it (removed count each). */
  readonly removed: Int32Array
  /** Iterations (by their index in `iterations`) whose kept entries are reordered, and their new positions in base order (batch-delta.ts). */
  readonly reordered: Int32Array
  readonly order: Int32Array
  /** Their explicit batch entries, in order: (position, request, kind), and the tokens of each and those it had computed before. */
  readonly entries: Int32Array
  readonly entryTokens: Float64Array
  readonly entryComputed: Float64Array
  /** Serving decisions: (step, kind, request, replica), and (time, a, b) each. */
  readonly servingDecisions: Int32Array
  readonly servingValues: Float64Array
  /**
   * The segments of the kinds sent as columns (BatchRecorder's `bulkKinds`), one entry per such
   * kind seen so far; their opens and closes are not among `events`. Applied after the events:
   * each kind's track is its own, so the order between kinds does not change any track.
   */
  readonly bulk: readonly BulkSegments[]
}

/** The buffers of batches (each once), to transfer rather than copy. */
export function segmentBatchBuffers(batches: readonly SegmentBatch[]): ArrayBuffer[] {
  return distinctBuffers(
    batches.flatMap((b) => [
      b.events,
      b.times,
      b.resources,
      b.decisions,
      b.passed,
      b.iterations,
      b.removed,
      b.reordered,
      b.order,
      b.entries,
      b.entryTokens,
      b.entryComputed,
      b.servingDecisions,
      b.servingValues,
      ...b.bulk.flatMap(bulkSegmentArrays),
    ]),
  )
}

/**
 * The buffers of applied batches that the page keeps no view of (all but the serving entries
 * it keeps, serving-log.ts EntryChunk), to give back to the worker: the one under `events`
 * holds every array read once (BatchRecorder.flush), and the iterations' columns have their own.
 */
export function spentBuffers(batches: readonly SegmentBatch[]): ArrayBuffer[] {
  return distinctBuffers(batches.flatMap((b) => [b.events, ...b.bulk.flatMap(bulkSegmentArrays)]))
}

/**
 * The kinds a recorder sends as columns unless told otherwise: a serving run's iterations, the
 * most numerous segments of any run (job runs have none).
 */
export const BULK_KINDS: readonly SegmentKind[] = [SERVING_KINDS.iteration]

/**
 * Collects a simulation's segments between flushes and hands them out as a SegmentBatch, so a
 * worker can stream a long run in pieces. `itemCount`: a job run's tasks; a serving run's
 * requests and replicas (segments.ts SERVING_KINDS). Segments of `bulkKinds` go as columns
 * (SegmentBatch.bulk), the rest as events.
 */
export class BatchRecorder implements ServingRecordListener {
  private readonly kinds: SegmentKind[] = []
  private readonly codeOf = new Map<SegmentKind, number>()
  /** Per kind: segments opened so far, and the open segment of each item (-1: none). */
  private readonly opened: number[] = []
  private readonly openOf: Int32Array[] = []
  private readonly taskCount: number
  /** The last kind asked for and its code: a run mostly alternates between two or three. */
  private lastKind: SegmentKind | null = null
  private lastCode = -1
  private events = new GrowableInt32()
  private times = new GrowableFloat64()
  private resources = new GrowableInt32()
  private decisions = new GrowableInt32()
  private passed = new GrowableInt32()
  private readonly batches: Required<BatchDeltaColumns> = {
    iterations: new GrowableInt32(),
    removed: new GrowableInt32(),
    reordered: new GrowableInt32(),
    order: new GrowableInt32(),
    entries: new GrowableInt32(),
    entryTokens: new GrowableFloat64(),
    entryComputed: new GrowableFloat64(),
  }
  private servingDecisions = new GrowableInt32()
  private servingValues = new GrowableFloat64()
  private lastEventStep = 0
  /** The position of the segment opened last in its kind's track (an iteration's batch names it). */
  private lastOpened = -1
  private readonly deltas = new BatchDeltaEncoder()

  private readonly bulkKinds: readonly SegmentKind[]
  /** Per kind code: its column writer if it is sent as columns. */
  private readonly bulkOf: (BulkSegmentWriter | undefined)[] = []
  private readonly bulkWriters: BulkSegmentWriter[] = []

  /** `spare`: buffers the page gave back, for the arrays it reads once (packed-arrays.ts). */
  constructor(
    itemCount: number,
    bulkKinds: readonly SegmentKind[] = BULK_KINDS,
    private readonly spare?: SpareBuffers,
  ) {
    this.taskCount = itemCount
    this.bulkKinds = bulkKinds
  }

  private code(kind: SegmentKind): number {
    if (kind === this.lastKind) return this.lastCode
    let c = this.codeOf.get(kind)
    if (c === undefined) {
      c = this.kinds.length
      this.codeOf.set(kind, c)
      this.kinds.push(kind)
      this.opened.push(0)
      this.openOf.push(new Int32Array(this.taskCount).fill(-1))
      const bulk = this.bulkKinds.includes(kind) ? new BulkSegmentWriter(c, this.taskCount) : undefined
      this.bulkOf.push(bulk)
      if (bulk !== undefined) this.bulkWriters.push(bulk)
    }
    this.lastKind = kind
    this.lastCode = c
    return c
  }

  open(item: number, kind: SegmentKind, step: number, timeS: number, resources: ArrayLike<number>, plannedEndS: number): void {
    const c = this.code(kind)
    this.openOf[c]![item] = this.opened[c]!
    this.lastOpened = this.opened[c]!
    this.opened[c]! += 1
    if (step > this.lastEventStep) this.lastEventStep = step
    const bulk = this.bulkOf[c]
    if (bulk !== undefined) {
      bulk.open(item, step, timeS, plannedEndS, resources)
      return
    }
    this.events.push(2 * c)
    this.events.push(item)
    this.events.push(step)
    this.times.push(timeS)
    this.times.push(plannedEndS)
    this.resources.push(resources.length)
    for (let r = 0; r < resources.length; r++) this.resources.push(resources[r]!)
  }

  close(item: number, kind: SegmentKind, step: number, timeS: number): void {
    const c = this.code(kind)
    const segment = this.openOf[c]![item]!
    if (segment < 0) throw new Error(`item ${item} has no open ${kind} segment to close`)
    this.openOf[c]![item] = -1
    if (step > this.lastEventStep) this.lastEventStep = step
    const bulk = this.bulkOf[c]
    if (bulk !== undefined) {
      bulk.close(item, segment, step, timeS)
      return
    }
    this.events.push(2 * c + 1)
    this.events.push(segment)
    this.events.push(step)
    this.times.push(timeS)
  }

  decided(step: number, task: number, freeGpus: number, queueLength: number, passedOver: ArrayLike<number>): void {
    this.decisions.push(step)
    this.decisions.push(task)
    this.decisions.push(freeGpus)
    this.decisions.push(queueLength)
    this.decisions.push(passedOver.length)
    for (let i = 0; i < passedOver.length; i++) this.passed.push(passedOver[i]!)
  }

  iterationBatch(replica: number, requests: ArrayLike<number>, tokens: ArrayLike<number>, kinds: ArrayLike<number>, usedBlocks: number, computed: ArrayLike<number>): void {
    this.deltas.encode(this.batches, replica, this.lastOpened, usedBlocks, requests, tokens, kinds, computed)
  }

  servingDecided(step: number, timeS: number, kind: number, request: number, replica: number, a: number, b: number): void {
    this.servingDecisions.push(step)
    this.servingDecisions.push(kind)
    this.servingDecisions.push(request)
    this.servingDecisions.push(replica)
    this.servingValues.push(timeS)
    this.servingValues.push(a)
    this.servingValues.push(b)
    if (step > this.lastEventStep) this.lastEventStep = step
  }

  /** Everything since the last flush; `knownStep`: every step before it is final. */
  flush(knownStep: number, done: boolean): SegmentBatch {
    // What the page reads once, in one buffer; the entries it keeps (serving-log.ts EntryChunk) in another.
    const [events, times, resources, decisions, passed, iterations, reordered, servingDecisions, servingValues] = packArrays([
      this.events.used(),
      this.times.used(),
      this.resources.used(),
      this.decisions.used(),
      this.passed.used(),
      this.batches.iterations.used(),
      this.batches.reordered.used(),
      this.servingDecisions.used(),
      this.servingValues.used(),
    ] as const, this.spare)
    const { removed: r, order: o, entries: e, entryTokens: t, entryComputed: c } = this.batches
    const [removed, order, entries, entryTokens, entryComputed] = packArrays([r.used(), o.used(), e.used(), t.used(), c.used()] as const)
    const batch: SegmentBatch = {
      knownStep,
      done,
      lastEventStep: this.lastEventStep,
      kinds: [...this.kinds],
      events,
      times,
      resources,
      decisions,
      passed,
      iterations,
      removed,
      reordered,
      order,
      entries,
      entryTokens,
      entryComputed,
      servingDecisions,
      servingValues,
      bulk: this.bulkWriters.map((w) => w.flush(this.spare)),
    }
    for (const g of [this.events, this.times, this.resources, this.decisions, this.passed, ...Object.values(this.batches), this.servingDecisions, this.servingValues]) g.clear()
    this.lastEventStep = 0
    return batch
  }
}
