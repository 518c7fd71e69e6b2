import { FINISH, PREEMPT, SERVING_KINDS } from '../engine/segments.ts'
import { PREFILL } from '../engine/serving/listener.ts'
import type { ServingRunInfo } from './serving.ts'
import { trackOf, type Timeline } from './timeline.ts'

/** What the serving trace says of one request (docs/serving.md "Trace CSV"), read from a streamed run. */
export interface ServingOutcome {
  readonly firstTokenS: number | null
  readonly completionS: number | null
  readonly replica: number | null
  readonly preemptions: number
}

/**
 * Each request's first token, finish, replica and preemptions, from the run's iterations and
 * decisions: the first token lands at the end of the iteration whose prefill chunk completes
 * the prompt (computed + tokens = P; only a request with no token yet prefills), the finish and
 * its replica are the FINISH decision's, and every PREEMPT decision counts. The same floats the
 * engine's results hold, so the page writes the trace the CLI writes.
 */
export function servingOutcomes(tl: Timeline, info: ServingRunInfo): ServingOutcome[] {
  const n = tl.taskCount
  const first = new Float64Array(n).fill(NaN)
  const done = new Float64Array(n).fill(NaN)
  const replica = new Int32Array(n).fill(-1)
  const preemptions = new Int32Array(n)
  const track = trackOf(tl, SERVING_KINDS.iteration)
  const log = tl.serving
  const count = track === undefined ? 0 : Math.min(track.length, log.entryCount.length)
  for (let s = 0; s < count; s++) {
    const at = log.entryOffset.data[s]!
    for (let e = at; e < at + log.entryCount.data[s]!; e++) {
      const r = log.entryRequest.data[e]!
      if (log.entryKind.data[e] === PREFILL && log.entryComputed.data[e]! + log.entryTokens.data[e]! === info.inputTokens[r] && Number.isNaN(first[r]!)) first[r] = track!.t1[s]!
    }
  }
  for (let d = 0; d < log.decisionKind.length; d++) {
    const r = log.decisionRequest.data[d]!
    if (log.decisionKind.data[d] === FINISH) {
      done[r] = log.decisionTimeS.data[d]!
      replica[r] = log.decisionReplica.data[d]!
    } else if (log.decisionKind.data[d] === PREEMPT) preemptions[r]! += 1
  }
  const orNull = (x: number) => (Number.isNaN(x) ? null : x)
  return Array.from({ length: n }, (_, r) => ({ firstTokenS: orNull(first[r]!), completionS: orNull(done[r]!), replica: replica[r]! < 0 ? null : replica[r]!, preemptions: preemptions[r]! }))
}

/** Each completed request's latencies, sorted ascending (docs/serving.md "Metrics"): what a CDF draws. */
export interface ServingLatencies {
  readonly ttft: Float64Array
  /** Only requests with more than one output token have a TPOT. */
  readonly tpot: Float64Array
  readonly e2e: Float64Array
}

/** TTFT = first token − arrival, TPOT = (finish − first token) / (O − 1) for O > 1, E2E = finish − arrival, over completed requests. */
export function servingLatencies(outcomes: readonly ServingOutcome[], info: Pick<ServingRunInfo, 'arrivalS' | 'outputTokens'>): ServingLatencies {
  const ttft: number[] = []
  const tpot: number[] = []
  const e2e: number[] = []
  outcomes.forEach((o, r) => {
    if (o.completionS === null || o.firstTokenS === null) return
    const arrival = info.arrivalS[r]!
    ttft.push(o.firstTokenS - arrival)
    e2e.push(o.completionS - arrival)
    const out = info.outputTokens[r]!
    if (out > 1) tpot.push((o.completionS - o.firstTokenS) / (out - 1))
  })
  const sorted = (xs: number[]) => Float64Array.from(xs).sort()
  return { ttft: sorted(ttft), tpot: sorted(tpot), e2e: sorted(e2e) }
}
