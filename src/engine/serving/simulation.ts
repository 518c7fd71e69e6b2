import { KeyedHeap } from '../heap.ts'
import type { SchedulingPolicy } from '../policies/policy.ts'
import { endIteration, startIteration } from './iteration.ts'
import type { ServingListener } from './listener.ts'
import type { PreparedServing } from './prepare.ts'
import { createRunState, QUEUED, REJECTED, type RunState } from './state.ts'

/** One policy's serving run, advanced event time by event time (so a worker can stream it in pieces). */
export interface ServingSimulation {
  readonly state: RunState
  /** Time of the next event (an arrival before the horizon, or an iteration's end); Infinity once over. */
  readonly nextEventS: number
  /** Time of the last event handled (0 before any). */
  readonly lastEventS: number
  /** Requests that have arrived (joined a queue or been rejected). */
  readonly arrivedCount: number
  readonly done: boolean
  /** Handles every event at times <= tS. */
  advanceTo(tS: number): void
  /** Handles the next event time; false once the run is over. */
  advance(): boolean
}

/**
 * The event loop (docs/serving.md "Time, events and the horizon"). At one time t, in this
 * order: iterations ending at t end (replica order); requests arriving at or before t join
 * their model's queue (arrival order), or are rejected with their reason; idle replicas start
 * iterations (replica order). Iterations start only while t < max time; one in progress at
 * the horizon completes. Requests arriving at or after max time never join (unfinished).
 */
export function createServingSimulation(prepared: PreparedServing, policy: SchedulingPolicy, listener?: ServingListener): ServingSimulation {
  const s = createRunState(prepared, policy, listener)
  const { req, replicas } = s
  const { byArrival, arrivalS } = prepared
  const maxTimeS = prepared.scenario.maxTimeS
  const n = byArrival.length
  const endS = new Float64Array(replicas.length)
  // Replicas by the end of their iteration, ties to the lower replica.
  const ends = new KeyedHeap(endS, Int32Array.from(replicas.keys()), replicas.length)
  // Idle replicas as a bitset, so that an event time looks at those only (in replica order):
  // under load nearly every replica is busy, and there are many replicas and event times.
  const idle = new Uint32Array(Math.ceil(replicas.length / 32))
  for (let r = 0; r < replicas.length; r++) idle[r >> 5] = idle[r >> 5]! | (1 << (r & 31))
  let next = 0
  let last = 0
  const nextArrival = () => (next < n && arrivalS[byArrival[next]!]! < maxTimeS ? arrivalS[byArrival[next]!]! : Infinity)
  const nextEvent = () => Math.min(nextArrival(), ends.size > 0 ? endS[ends.peek()]! : Infinity)

  function handle(t: number): void {
    last = t
    while (ends.size > 0 && endS[ends.peek()]! <= t) {
      const r = ends.pop()
      endIteration(s, replicas[r]!, t)
      idle[r >> 5] = idle[r >> 5]! | (1 << (r & 31))
    }
    while (nextArrival() <= t) {
      const id = byArrival[next++]!
      const reason = prepared.rejection[id]
      if (reason !== null) {
        req.place[id] = REJECTED
        s.listener?.rejected(id, t, reason!)
        continue
      }
      req.place[id] = QUEUED
      s.queues[prepared.requestModel[id]!]!.push(id, t)
      s.listener?.arrived(id, t)
    }
    if (t >= maxTimeS) return
    for (let w = 0; w < idle.length; w++) {
      for (let bits = idle[w]!; bits !== 0; bits &= bits - 1) {
        const r = (w << 5) | (31 - Math.clz32(bits & -bits))
        const rs = replicas[r]!
        if (rs.running.length === 0 && s.queues[rs.model]!.size === 0) continue
        const end = startIteration(s, rs, t)
        if (end < 0) continue
        idle[w] = idle[w]! & ~(1 << (r & 31))
        endS[r] = end
        ends.push(r)
      }
    }
  }

  const sim: ServingSimulation = {
    state: s,
    get nextEventS() {
      return nextEvent()
    },
    get lastEventS() {
      return last
    },
    get arrivedCount() {
      return next
    },
    get done() {
      return nextEvent() === Infinity
    },
    advanceTo(tS) {
      for (let t = nextEvent(); t <= tS && t !== Infinity; t = nextEvent()) handle(t)
    },
    advance() {
      const t = nextEvent()
      if (t === Infinity) return false
      handle(t)
      return true
    },
  }
  return sim
}
