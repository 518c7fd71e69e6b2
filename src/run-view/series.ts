import type { Timeline } from './timeline.ts'

/** What the series read of a run's timeline (its columns can be copied to a worker). */
export type SeriesTimeline = Pick<Timeline, 'taskCount' | 'gpuCount' | 'startedCount' | 'arrivalStep' | 'startStep' | 'endStep' | 'finishS' | 'gpuCountOf'>

/** A change point of a step function: from `timeS` on (until the next point) it is `value`. */
export type StepPoint = readonly [timeS: number, value: number]

/**
 * A step function as two columns of change points: from t[k] on (until t[k + 1]) it is v[k].
 * Times ascend, the first is 0, and every point is a real change. Columns, not an array of
 * points: a 100,000-task run has hundreds of thousands of them, rebuilt while it streams.
 */
export interface StepSeries {
  readonly t: Float64Array
  readonly v: Float64Array
}

/** A series from [time, value] change points (ascending times, first at 0, each a change). */
export function seriesFromPoints(points: readonly StepPoint[]): StepSeries {
  return { t: Float64Array.from(points, (p) => p[0]), v: Float64Array.from(points, (p) => p[1]) }
}

/** The change points as [time, value] pairs (for tests and small series). */
export function seriesPoints(s: StepSeries): StepPoint[] {
  return Array.from(s.t, (t, k) => [t, s.v[k]!] as const)
}

/**
 * Appends change points, replacing one at the same time and skipping a non-change, so what
 * comes out is a valid StepSeries.
 */
class SeriesBuilder {
  private t: Float64Array
  private v: Float64Array
  private n = 0

  constructor(capacity: number) {
    this.t = new Float64Array(Math.max(2, capacity))
    this.v = new Float64Array(Math.max(2, capacity))
  }

  push(timeS: number, value: number): void {
    const n = this.n
    if (n > 0 && this.t[n - 1] === timeS) {
      this.v[n - 1] = value
      // A replaced point may now repeat its predecessor.
      if (n > 1 && this.v[n - 2] === value) this.n -= 1
      return
    }
    if (n > 0 && this.v[n - 1] === value) return
    if (n === this.t.length) {
      const t = new Float64Array(2 * n)
      const v = new Float64Array(2 * n)
      t.set(this.t)
      v.set(this.v)
      this.t = t
      this.v = v
    }
    this.t[n] = timeS
    this.v[n] = value
    this.n = n + 1
  }

  /** Overwrites the value of the last point (keeping its time). */
  setLast(value: number): void {
    this.v[this.n - 1] = value
  }

  build(): StepSeries {
    return { t: this.t.slice(0, this.n), v: this.v.slice(0, this.n) }
  }
}

const flat = (): StepSeries => ({ t: Float64Array.of(0), v: Float64Array.of(0) })

/** What the series need of a task (a scenario TaskSpec fits). */
export interface SeriesTask {
  readonly weight: number
  readonly arrivalS: number
}

/** The three metric curves of one algorithm's run. */
export interface AlgorithmSeries {
  readonly weightedFlow: StepSeries
  readonly queueLength: StepSeries
  readonly utilization: StepSeries
}

/**
 * Σ w·(C − A) over the tasks completed by time t; a task counts from its exact finish time.
 * Every started task completes (at its finish time, even past the horizon), as in the metrics.
 * The points are summed by finish time, but the last one is re-summed in input order, as
 * computeMetrics does, so that it equals weighted_waiting_time to the last bit.
 */
export function weightedFlowSeries(tl: SeriesTimeline, tasks: readonly SeriesTask[]): StepSeries {
  // Distinct finish times, sorted natively (no comparator: this runs on every streamed update).
  const times = new Float64Array(tl.startedCount)
  let count = 0
  let inputOrderSum = 0
  for (let i = 0; i < tl.taskCount; i++) {
    if (tl.startStep[i]! < 0) continue
    times[count++] = tl.finishS[i]!
    inputOrderSum += flowOf(tl, tasks, i)
  }
  if (count === 0) return flat()
  times.subarray(0, count).sort()
  let distinct = 0
  for (let k = 0; k < count; k++) if (distinct === 0 || times[k] !== times[distinct - 1]) times[distinct++] = times[k]!
  const sums = new Float64Array(distinct)
  for (let i = 0; i < tl.taskCount; i++) {
    if (tl.startStep[i]! < 0) continue
    const k = lowerBound(times, distinct, tl.finishS[i]!)
    sums[k] = sums[k]! + flowOf(tl, tasks, i)
  }
  const out = new SeriesBuilder(distinct + 1)
  out.push(0, 0)
  let sum = 0
  for (let k = 0; k < distinct; k++) out.push(times[k]!, (sum += sums[k]!))
  out.setLast(inputOrderSum)
  return out.build()
}

function flowOf(tl: SeriesTimeline, tasks: readonly SeriesTask[], i: number): number {
  const { weight, arrivalS } = tasks[i]!
  return weight * (tl.finishS[i]! - arrivalS)
}

/** First index of a sorted array whose value is >= x. */
function lowerBound(sorted: Float64Array, length: number, x: number): number {
  let lo = 0
  let hi = length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (sorted[mid]! < x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Level changes as sortable numbers: step × 256 + amount (amount < 256: a task holds at most
 * 255 GPUs, its gpuCountOf is a byte). Sorting them natively sorts by step.
 */
const AMOUNT = 256
const change = (step: number, amount: number) => step * AMOUNT + amount

/**
 * Tasks waiting after each step's schedule stage: a task joins at its arrival step (unless it
 * was rejected: it can never run, so it never queues) and leaves at its start step.
 */
export function queueLengthSeries(tl: SeriesTimeline, rejections: readonly (string | null)[], dtS: number): StepSeries {
  const joins = new Float64Array(tl.taskCount)
  const leaves = new Float64Array(tl.taskCount)
  let j = 0
  let l = 0
  for (let i = 0; i < tl.taskCount; i++) {
    const a = tl.arrivalStep[i]!
    if (a < 0 || (rejections[i] ?? null) !== null) continue
    joins[j++] = change(a, 1)
    const s = tl.startStep[i]!
    if (s >= 0) leaves[l++] = change(s, 1)
  }
  return levelSeries(joins.subarray(0, j), leaves.subarray(0, l), dtS, (level) => level)
}

/**
 * Busy GPUs / all GPUs after each step's schedule stage: a task holds its GPUs from its start
 * step until the step whose complete stage frees them (endStep -1: still running).
 */
export function utilizationSeries(tl: SeriesTimeline, dtS: number): StepSeries {
  const takes = new Float64Array(tl.taskCount)
  const frees = new Float64Array(tl.taskCount)
  let t = 0
  let f = 0
  for (let i = 0; i < tl.taskCount; i++) {
    const s = tl.startStep[i]!
    if (s < 0) continue
    const gpus = tl.gpuCountOf[i]!
    takes[t++] = change(s, gpus)
    const e = tl.endStep[i]!
    if (e >= 0) frees[f++] = change(e, gpus)
  }
  // Count whole GPUs and divide at the end, so rounding never accumulates.
  return levelSeries(takes.subarray(0, t), frees.subarray(0, f), dtS, (busy) => (tl.gpuCount > 0 ? busy / tl.gpuCount : 0))
}

/** The three curves of one run. */
export function algorithmSeries(
  tl: SeriesTimeline,
  tasks: readonly SeriesTask[],
  rejections: readonly (string | null)[],
  dtS: number,
): AlgorithmSeries {
  return {
    weightedFlow: weightedFlowSeries(tl, tasks),
    queueLength: queueLengthSeries(tl, rejections, dtS),
    utilization: utilizationSeries(tl, dtS),
  }
}

/**
 * The step function of a level raised by the changes in `up` and lowered by those in `down`:
 * one point per step where the value changes (changes at the same step are netted first), at
 * time step × dt.
 */
function levelSeries(up: Float64Array, down: Float64Array, dtS: number, value: (level: number) => number): StepSeries {
  up.sort()
  down.sort()
  const out = new SeriesBuilder(up.length + down.length + 1)
  out.push(0, value(0))
  let level = 0
  let u = 0
  let d = 0
  while (u < up.length || d < down.length) {
    const step = Math.min(u < up.length ? stepOf(up[u]!) : Infinity, d < down.length ? stepOf(down[d]!) : Infinity)
    for (; u < up.length && stepOf(up[u]!) === step; u++) level += up[u]! % AMOUNT
    for (; d < down.length && stepOf(down[d]!) === step; d++) level -= down[d]! % AMOUNT
    out.push(step * dtS, value(level))
  }
  return out.build()
}

const stepOf = (c: number) => Math.floor(c / AMOUNT)

/**
 * The value at time t (the last change point at or before t). Times within a relative 1e-9 of
 * t count as reached, as in the engine's clock, so a finish at 0.5000000000000001 is seen at 0.5.
 */
export function valueAt(series: StepSeries, timeS: number): number {
  const limit = timeS + 1e-9 * Math.max(1, Math.abs(timeS))
  const { t } = series
  let lo = 0
  let hi = t.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (t[mid]! <= limit) lo = mid + 1
    else hi = mid
  }
  return lo === 0 ? 0 : series.v[lo - 1]!
}

/** The largest value of any of the series (0 when all are empty). */
export function maxValue(series: readonly StepSeries[]): number {
  let max = 0
  for (const s of series) for (let k = 0; k < s.v.length; k++) if (s.v[k]! > max) max = s.v[k]!
  return max
}
