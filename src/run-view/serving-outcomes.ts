import { FINISH, PREEMPT, SERVING_KINDS } from '../engine/segments.ts'
import { PREFILL } from '../engine/serving/listener.ts'
import type { ServingRunInfo } from './serving.ts'
import { chunkOf } from './serving-log.ts'
import { trackOf, type Timeline } from './timeline.ts'

/** What the serving trace says of one request (docs/serving.md "Trace CSV"), read from a streamed run. */
export interface ServingOutcome {
  readonly firstTokenS: number | null
  readonly completionS: number | null
  readonly replica: number | null
  readonly preemptions: number
}

/** The same as columns (NaN, -1: none), for readers of every request that need no objects. */
export interface ServingOutcomeColumns {
  readonly firstTokenS: Float64Array
  readonly completionS: Float64Array
  readonly replica: Int32Array
  readonly preemptions: Int32Array
}

/**
 * Each request's first token, finish, replica and preemptions, from the run's iterations and
 * decisions: the first token lands at the end of the iteration whose prefill chunk completes
 * the prompt (computed + tokens = P; only a request with no token yet prefills), the finish and
 * its replica are the FINISH decision's, and every PREEMPT decision counts. A prefill entry is
 * never predicted from the iteration before (serving-batches.ts), so only explicit entries are
 * read. The same floats the engine's results hold, so the page writes the trace the CLI writes.
 */
export function servingOutcomeColumns(tl: Timeline, info: ServingRunInfo): ServingOutcomeColumns {
  const n = tl.taskCount
  const first = new Float64Array(n).fill(NaN)
  const done = new Float64Array(n).fill(NaN)
  const replica = new Int32Array(n).fill(-1)
  const preemptions = new Int32Array(n)
  const track = trackOf(tl, SERVING_KINDS.iteration)
  const log = tl.serving
  const count = track === undefined ? 0 : Math.min(track.length, log.entryCount.length)
  for (let s = 0; s < count; s++) {
    const at = log.explicitOffset.data[s]!
    const { entries, tokens, computed } = chunkOf(log, s)
    for (let e = at; e < at + log.explicitCount.data[s]!; e++) {
      const r = entries[3 * e + 1]!
      if (entries[3 * e + 2] === PREFILL && computed[e]! + tokens[e]! === info.inputTokens[r] && Number.isNaN(first[r]!)) first[r] = track!.t1[s]!
    }
  }
  for (let d = 0; d < log.decisionKind.length; d++) {
    const r = log.decisionRequest.data[d]!
    if (log.decisionKind.data[d] === FINISH) {
      done[r] = log.decisionTimeS.data[d]!
      replica[r] = log.decisionReplica.data[d]!
    } else if (log.decisionKind.data[d] === PREEMPT) preemptions[r]! += 1
  }
  return { firstTokenS: first, completionS: done, replica, preemptions }
}

/** servingOutcomeColumns as one object per request (what the trace export writes). */
export function servingOutcomes(tl: Timeline, info: ServingRunInfo): ServingOutcome[] {
  const { firstTokenS: first, completionS: done, replica, preemptions } = servingOutcomeColumns(tl, info)
  const orNull = (x: number) => (Number.isNaN(x) ? null : x)
  return Array.from({ length: tl.taskCount }, (_, r) => ({ firstTokenS: orNull(first[r]!), completionS: orNull(done[r]!), replica: replica[r]! < 0 ? null : replica[r]!, preemptions: preemptions[r]! }))
}

/** Each completed request's latencies, sorted ascending (docs/serving.md "Metrics"): what a CDF draws. */
export interface ServingLatencies {
  readonly ttft: Float64Array
  /** Only requests with more than one output token have a TPOT. */
  readonly tpot: Float64Array
  readonly e2e: Float64Array
}

/** TTFT = first token − arrival, TPOT = (finish − first token) / (O − 1) for O > 1, E2E = finish − arrival, over completed requests. */
export function servingLatencies(outcomes: Pick<ServingOutcomeColumns, 'firstTokenS' | 'completionS'>, info: Pick<ServingRunInfo, 'arrivalS' | 'outputTokens'>): ServingLatencies {
  const { firstTokenS: first, completionS: done } = outcomes
  const n = first.length
  const ttft = new Float64Array(n)
  const tpot = new Float64Array(n)
  const e2e = new Float64Array(n)
  let k = 0
  let m = 0
  for (let r = 0; r < n; r++) {
    const f = first[r]!
    const c = done[r]!
    if (Number.isNaN(c) || Number.isNaN(f)) continue
    const arrival = info.arrivalS[r]!
    ttft[k] = f - arrival
    e2e[k] = c - arrival
    k += 1
    const out = info.outputTokens[r]!
    if (out > 1) tpot[m++] = (c - f) / (out - 1)
  }
  // Typed arrays sort by value (NaN last; none here).
  return { ttft: ttft.slice(0, k).sort(), tpot: tpot.slice(0, m).sort(), e2e: e2e.slice(0, k).sort() }
}
