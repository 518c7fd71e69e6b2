import { GrowableFloat64, GrowableInt32 } from '../engine/growable.ts'
import type { SegmentBatch } from '../worker/recorder.ts'

/**
 * What a serving run streams beside its segments (engine/segments.ts ServingRecordListener),
 * kept as columns: the batch of each iteration segment, by its position on the `iteration`
 * track, and the serving decisions. Empty for a job run.
 */
export interface ServingLog {
  /** Per iteration segment: KV blocks used during it, and its entries: entry[entryOffset .. + entryCount). */
  readonly usedBlocks: GrowableInt32
  readonly entryOffset: GrowableInt32
  readonly entryCount: GrowableInt32
  /** Per entry: the request, its kind (0 prefill, 1 decode, 2 recompute), its tokens and those it had computed before. */
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
    entryOffset: ints(),
    entryCount: ints(),
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

/** Appends a batch's serving columns (in place). */
export function appendServing(log: ServingLog, b: SegmentBatch): void {
  const { iterations, entries, entryTokens, entryComputed, servingDecisions: d, servingValues: v } = b
  let offset = log.entryRequest.length
  for (let i = 0; i < iterations.length; i += 2) {
    log.usedBlocks.push(iterations[i]!)
    log.entryOffset.push(offset)
    log.entryCount.push(iterations[i + 1]!)
    offset += iterations[i + 1]!
  }
  for (let e = 0; e < entries.length; e += 2) {
    log.entryRequest.push(entries[e]!)
    log.entryKind.push(entries[e + 1]!)
  }
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
