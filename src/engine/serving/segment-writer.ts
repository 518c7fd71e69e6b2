import { ADMIT, FINISH, PREEMPT, REJECT, REJECTED, SERVING_KINDS, WAITING, type SegmentKind, type ServingRecordListener } from '../segments.ts'
import { MAX_STEPS } from '../workloads/limits.ts'
import type { ServingListener } from './listener.ts'
import type { PreparedServing } from './prepare.ts'

/** The segment kind of each BatchKind (listener.ts). */
const ENTRY_KINDS: readonly SegmentKind[] = [SERVING_KINDS.prefill, SERVING_KINDS.decode, SERVING_KINDS.recompute]
const NONE: readonly number[] = []

/**
 * The first step whose time (k × dt) is at or after t: a segment [t0, t1) covers the steps
 * from stepAt(t0) to before stepAt(t1). Steps are capped at MAX_STEPS (the page's columns are
 * 32-bit); an unlimited run past it shows its end at that step.
 */
export function stepAt(dtS: number, t: number): number {
  let k = Math.ceil(t / dtS)
  if (k > 0 && (k - 1) * dtS >= t) k -= 1
  else if (k * dtS < t) k += 1
  return Math.min(k, MAX_STEPS)
}

/**
 * Turns a serving run's events (listener.ts) into segments and decisions in the engine's
 * vocabulary (segments.ts SERVING_KINDS), told to `out` in time order, so a worker streams a
 * serving run as it streams a job run. Consecutive iterations of one kind of a request on its
 * replica make one segment: the segment closes at the end of the last iteration it was in,
 * when the request leaves, changes kind, or its replica runs an iteration without it.
 * `finish()` closes what is still open once the run is over (requests still waiting stay open).
 */
export function createSegmentWriter(prepared: PreparedServing, dtS: number, out: ServingRecordListener): ServingListener & { finish(): void } {
  const n = prepared.tasks.length
  const step = (t: number) => stepAt(dtS, t)
  /** The kind of each request's open segment ('' none), where its run segment is, and when its last iteration ended. */
  const openKind: SegmentKind[] = new Array<SegmentKind>(n).fill('')
  const runReplica = new Int32Array(n).fill(-1)
  const lastEnd = new Float64Array(n)
  const stamp = new Int32Array(n).fill(-1)
  /** Per replica: requests whose run segment may be open on it (its last batch), and a spare list to swap in. */
  const openOn: number[][] = prepared.replicas.map(() => [])
  const spare: number[][] = prepared.replicas.map(() => [])
  let iterationSerial = 0

  const open = (r: number, kind: SegmentKind, t: number) => {
    openKind[r] = kind
    out.open(r, kind, step(t), t, NONE, NaN)
  }
  const close = (r: number, t: number) => {
    const kind = openKind[r]!
    if (kind === '') return
    openKind[r] = ''
    runReplica[r] = -1
    out.close(r, kind, step(t), t)
  }
  /** A request's run segment ends with the last iteration it was in. */
  const closeRun = (r: number) => {
    if (runReplica[r]! >= 0) close(r, lastEnd[r]!)
  }

  return {
    arrived(r, t) {
      open(r, WAITING, t)
    },
    rejected(r, t) {
      out.open(r, REJECTED, step(t), t, NONE, t)
      out.close(r, REJECTED, step(t), t)
      out.servingDecided(step(t), t, REJECT, r, -1, -1, -1)
    },
    admitted(r, replica, t, queueLength) {
      close(r, t)
      out.servingDecided(step(t), t, ADMIT, r, replica, queueLength, -1)
    },
    preempted(r, replica, t, forRequest, _blocksNeeded, generated) {
      closeRun(r)
      open(r, SERVING_KINDS.preempted, t)
      out.servingDecided(step(t), t, PREEMPT, r, replica, forRequest, generated)
    },
    iteration(replica, t0, t1, requests, tokens, computed, usedBlocks, _queueLength, kinds) {
      const serial = iterationSerial++
      for (let k = 0; k < requests.length; k++) stamp[requests[k]!] = serial
      // Requests of this replica left out of its batch (the budget ran out) stop here.
      const before = openOn[replica]!
      for (const r of before) if (stamp[r] !== serial && runReplica[r] === replica) closeRun(r)
      const now = spare[replica]!
      now.length = 0
      for (let k = 0; k < requests.length; k++) {
        const r = requests[k]!
        const kind = ENTRY_KINDS[kinds[k]!]!
        if (!(runReplica[r] === replica && openKind[r] === kind && lastEnd[r] === t0)) {
          closeRun(r)
          open(r, kind, t0)
          runReplica[r] = replica
        }
        lastEnd[r] = t1
        now.push(r)
      }
      openOn[replica] = now
      spare[replica] = before
      out.open(n + replica, SERVING_KINDS.iteration, step(t0), t0, prepared.replicas[replica]!.gpus, t1)
      out.iterationBatch(replica, requests, tokens, kinds, usedBlocks, computed)
    },
    finished(r, replica, t) {
      closeRun(r)
      out.servingDecided(step(t), t, FINISH, r, replica, prepared.outputTokens[r]!, -1)
    },
    ended(replica, t) {
      out.close(n + replica, SERVING_KINDS.iteration, step(t), t)
    },
    finish() {
      for (let r = 0; r < n; r++) closeRun(r)
    },
  }
}
