import { GrowableFloat64, GrowableInt32 } from '../engine/growable.ts'
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
   * removed[removedOffset .. + removedCount) are the positions in the base's batch that left,
   * and explicit entries [explicitOffset .. + explicitCount) those that differ from a decode
   * after the base (serving-batches.ts reads a batch back).
   */
  readonly usedBlocks: GrowableInt32
  readonly entryCount: GrowableInt32
  readonly base: GrowableInt32
  readonly removedOffset: GrowableInt32
  readonly removedCount: GrowableInt32
  readonly explicitOffset: GrowableInt32
  readonly explicitCount: GrowableInt32
  readonly removed: GrowableInt32
  /** Per explicit entry: its position in the batch, the request, its kind (0 prefill, 1 decode, 2 recompute), its tokens and those it had computed before. */
  readonly entryPosition: GrowableInt32
  readonly entryRequest: GrowableInt32
  readonly entryKind: GrowableInt32
  readonly entryTokens: GrowableFloat64
  readonly entryComputed: GrowableFloat64
  /** Per decision: step, kind (segments.ts ADMIT...), request, replica (-1: none), time and the details a, b. */
  readonly decisionStep: GrowableInt32
  readonly decisionKind: GrowableInt32
  readonly decisionRequest: GrowableInt32
  readonly decisionReplica: GrowableInt32
  readonly decisionTimeS: GrowableFloat64
  readonly decisionA: GrowableFloat64
  readonly decisionB: GrowableFloat64
}

export function createServingLog(): ServingLog {
  const ints = () => new GrowableInt32(16)
  const floats = () => new GrowableFloat64(16)
  return {
    usedBlocks: ints(),
    entryCount: ints(),
    base: ints(),
    removedOffset: ints(),
    removedCount: ints(),
    explicitOffset: ints(),
    explicitCount: ints(),
    removed: ints(),
    entryPosition: ints(),
    entryRequest: ints(),
    entryKind: ints(),
    entryTokens: floats(),
    entryComputed: floats(),
    decisionStep: ints(),
    decisionKind: ints(),
    decisionRequest: ints(),
    decisionReplica: ints(),
    decisionTimeS: floats(),
    decisionA: floats(),
    decisionB: floats(),
  }
}

/** Appends a batch's serving columns (in place, column by column: a batch may hold 100,000 iterations). */
export function appendServing(log: ServingLog, b: SegmentBatch): void {
  const { iterations, removed, entries, entryTokens, entryComputed, servingDecisions: d, servingValues: v } = b
  const m = iterations.length / 5
  const perIteration = [log.usedBlocks, log.entryCount, log.base, log.removedOffset, log.removedCount, log.explicitOffset, log.explicitCount]
  for (const c of perIteration) c.reserve(m)
  const at = log.usedBlocks.length
  const [used, size, base, removedOffset, removedCount, explicitOffset, explicitCount] = perIteration.map((c) => c.data) as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array]
  let removedAt = log.removed.length
  let explicitAt = log.entryRequest.length
  for (let k = 0, i = 0; k < m; k++, i += 5) {
    used[at + k] = iterations[i]!
    size[at + k] = iterations[i + 1]!
    base[at + k] = iterations[i + 2]!
    removedOffset[at + k] = removedAt
    removedCount[at + k] = iterations[i + 3]!
    explicitOffset[at + k] = explicitAt
    explicitCount[at + k] = iterations[i + 4]!
    removedAt += iterations[i + 3]!
    explicitAt += iterations[i + 4]!
  }
  for (const c of perIteration) c.length += m
  log.removed.append(removed)
  const e = entries.length / 3
  const perEntry = [log.entryPosition, log.entryRequest, log.entryKind]
  for (const c of perEntry) c.reserve(e)
  const from = log.entryRequest.length
  const [position, request, kind] = perEntry.map((c) => c.data) as [Int32Array, Int32Array, Int32Array]
  for (let k = 0; k < e; k++) {
    position[from + k] = entries[3 * k]!
    request[from + k] = entries[3 * k + 1]!
    kind[from + k] = entries[3 * k + 2]!
  }
  for (const c of perEntry) c.length += e
  log.entryTokens.append(entryTokens)
  log.entryComputed.append(entryComputed)
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
