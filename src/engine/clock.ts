/**
 * Simulated time. Step k happens at time t(k). The exact clock computes t = k * dt from the
 * integer k (no drift) and compares times with a small relative tolerance, so an arrival at
 * 0.3 s is seen at step 3 with dt 0.1 (3 × 0.1 = 0.30000000000000004). An arrival the
 * tolerance lets a step see may lie a hair after the step's time: the loop starts such a task
 * at its arrival, never before. The reference clock adds dt to a float every step and
 * compares exactly, drift included, as the Python simulator did.
 *
 * The loop only ever moves forward, so a clock is a cursor: `advanceTo` jumps to the first
 * step (after the current one) whose time reaches a target, without visiting the steps in
 * between when it can compute them.
 */
export interface Clock {
  readonly step: number
  readonly timeS: number
  /** Is the current step inside the horizon (t < max time)? */
  beforeHorizon(): boolean
  /** Has time `x` been reached at the current step (x <= t)? */
  reached(x: number): boolean
  /** Move one step forward. */
  next(): void
  /**
   * Move to the first later step whose time reaches x, stopping at the first step at or past
   * the horizon if that comes sooner.
   */
  advanceTo(x: number): void
  /** The first step, at or after the current one, whose time reaches x (for tasks completing after the horizon). */
  stepReaching(x: number): number
}

const REL_TOL = 1e-9

/** a <= b within a relative tolerance (absolute near zero). */
export function leqTol(a: number, b: number): boolean {
  return a <= b + REL_TOL * Math.max(1, Math.abs(a), Math.abs(b))
}

/**
 * The tolerance absorbs float noise in k * dt (a few ulps), never a real part of a step: at
 * most this share of dt. Without the cap, 1e-9 × t grew past dt at large t (at 1e12 s, 1,000 s),
 * and events were seen whole steps early.
 */
const MAX_TOL_STEPS = 1e-3

/**
 * The clocks a mode can pick (modes/mode.ts): `exact` computes t = k × dt from the integer k;
 * `reference` adds dt to a float every step, as the reference does.
 */
export type ClockKind = 'exact' | 'reference'

export function createClock(kind: ClockKind, dtS: number, maxTimeS: number): Clock {
  return kind === 'reference' ? new ReferenceClock(dtS, maxTimeS) : new ExactClock(dtS, maxTimeS)
}

class ExactClock implements Clock {
  step = 0
  timeS = 0
  private readonly dtS: number
  private readonly maxTolS: number
  /** First step at or past the horizon (t >= max time within tolerance). */
  private readonly horizonStep: number

  constructor(dtS: number, maxTimeS: number) {
    this.dtS = dtS
    this.maxTolS = MAX_TOL_STEPS * dtS
    this.horizonStep = Number.isFinite(maxTimeS) ? this.stepReaching(maxTimeS) : Infinity
  }

  beforeHorizon(): boolean {
    return this.step < this.horizonStep
  }

  reached(x: number): boolean {
    return this.leq(x, this.timeS)
  }

  /** leqTol, with the tolerance capped at a small share of dt. */
  private leq(a: number, b: number): boolean {
    return a <= b + Math.min(REL_TOL * Math.max(1, Math.abs(a), Math.abs(b)), this.maxTolS)
  }

  next(): void {
    this.step += 1
    this.timeS = this.step * this.dtS
  }

  advanceTo(x: number): void {
    const target = Math.min(Math.max(this.step + 1, this.stepReaching(x)), this.horizonStep)
    this.step = Math.max(target, this.step + 1)
    this.timeS = this.step * this.dtS
  }

  /** The smallest k >= 0 with x <= k * dt (within tolerance); Infinity past what k * dt can count. */
  stepReaching(x: number): number {
    // Beyond 2^52 steps k + 1 === k: the search below would never end. Such times lie past any
    // horizon a scenario may have (limits.ts), so they are never reached.
    if (!Number.isFinite(x) || x / this.dtS > 2 ** 52) return Infinity
    let k = Math.max(0, Math.ceil(x / this.dtS) - 1)
    while (!this.leq(x, k * this.dtS)) k += 1
    while (k > 0 && this.leq(x, (k - 1) * this.dtS)) k -= 1
    return k
  }
}

class ReferenceClock implements Clock {
  step = 0
  timeS = 0
  private readonly dtS: number
  private readonly maxTimeS: number

  constructor(dtS: number, maxTimeS: number) {
    this.dtS = dtS
    this.maxTimeS = maxTimeS
  }

  beforeHorizon(): boolean {
    return this.timeS < this.maxTimeS
  }

  reached(x: number): boolean {
    return x <= this.timeS
  }

  next(): void {
    this.step += 1
    this.timeS += this.dtS
  }

  // The float sum cannot be jumped: walk it, which costs one addition per skipped step.
  advanceTo(x: number): void {
    this.next()
    while (this.timeS < x && this.timeS < this.maxTimeS) this.next()
  }

  /** Where the last stepReaching walk ended: asked for later times, the next walk goes on from there. */
  private walk = { k: -1, t: 0, x: -Infinity }

  stepReaching(x: number): number {
    if (!Number.isFinite(x)) return Infinity
    let k = this.step
    let t = this.timeS
    // Tasks still running at the horizon ask in order of finish time: resuming the last walk
    // keeps the total to one walk, not one per task. Valid as the clock never moves back and
    // the walk adds dt exactly as next() does.
    if (this.walk.k >= this.step && x >= this.walk.x) ({ k, t } = this.walk)
    while (t < x) {
      t += this.dtS
      k += 1
    }
    this.walk = { k, t, x }
    return k
  }
}

/** Steps between the reference clock's remembered times: a time costs at most this many additions. */
const CHECKPOINT_STEPS = 1024
/** Per dt: the reference clock's time at every CHECKPOINT_STEPS-th step, as far as asked. */
const referenceCheckpoints = new Map<number, number[]>()

/**
 * The time of step k on a clock, as the loop computed it: k × dt for the exact clock; for the
 * reference clock the float sum of k additions of dt (0.10999999999999999 at step 11 with dt
 * 0.01), worked out from remembered checkpoints. Every view that turns a step into seconds
 * asks here (the page through run-view/time.ts).
 */
export function timeOfStep(kind: ClockKind, dtS: number, step: number): number {
  if (kind === 'exact' || !Number.isFinite(step) || step <= 0) return step <= 0 ? 0 : step * dtS
  let points = referenceCheckpoints.get(dtS)
  if (points === undefined) referenceCheckpoints.set(dtS, (points = [0]))
  const k = Math.floor(step / CHECKPOINT_STEPS)
  while (points.length <= k) {
    let t = points[points.length - 1]!
    for (let i = 0; i < CHECKPOINT_STEPS; i++) t += dtS
    points.push(t)
  }
  let t = points[k]!
  for (let i = k * CHECKPOINT_STEPS; i < step; i++) t += dtS
  return t
}
