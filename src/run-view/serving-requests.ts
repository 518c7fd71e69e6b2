import { GrowableInt32 } from '../engine/growable.ts'
import { ADMIT, FINISH, PREEMPT, REJECTED, SERVING_KINDS, WAITING, type SegmentKind } from '../engine/segments.ts'
import { DECODE, PREFILL } from '../engine/serving/listener.ts'
import type { ServingRunInfo } from './serving.ts'
import { chunkOf } from './serving-log.ts'
import { trackOf, type Timeline } from './timeline.ts'
import { segmentsOf } from './track.ts'

/** The kinds of a request's life, in the order a row lists them when two start together. */
export const REQUEST_KINDS: readonly SegmentKind[] = [WAITING, SERVING_KINDS.preempted, SERVING_KINDS.prefill, SERVING_KINDS.recompute, SERVING_KINDS.decode, REJECTED]

/** A stretch of one request's life: t1 NaN while it is open with no end known. */
export interface RequestBar {
  readonly kind: SegmentKind
  readonly t0: number
  readonly t1: number
}

/** Request r's segments (waiting, prefill, decode, preempted, recompute, rejected) in time order. */
export function requestBars(tl: Timeline, r: number): RequestBar[] {
  const out: RequestBar[] = []
  for (const kind of REQUEST_KINDS) {
    const track = trackOf(tl, kind)
    if (track === undefined) continue
    for (const s of segmentsOf(track, r, tl.taskCount)) out.push({ kind, t0: track.t0[s]!, t1: track.t1[s]! })
  }
  const rank = (k: SegmentKind) => REQUEST_KINDS.indexOf(k)
  return out.sort((a, b) => a.t0 - b.t0 || rank(a.kind) - rank(b.kind))
}

/** A prompt chunk a request computed in one iteration: prefill or recompute. */
export interface PromptChunk {
  readonly t0: number
  readonly t1: number
  readonly tokens: number
  readonly kind: typeof PREFILL | 2
}

/**
 * What the request view tells of each request, read from the run's iterations and decisions as
 * they stream in (each one read once): first token as servingOutcomes computes it (the end of
 * the iteration whose prefill chunk completes the prompt), finish, preemptions, the replica
 * it last joined, and its prompt chunks (decode iterations, one a token, are not indexed).
 */
export interface RequestFacts {
  /** NaN: not yet. */
  readonly firstTokenS: Float64Array
  readonly finishS: Float64Array
  readonly preemptions: Int32Array
  /** -1: none yet. */
  readonly replica: Int32Array
  /** Prompt chunks as a list per request: head, then next; each chunk's iteration segment and entry. */
  readonly chunkHead: Int32Array
  readonly chunkTail: Int32Array
  readonly chunkNext: GrowableInt32
  readonly chunkSegment: GrowableInt32
  readonly chunkEntry: GrowableInt32
  iterationsRead: number
  decisionsRead: number
}

const facts = new WeakMap<Timeline, RequestFacts>()

/** How many of the run's iterations the request facts have read so far (0 before any read). */
export const requestFactsRead = (tl: Timeline): number => facts.get(tl)?.iterationsRead ?? 0

export function requestFacts(tl: Timeline, info: Pick<ServingRunInfo, 'inputTokens'>): RequestFacts {
  const n = tl.taskCount
  let f = facts.get(tl)
  if (f === undefined) {
    f = {
      firstTokenS: new Float64Array(n).fill(NaN),
      finishS: new Float64Array(n).fill(NaN),
      preemptions: new Int32Array(n),
      replica: new Int32Array(n).fill(-1),
      chunkHead: new Int32Array(n).fill(-1),
      chunkTail: new Int32Array(n).fill(-1),
      chunkNext: new GrowableInt32(64),
      chunkSegment: new GrowableInt32(64),
      chunkEntry: new GrowableInt32(64),
      iterationsRead: 0,
      decisionsRead: 0,
    }
    facts.set(tl, f)
  }
  const track = trackOf(tl, SERVING_KINDS.iteration)
  const log = tl.serving
  const iterations = track === undefined ? 0 : Math.min(track.length, log.entryCount.length)
  for (let s = f.iterationsRead; s < iterations; s++) {
    // Only a batch's explicit entries can be prompt chunks: the rest are decodes (serving-log.ts).
    const at = log.explicitOffset.data[s]!
    const { entries, tokens, computed } = chunkOf(log, s)
    for (let e = at; e < at + log.explicitCount.data[s]!; e++) {
      const kind = entries[3 * e + 2]!
      if (kind === DECODE) continue
      const r = entries[3 * e + 1]!
      if (kind === PREFILL && Number.isNaN(f.firstTokenS[r]!) && computed[e]! + tokens[e]! === info.inputTokens[r]) f.firstTokenS[r] = track!.t1[s]!
      const c = f.chunkSegment.length
      f.chunkSegment.push(s)
      f.chunkEntry.push(e)
      f.chunkNext.push(-1)
      if (f.chunkHead[r] === -1) f.chunkHead[r] = c
      else f.chunkNext.data[f.chunkTail[r]!] = c
      f.chunkTail[r] = c
    }
  }
  f.iterationsRead = iterations
  for (let d = f.decisionsRead; d < log.decisionKind.length; d++) {
    const r = log.decisionRequest.data[d]!
    const kind = log.decisionKind.data[d]
    if (kind === FINISH) {
      f.finishS[r] = log.decisionTimeS.data[d]!
      f.replica[r] = log.decisionReplica.data[d]!
    } else if (kind === PREEMPT) f.preemptions[r]! += 1
    else if (kind === ADMIT) f.replica[r] = log.decisionReplica.data[d]!
  }
  f.decisionsRead = log.decisionKind.length
  return f
}

/** Request r's prompt chunks in the order it computed them. */
export function promptChunks(tl: Timeline, f: RequestFacts, r: number): PromptChunk[] {
  const track = trackOf(tl, SERVING_KINDS.iteration)
  const out: PromptChunk[] = []
  if (track === undefined) return out
  for (let c = f.chunkHead[r]!; c >= 0; c = f.chunkNext.data[c]!) {
    const s = f.chunkSegment.data[c]!
    const e = f.chunkEntry.data[c]!
    const { entries, tokens } = chunkOf(tl.serving, s)
    out.push({ t0: track.t0[s]!, t1: track.t1[s]!, tokens: tokens[e]!, kind: entries[3 * e + 2] === PREFILL ? PREFILL : 2 })
  }
  return out
}
