import { SERVING_KINDS } from '../engine/segments.ts'
import type { SloSpec } from '../engine/serving/types.ts'
import { SeriesBuilder, type StepSeries } from './series.ts'
import type { ServingRunInfo } from './serving.ts'
import type { ServingOutcome } from './serving-outcomes.ts'
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
export function bucketRates(times: readonly number[], amounts: readonly number[], bucketS: number): StepSeries {
  const sums: number[] = []
  times.forEach((t, k) => {
    const b = Math.floor(t / bucketS)
    sums[b] = (sums[b] ?? 0) + amounts[k]!
  })
  const out = new SeriesBuilder(sums.length + 2)
  out.push(0, 0)
  for (let b = 0; b < sums.length; b++) out.push(b * bucketS, (sums[b] ?? 0) / bucketS)
  out.push(sums.length * bucketS, 0)
  return out.build()
}

/** A level raised by `amount` over [t0, t1) of each interval, changes at one time netted. */
function levelOver(t0: readonly number[], t1: readonly number[], amount: readonly number[], scale: number): StepSeries {
  const events = t0.flatMap((t, k) => [[t, amount[k]!] as const, [t1[k]!, -amount[k]!] as const]).sort((a, b) => a[0] - b[0])
  const out = new SeriesBuilder(events.length + 1)
  out.push(0, 0)
  // Whole counts are summed, then scaled: no rounding accumulates over a long run.
  let level = 0
  for (let e = 0; e < events.length; ) {
    const t = events[e]![0]
    for (; e < events.length && events[e]![0] === t; e++) level += events[e]![1]
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
  const track = trackOf(tl, SERVING_KINDS.iteration)
  const log = tl.serving
  const count = track === undefined ? 0 : Math.min(track.length, log.entryCount.length)
  const generated = new Float64Array(tl.taskCount)
  const tokenTimes: number[] = []
  const tokenCounts: number[] = []
  const t0: number[] = []
  const t1: number[] = []
  const batch: number[] = []
  const used: number[] = []
  for (let s = 0; s < count; s++) {
    const at = log.entryOffset.data[s]!
    const n = log.entryCount.data[s]!
    let sampled = 0
    for (let e = at; e < at + n; e++) {
      const r = log.entryRequest.data[e]!
      if (log.entryComputed.data[e]! + log.entryTokens.data[e]! === info.inputTokens[r]! + generated[r]!) {
        generated[r]! += 1
        sampled += 1
      }
    }
    tokenTimes.push(track!.t1[s]!)
    tokenCounts.push(sampled)
    t0.push(track!.t0[s]!)
    t1.push(track!.t1[s]!)
    batch.push(n)
    used.push(log.usedBlocks.data[s]!)
  }
  const totalBlocks = info.replicas.reduce((sum, r) => sum + r.blocks, 0)
  const finished = outcomes.flatMap((o, r) => (o.completionS === null || o.firstTokenS === null ? [] : [{ r, fin: o.completionS, good: withinSlo(o, r, info, slo) }]))
  const good = finished.filter((f) => f.good)
  const finishes = finished.map((f) => f.fin)
  return {
    throughput: bucketRates(tokenTimes, tokenCounts, bucketS),
    goodput: bucketRates(good.map((f) => f.fin), good.map(() => 1), bucketS),
    throughputSoFar: rateSoFar(finishes, finished.map((f) => info.outputTokens[f.r]!)),
    goodputSoFar: rateSoFar(finishes, finished.map((f) => (f.good ? 1 : 0))),
    batchSize: levelOver(t0, t1, batch, 1),
    kvUse: levelOver(t0, t1, used, totalBlocks > 0 ? 1 / totalBlocks : 0),
  }
}

/** TTFT <= ttftS and, with more than one output token, TPOT <= tpotS (the engine's goodput rule). */
function withinSlo(o: ServingOutcome, r: number, info: ServingRunInfo, slo: SloSpec): boolean {
  const out = info.outputTokens[r]!
  const ttftOk = o.firstTokenS! - info.arrivalS[r]! <= slo.ttftS
  return ttftOk && (out <= 1 || (o.completionS! - o.firstTokenS!) / (out - 1) <= slo.tpotS)
}

/**
 * From each finish time f on: Σ amounts of finishes at or before f, over f (the Results' rates
 * over the run cut at f). At the last finish this is the engine's rate over the makespan; the amounts are whole numbers, so the sum does
 * not depend on the order and the division is the engine's to the bit.
 */
function rateSoFar(times: readonly number[], amounts: readonly number[]): StepSeries {
  const order = times.map((_, k) => k).sort((a, b) => times[a]! - times[b]!)
  const out = new SeriesBuilder(times.length + 1)
  out.push(0, 0)
  let sum = 0
  for (const k of order) {
    sum += amounts[k]!
    if (times[k]! > 0) out.push(times[k]!, sum / times[k]!)
  }
  return out.build()
}
