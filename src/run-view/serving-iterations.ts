import { GrowableFloat64, GrowableInt32, type TakeZeroed } from '../engine/growable.ts'
import { DECODE, PREFILL } from '../engine/serving/listener.ts'
import { chunkOf } from './serving-log.ts'
import type { Timeline } from './timeline.ts'

/**
 * What each iteration computes, summed: per iteration segment (its position on the iteration
 * track) its batch size and its tokens of each kind. The Gantt reads these for every visible
 * iteration in every frame, so they are summed once, as the run streams in, rather than from
 * the batch entries at each draw.
 */
export interface IterationMix {
  readonly batch: GrowableInt32
  readonly prefill: GrowableFloat64
  readonly decode: GrowableFloat64
  readonly recompute: GrowableFloat64
  /** The largest batch so far. */
  maxBatch: number
}

const mixes = new WeakMap<Timeline, IterationMix>()

/** The timeline's iteration mix, extended to every iteration whose batch has streamed in. */
export function iterationMix(tl: Timeline): IterationMix {
  let mix = mixes.get(tl)
  if (mix === undefined) {
    mix = { batch: new GrowableInt32(64), prefill: new GrowableFloat64(64), decode: new GrowableFloat64(64), recompute: new GrowableFloat64(64), maxBatch: 0 }
    mixes.set(tl, mix)
  }
  const log = tl.serving
  const from = mix.batch.length
  const to = log.entryCount.length
  if (to <= from) return mix
  // Columns reserved and written in place: a push per value, and the doublings from a small
  // start, made this the Gantt's largest cost in the frames of a 142,352-iteration run.
  const columns = [mix.batch, mix.prefill, mix.decode, mix.recompute] as const
  for (const c of columns) c.reserve(to - from)
  const counts = log.entryCount.data
  mix.batch.data.set(counts.subarray(from, to), from)
  const prefillOf = mix.prefill.data
  const decodeOf = mix.decode.data
  const recomputeOf = mix.recompute.data
  const explicitOffset = log.explicitOffset.data
  const explicitCount = log.explicitCount.data
  let maxBatch = mix.maxBatch
  for (let s = from; s < to; s++) {
    // A batch streams in as a delta (serving-log.ts): its entries not given explicitly are
    // decodes of one token, so only the explicit ones need reading.
    const at = explicitOffset[s]!
    const explicit = explicitCount[s]!
    const count = counts[s]!
    let prefill = 0
    let decode = count - explicit
    let recompute = 0
    if (explicit > 0) {
      const { entries, tokens: entryTokens } = chunkOf(log, s)
      for (let e = at; e < at + explicit; e++) {
        const tokens = entryTokens[e]!
        const kind = entries[3 * e + 2]!
        if (kind === PREFILL) prefill += tokens
        else if (kind === DECODE) decode += tokens
        else recompute += tokens
      }
    }
    prefillOf[s] = prefill
    decodeOf[s] = decode
    recomputeOf[s] = recompute
    if (count > maxBatch) maxBatch = count
  }
  for (const c of columns) c.length = to
  mix.maxBatch = maxBatch
  return mix
}

/**
 * Widens the columns of the timeline's mix, if it has one, ahead of need (growAhead in
 * run-view/track.ts, into memory from `take` if given) until `budget` bytes are allocated;
 * returns the budget left.
 */
export function growMixAhead(tl: Timeline, budget: number, take?: TakeZeroed): number {
  const mix = mixes.get(tl)
  if (mix === undefined) return budget
  for (const c of [mix.batch, mix.prefill, mix.decode, mix.recompute]) {
    if (budget <= 0) break
    budget -= c.growAhead(take)
  }
  return budget
}

/** The share of iteration s's tokens that are prompt tokens (prefill or recompute): 0 for pure decode. */
export function prefillShare(mix: IterationMix, s: number): number {
  const pre = mix.prefill.data[s]! + mix.recompute.data[s]!
  const all = pre + mix.decode.data[s]!
  return all === 0 ? 0 : pre / all
}
