import { GrowableFloat64, GrowableInt32, type TakeZeroed } from '../engine/growable.ts'
import type { SegmentBatch } from '../worker/recorder.ts'

/**
 * What a serving run streams beside its segments (engine/segments.ts ServingRecordListener),
 * kept as columns: the batch of each iteration segment, by its position on the `iteration`
 * track, and the serving decisions. Empty for a job run.
 */
export interface ServingLog {
  /**
   * Per iteration segment: KV blocks used during it, its batch size, and its batch as a delta
   * from `base`, the replica's iteration before it (-1: given whole; worker/batch-delta.ts):
   * in chunk `chunk` (see EntryChunk), removed[removedOffset .. + removedCount) are the
   * positions in the base's batch that left, and explicit entries [explicitOffset ..
   * + explicitCount) those that differ from a decode after the base (serving-batches.ts reads
   * a batch back). orderOffset: where the kept entries' new positions start in the chunk's
   * `order` when the policy reordered them (-1: they lead the batch in the base's order).
   */
  readonly usedBlocks: GrowableInt32
  readonly entryCount: GrowableInt32
  readonly base: GrowableInt32
  readonly chunk: GrowableInt32
  readonly removedOffset: GrowableInt32
  readonly removedCount: GrowableInt32
  readonly explicitOffset: GrowableInt32
  readonly explicitCount: GrowableInt32
  readonly orderOffset: GrowableInt32
  /** The streamed batches' removed positions and explicit entries, one chunk a batch, as they came. */
  readonly chunks: EntryChunk[]
  /** Per decision: step, kind (segments.ts ADMIT...), request, replica (-1: none), time and the details a, b. */
  readonly decisionStep: GrowableInt32
  readonly decisionKind: GrowableInt32
  readonly decisionRequest: GrowableInt32
  readonly decisionReplica: GrowableInt32
  readonly decisionTimeS: GrowableFloat64
  readonly decisionA: GrowableFloat64
  readonly decisionB: GrowableFloat64
}

/**
 * One streamed batch's removed positions and explicit batch entries, kept as the worker sent
 * them (transferred, not copied: a 10,000-request run sends millions of entries, and copying
 * them into growing columns cost the page ~1 s of long tasks, mostly touching new memory).
 * Explicit entry e: its position in the batch entries[3e], the request entries[3e + 1], its kind
 * (0 prefill, 1 decode, 2 recompute) entries[3e + 2], its tokens and those it had computed before.
 */
export interface EntryChunk {
  readonly removed: Int32Array
  /** The new positions of reordered iterations' kept entries (worker/batch-delta.ts). */
  readonly order: Int32Array
  readonly entries: Int32Array
  readonly tokens: Float64Array
  readonly computed: Float64Array
}

/** The chunk that holds iteration segment s's removed positions and explicit entries. */
export function chunkOf(log: ServingLog, s: number): EntryChunk {
  return log.chunks[log.chunk.data[s]!]!
}

export function createServingLog(): ServingLog {
  const ints = () => new GrowableInt32(16)
  const floats = () => new GrowableFloat64(16)
  return {
    usedBlocks: ints(),
    entryCount: ints(),
    base: ints(),
    chunk: ints(),
    removedOffset: ints(),
    removedCount: ints(),
    explicitOffset: ints(),
    explicitCount: ints(),
    orderOffset: ints(),
    chunks: [],
    decisionStep: ints(),
    decisionKind: ints(),
    decisionRequest: ints(),
    decisionReplica: ints(),
    decisionTimeS: floats(),
    decisionA: floats(),
    decisionB: floats(),
  }
}

/**
 * Widens the per-iteration and decision columns ahead of need until `budget` bytes are
 * allocated, into memory from `take` if given (see growAhead in track.ts); returns the budget left.
 */
export function growServingAhead(log: ServingLog, budget: number, take?: TakeZeroed): number {
  const columns = [
    ...[log.usedBlocks, log.entryCount, log.base, log.chunk, log.removedOffset, log.removedCount, log.explicitOffset, log.explicitCount, log.orderOffset],
    ...[log.decisionStep, log.decisionKind, log.decisionRequest, log.decisionReplica, log.decisionTimeS, log.decisionA, log.decisionB],
  ]
  for (const c of columns) {
    if (budget <= 0) break
    budget -= c.growAhead(take)
  }
  return budget
}

/**
 * Appends a batch's serving columns: per iteration a row (a batch may hold 100,000 iterations),
 * its entries kept as the batch's own chunk (EntryChunk), not copied.
 */
export function appendServing(log: ServingLog, b: SegmentBatch): void {
  const { iterations, removed, reordered, order, entries, entryTokens, entryComputed, servingDecisions: d, servingValues: v } = b
  const m = iterations.length / 5
  if (m > 0) {
    const chunk = log.chunks.length
    log.chunks.push({ removed, order, entries, tokens: entryTokens, computed: entryComputed })
    const perIteration = [log.usedBlocks, log.entryCount, log.base, log.chunk, log.removedOffset, log.removedCount, log.explicitOffset, log.explicitCount, log.orderOffset]
    for (const c of perIteration) c.reserve(m)
    const at = log.usedBlocks.length
    const [used, size, base, chunkOfRow, removedOffset, removedCount, explicitOffset, explicitCount, orderOffset] = perIteration.map((c) => c.data) as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array]
    let removedAt = 0
    let explicitAt = 0
    for (let k = 0, i = 0; k < m; k++, i += 5) {
      used[at + k] = iterations[i]!
      size[at + k] = iterations[i + 1]!
      base[at + k] = iterations[i + 2]!
      chunkOfRow[at + k] = chunk
      removedOffset[at + k] = removedAt
      removedCount[at + k] = iterations[i + 3]!
      explicitOffset[at + k] = explicitAt
      explicitCount[at + k] = iterations[i + 4]!
      removedAt += iterations[i + 3]!
      explicitAt += iterations[i + 4]!
    }
    orderOffset.fill(-1, at, at + m)
    // A reordered iteration has a position for each entry its base kept.
    let orderAt = 0
    for (const k of reordered) {
      orderOffset[at + k] = orderAt
      orderAt += size[base[at + k]!]! - removedCount[at + k]!
    }
    for (const c of perIteration) c.length += m
  }
  for (let k = 0; k < d.length / 4; k++) {
    log.decisionStep.push(d[4 * k]!)
    log.decisionKind.push(d[4 * k + 1]!)
    log.decisionRequest.push(d[4 * k + 2]!)
    log.decisionReplica.push(d[4 * k + 3]!)
    log.decisionTimeS.push(v[3 * k]!)
    log.decisionA.push(v[3 * k + 1]!)
    log.decisionB.push(v[3 * k + 2]!)
  }
}
