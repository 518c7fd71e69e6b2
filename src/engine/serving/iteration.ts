import { DECODE, PREFILL, RECOMPUTE } from './listener.ts'
import { FINISHED, QUEUED, RUNNING, type ReplicaState, type RunState } from './state.ts'
import { attentionPairs } from '../perf/roofline.ts'

/**
 * One iteration of a replica, idle at time t (docs/serving.md, "One iteration"):
 *   1. running requests, best first in the policy's order (keys read now), each take
 *      min(tokens it needs, budget left); when the blocks for that are missing, the running
 *      request ranked last is preempted (recompute: c = 0, blocks freed, back to the queue)
 *      until they are there, or until the request itself was the one preempted;
 *   2. only if nothing was preempted, the queue's head is admitted while there is room
 *      (maxNumSeqs, budget, blocks for its first chunk); the first that does not fit stops
 *      admission (no backfill, as vLLM).
 * Returns the iteration's end time, or -1 when the batch is empty (the replica stays idle).
 */
export function startIteration(s: RunState, rs: ReplicaState, t: number): number {
  const { req, config, prepared } = s
  const { inputTokens: P, outputTokens: O } = prepared
  const bs = config.blockSize
  const run = rs.running
  for (const id of run) req.rank[id] = s.rankAt(id, t)
  if (run.length > 1) run.sort((a, b) => req.rank[a]! - req.rank[b]! || prepared.order[a]! - prepared.order[b]!)

  let budget = config.maxBatchedTokens
  let end = run.length
  let preempted = false
  rs.batchSize = 0
  for (let i = 0; i < end && budget > 0; i++) {
    const id = run[i]!
    const take = Math.min(P[id]! + req.g[id]! - req.c[id]!, budget)
    const want = Math.ceil((req.c[id]! + take) / bs)
    let tookSelf = false
    while (want - req.held[id]! > rs.free) {
      const v = run[--end]!
      preempt(s, rs, v, id, want - req.held[id]!, t)
      preempted = true
      if (v === id) {
        tookSelf = true
        break
      }
    }
    if (tookSelf) break
    take1(s, rs, id, take, want)
    budget -= take
  }
  run.length = end

  if (!preempted) {
    const queue = s.queues[rs.model]!
    while (queue.size > 0 && run.length < config.maxNumSeqs && budget > 0) {
      const id = queue.peek(t)
      // A replica admits only what could finish on it (replicas of one model may differ in size).
      if (Math.ceil((P[id]! + O[id]! - 1) / bs) > rs.replica.blocks) break
      const take = Math.min(P[id]! + req.g[id]! - req.c[id]!, budget)
      const want = Math.ceil(take / bs)
      if (want > rs.free) break
      queue.pop(t)
      req.place[id] = RUNNING
      if (Number.isNaN(req.admittedS[id]!)) req.admittedS[id] = t
      run.push(id)
      s.listener?.admitted(id, rs.replica.index, t, queue.size)
      take1(s, rs, id, take, want)
      budget -= take
    }
  }
  if (rs.batchSize === 0) return -1

  let tokens = 0
  let pairs = 0
  let context = 0
  for (let k = 0; k < rs.batchSize; k++) {
    const take = rs.batchTokens[k]!
    const c = rs.batchComputed[k]!
    tokens += take
    pairs += attentionPairs(take, c)
    context += c + take
  }
  const endS = t + prepared.preset.perfModel(rs.replica, config, tokens, pairs, context)
  rs.busy = true
  rs.startS = t
  s.iterationCount += 1
  s.batchedCount += rs.batchSize
  s.busyGpuS += (endS - t) * rs.replica.tp
  if (s.listener !== undefined) tell(s, rs, t, endS)
  return endS
}

function tell(s: RunState, rs: ReplicaState, t: number, endS: number): void {
  const n = rs.batchSize
  const kinds = rs.batchKinds
  for (let k = 0; k < n; k++) {
    const id = rs.batchRequest[k]!
    const g = s.req.g[id]!
    const c = rs.batchComputed[k]!
    const decode = c === s.prepared.inputTokens[id]! + g - 1 && rs.batchTokens[k] === 1
    kinds[k] = g === 0 ? PREFILL : decode ? DECODE : RECOMPUTE
  }
  const queueLength = s.queues[rs.model]!.size
  s.listener!.iteration(rs.replica.index, t, endS, rs.batchRequest.subarray(0, n), rs.batchTokens.subarray(0, n), rs.batchComputed.subarray(0, n), rs.replica.blocks - rs.free, queueLength, kinds.subarray(0, n))
}

/** The request takes its blocks and joins the batch. */
function take1(s: RunState, rs: ReplicaState, id: number, take: number, want: number): void {
  rs.free -= want - s.req.held[id]!
  s.req.held[id] = want
  const k = rs.batchSize++
  rs.batchRequest[k] = id
  rs.batchTokens[k] = take
  rs.batchComputed[k] = s.req.c[id]!
}

function preempt(s: RunState, rs: ReplicaState, v: number, forRequest: number, blocksNeeded: number, t: number): void {
  const { req } = s
  rs.free += req.held[v]!
  req.held[v] = 0
  req.c[v] = 0
  req.preemptions[v] = req.preemptions[v]! + 1
  req.place[v] = QUEUED
  s.preemptionCount += 1
  s.queues[rs.model]!.push(v, t)
  s.listener?.preempted(v, rs.replica.index, t, forRequest, blocksNeeded, req.g[v]!)
}

/** The iteration ends at t: tokens land, requests that reach their length sample one, finished ones leave. */
export function endIteration(s: RunState, rs: ReplicaState, t: number): void {
  const { req, prepared } = s
  let finished = 0
  for (let k = 0; k < rs.batchSize; k++) {
    const id = rs.batchRequest[k]!
    const take = rs.batchTokens[k]!
    req.c[id] = req.c[id]! + take
    req.computed[id] = req.computed[id]! + take
    if (req.c[id] !== prepared.inputTokens[id]! + req.g[id]!) continue
    req.g[id] = req.g[id]! + 1
    if (Number.isNaN(req.firstTokenS[id]!)) req.firstTokenS[id] = t
    if (req.g[id] === prepared.outputTokens[id]) {
      rs.free += req.held[id]!
      req.held[id] = 0
      req.place[id] = FINISHED
      req.finishS[id] = t
      req.replica[id] = rs.replica.index
      finished += 1
      s.listener?.finished(id, rs.replica.index, t)
    }
  }
  if (finished > 0) {
    const run = rs.running
    let w = 0
    for (let i = 0; i < run.length; i++) if (req.place[run[i]!] === RUNNING) run[w++] = run[i]!
    run.length = w
  }
  rs.busy = false
  rs.batchSize = 0
  s.listener?.ended(rs.replica.index, t)
}
