import { DECODE } from '../engine/serving/listener.ts'
import { chunkOf, type ServingLog } from './serving-log.ts'

/** An iteration's batch, entry by entry: the request, the tokens it computes, its kind, the tokens it had computed before. */
export interface BatchEntries {
  readonly requests: number[]
  readonly tokens: number[]
  readonly kinds: number[]
  readonly computed: number[]
}

/**
 * The batch of iteration segment `s`, read back from its delta (serving-log.ts): from the
 * replica's last whole batch before it, each iteration keeps the entries its base had but
 * for those removed, each as a decode of one token after what it computed then, and takes
 * its explicit entries over (changed ones) or after them (new ones). The worker sends a batch
 * whole at least every KEYFRAME_EVERY iterations of a replica (worker/batch-delta.ts), so
 * this replays at most that many.
 */
export function batchEntries(log: ServingLog, s: number): BatchEntries {
  const chain: number[] = []
  for (let at = s; at >= 0; at = log.base.data[at]!) chain.push(at)
  let out: BatchEntries = { requests: [], tokens: [], kinds: [], computed: [] }
  for (let c = chain.length - 1; c >= 0; c--) {
    const it = chain[c]!
    const { removed, order, entries, tokens, computed } = chunkOf(log, it)
    const next: BatchEntries = { requests: [], tokens: [], kinds: [], computed: [] }
    if (log.base.data[it]! >= 0) {
      const from = log.removedOffset.data[it]!
      const to = from + log.removedCount.data[it]!
      // Kept entries lead the batch in the base's order, or go where the permutation puts them.
      const moved = log.orderOffset.data[it]!
      for (let j = 0, r = from, kept = 0; j < out.requests.length; j++) {
        if (r < to && removed[r] === j) {
          r += 1
          continue
        }
        const k = moved < 0 ? kept : order[moved + kept]!
        kept += 1
        next.requests[k] = out.requests[j]!
        next.tokens[k] = 1
        next.kinds[k] = DECODE
        next.computed[k] = out.computed[j]! + out.tokens[j]!
      }
    }
    const from = log.explicitOffset.data[it]!
    for (let e = from; e < from + log.explicitCount.data[it]!; e++) {
      const k = entries[3 * e]!
      next.requests[k] = entries[3 * e + 1]!
      next.tokens[k] = tokens[e]!
      next.kinds[k] = entries[3 * e + 2]!
      next.computed[k] = computed[e]!
    }
    out = next
  }
  return out
}
