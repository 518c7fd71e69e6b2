import { PREEMPT, SERVING_KINDS } from '../engine/segments.ts'
import { DECODE, RECOMPUTE } from '../engine/serving/listener.ts'
import type { SloSpec } from '../engine/serving/types.ts'
import { SeriesBuilder, type StepSeries } from './series.ts'
import type { ServingRunInfo } from './serving.ts'
import type { ServingOutcome } from './serving-outcomes.ts'
import { chunkOf } from './serving-log.ts'
import { trackOf, type Timeline } from './timeline.ts'

/** Serving mode's curves over time for one algorithm (docs/serving.md "Metrics over time"). */
export interface ServingSeries {
  /** Output tokens sampled per second, per bucket of `bucketS` (a token counts at its iteration's end). */
  readonly throughput: StepSeries
  /** Requests per second finishing within both SLOs, per bucket (counted at their finish). */
  readonly goodput: StepSeries
  /** The Results table's rates over the requests finished by t: Σ O (or good ones) / the latest finish by t. */
  readonly throughputSoFar: StepSeries
  readonly goodputSoFar: StepSeries
  /** Requests in the iterations running at t, summed over replicas. */
  readonly batchSize: StepSeries
  /** KV blocks held at t over every replica's blocks (0..1). */
  readonly kvUse: StepSeries
}

/** The rate per bucket of amounts landing at times: from k·bucketS on, Σ amounts in [k·b, (k+1)·b) / b. */
export function bucketRates(times: ArrayLike<number>, amounts: ArrayLike<number>, bucketS: number): StepSeries {
  let buckets = 0
  for (let k = 0; k < times.length; k++) buckets = Math.max(buckets, Math.floor(times[k]! / bucketS) + 1)
  const sums = new Float64Array(buckets)
  for (let k = 0; k < times.length; k++) sums[Math.floor(times[k]! / bucketS)]! += amounts[k]!
  const out = new SeriesBuilder(buckets + 2)
  out.push(0, 0)
  for (let b = 0; b < buckets; b++) out.push(b * bucketS, sums[b]! / bucketS)
  out.push(buckets * bucketS, 0)
  return out.build()
}

/**
 * Positions 0..n−1 in ascending order of their keys. Starts in open order already ascend (no
 * sort); ends come nearly in order (open order, a batch's length apart), so an insertion sort
 * moves each only a few places: ~10 times faster than a sort with a comparator on 142,000
 * iterations. Keys far out of order (more than MAX_SHIFTS moves each on average) or NaN fall
 * back to that sort. Ties may come in any order: levelOver nets every change at one time.
 */
export function ascending(keys: Float64Array): Uint32Array {
  const n = keys.length
  const order = new Uint32Array(n)
  for (let k = 0; k < n; k++) order[k] = k
  let shifts = 0
  const budget = MAX_SHIFTS * n
  for (let k = 1; k < n; k++) {
    const key = keys[k]!
    if (Number.isNaN(key)) return byComparator(order, keys)
    let j = k - 1
    if (!(keys[order[j]!]! > key)) continue
    while (j >= 0 && keys[order[j]!]! > key) {
      order[j + 1] = order[j]!
      j -= 1
    }
    order[j + 1] = k
    shifts += k - 1 - j
    if (shifts > budget) return byComparator(order, keys)
  }
  return order
}

const MAX_SHIFTS = 64

function byComparator(order: Uint32Array, keys: Float64Array): Uint32Array {
  for (let k = 0; k < order.length; k++) order[k] = k
  return order.sort((x, y) => keys[x]! - keys[y]!)
}

/**
 * A level raised by `amount` over [t0, t1) of each interval, changes at one time netted; in
 * steps (see servingSeriesSteps), pausing after each sort and every `stepItems` changes.
 */
function* levelOver(t0: Float64Array, t1: Float64Array, amount: Float64Array, scale: number, stepItems: number): Generator<void, StepSeries> {
  // Ends come nearly in order (open order, a batch's length apart): the sort's runs are long.
  const starts = ascending(t0)
  yield
  const ends = ascending(t1)
  yield
  const n = t0.length
  const out = new SeriesBuilder(2 * n + 1)
  out.push(0, 0)
  // Whole counts are summed, then scaled: no rounding accumulates over a long run.
  let level = 0
  let i = 0
  let j = 0
  let pause = stepItems
  while (i < n || j < n) {
    if (i + j >= pause) {
      pause += stepItems
      yield
    }
    const t = Math.min(i < n ? t0[starts[i]!]! : Infinity, j < n ? t1[ends[j]!]! : Infinity)
    for (; i < n && t0[starts[i]!]! === t; i++) level += amount[starts[i]!]!
    for (; j < n && t1[ends[j]!]! === t; j++) level -= amount[ends[j]!]!
    out.push(t, level * scale)
  }
  return out.build()
}

/**
 * The curves of one algorithm's run from its iteration segments and their batches, and the
 * requests' outcomes (servingOutcomes). A request samples a token at the end of an iteration
 * that brings its computed tokens to its length P + g (g its tokens so far): a prefill's last
 * chunk, every decode, a recompute's last chunk. Iterations are read in open order, which is
 * time order for each request.
 */
export function servingSeries(tl: Timeline, info: ServingRunInfo, outcomes: readonly ServingOutcome[], slo: SloSpec, bucketS: number): ServingSeries {
  const steps = servingSeriesSteps(tl, info, outcomes, slo, bucketS)
  for (;;) {
    const r = steps.next()
    if (r.done === true) return r.value
  }
}

/**
 * servingSeries in steps, so that the page can compute it in idle slices (timing/scheduler.ts)
 * without a long task: the value it returns at the end is servingSeries's. A step reads at most
 * `stepItems` iterations (or changes of a level), or does one sort: a step per curve, as
 * before, was 50–80 ms on 10,000 requests (142,352 iterations) on a loaded 2-core VM, and in
 * bench:ui those slices overlap playback.
 */
export function* servingSeriesSteps(
  tl: Timeline,
  info: ServingRunInfo,
  outcomes: readonly ServingOutcome[],
  slo: SloSpec,
  bucketS: number,
  stepItems = STEP_ITEMS,
): Generator<void, ServingSeries> {
  const track = trackOf(tl, SERVING_KINDS.iteration)
  const log = tl.serving
  const count = track === undefined ? 0 : Math.min(track.length, log.entryCount.length)
  const tokenCounts = new Float64Array(count)
  const t0 = track === undefined ? new Float64Array(0) : track.t0.slice(0, count)
  const t1 = track === undefined ? new Float64Array(0) : track.t1.slice(0, count)
  const batch = new Float64Array(count)
  const used = new Float64Array(count)
  // A batch streams in as a delta (serving-log.ts): the entries not given explicitly are decodes
  // of one token, and a decode always samples one; an explicit entry samples when it brings the
  // request's computed tokens to P + g. g is 0 until the first token; a recompute after a
  // preemption recomputes P + g for the g the preemption left it (its decision's b), read in
  // time order before the iteration that starts after it.
  const [offset, explicit, entries, input] = [log.explicitOffset.data, log.explicitCount.data, log.entryCount.data, info.inputTokens]
  const keptAtPreemption = new Float64Array(tl.taskCount)
  let d = 0
  for (let s = 0; s < count; s++) {
    if (s > 0 && s % stepItems === 0) yield
    for (; d < log.decisionKind.length && log.decisionTimeS.data[d]! <= t0[s]!; d++) {
      if (log.decisionKind.data[d] === PREEMPT) keptAtPreemption[log.decisionRequest.data[d]!] = log.decisionB.data[d]!
    }
    const at = offset[s]!
    const n = entries[s]!
    const chunk = chunkOf(log, s)
    let sampled = n - explicit[s]!
    for (let e = at; e < at + explicit[s]!; e++) {
      const r = chunk.entries[3 * e + 1]!
      const kind = chunk.entries[3 * e + 2]
      // A prefill's request has no token yet (after a preemption it recomputes instead).
      const length = input[r]! + (kind === RECOMPUTE ? keptAtPreemption[r]! : 0)
      if (kind === DECODE || chunk.computed[e]! + chunk.tokens[e]! === length) sampled += 1
    }
    tokenCounts[s] = sampled
    batch[s] = n
    used[s] = log.usedBlocks.data[s]!
  }
  yield
  const throughput = bucketRates(t1, tokenCounts, bucketS)
  yield
  const totalBlocks = info.replicas.reduce((sum, r) => sum + r.blocks, 0)
  const finished = outcomes.flatMap((o, r) => (o.completionS === null || o.firstTokenS === null ? [] : [{ r, fin: o.completionS, good: withinSlo(o, r, info, slo) }]))
  const good = finished.filter((f) => f.good)
  const finishes = finished.map((f) => f.fin)
  const goodput = bucketRates(good.map((f) => f.fin), good.map(() => 1), bucketS)
  yield
  // One order for both rates: the same finishes, sorted once.
  const byFinish = finishes.map((_, k) => k).sort((a, b) => finishes[a]! - finishes[b]!)
  yield
  const throughputSoFar = rateSoFar(finishes, finished.map((f) => info.outputTokens[f.r]!), byFinish)
  yield
  const goodputSoFar = rateSoFar(finishes, finished.map((f) => (f.good ? 1 : 0)), byFinish)
  yield
  const batchSize = yield* levelOver(t0, t1, batch, 1, stepItems)
  yield
  const kvUse = yield* levelOver(t0, t1, used, totalBlocks > 0 ? 1 / totalBlocks : 0, stepItems)
  return { throughput, goodput, throughputSoFar, goodputSoFar, batchSize, kvUse }
}

/**
 * Iterations read between two pauses of servingSeriesSteps: a few ms on a loaded VM. 16,384
 * made steps of 16–19 ms of thread time after a 10,000-request run (docs/performance.md,
 * "Twelfth pass"), twice the idle slice they run in, and one could land in a frame of playback.
 */
const STEP_ITEMS = 4_096

/** TTFT <= ttftS and, with more than one output token, TPOT <= tpotS (the engine's goodput rule). */
function withinSlo(o: ServingOutcome, r: number, info: ServingRunInfo, slo: SloSpec): boolean {
  const out = info.outputTokens[r]!
  const ttftOk = o.firstTokenS! - info.arrivalS[r]! <= slo.ttftS
  return ttftOk && (out <= 1 || (o.completionS! - o.firstTokenS!) / (out - 1) <= slo.tpotS)
}

/**
 * From each finish time f on: Σ amounts of finishes at or before f, over f (the Results' rates
 * over the run cut at f); `order` lists the positions of `times` in ascending order. At the
 * last finish this is the engine's rate over the makespan; the amounts are whole numbers, so
 * the sum does not depend on the order and the division is the engine's to the bit.
 */
function rateSoFar(times: readonly number[], amounts: readonly number[], order: readonly number[]): StepSeries {
  const out = new SeriesBuilder(times.length + 1)
  out.push(0, 0)
  let sum = 0
  for (const k of order) {
    sum += amounts[k]!
    if (times[k]! > 0) out.push(times[k]!, sum / times[k]!)
  }
  return out.build()
}
