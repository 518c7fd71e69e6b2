import { WAITING } from '../engine/segments.ts'
import type { Timeline } from './timeline.ts'
import type { SegmentTrack } from './track.ts'

/** What the series read of a segment track (its columns can be copied to a worker). */
export type SeriesTrack = Pick<SegmentTrack, 'kind' | 'length' | 'item' | 'stepOpen' | 'stepClose' | 't1' | 'resCount' | 'holdsResources'>

/** What the series read of a run's timeline. */
export interface SeriesTimeline extends Pick<Timeline, 'taskCount' | 'gpuCount' | 'lastTrack' | 'lastPos'> {
  readonly tracks: readonly SeriesTrack[]
}

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
export class SeriesBuilder {
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
 * When each task completes: the end of its latest segment when that segment holds resources
 * and its end is known (or planned: a running job finishes when its model says), else NaN
 * (waiting, rejected, never arrived).
 */
function completions(tl: SeriesTimeline): Float64Array {
  const out = new Float64Array(tl.taskCount).fill(NaN)
  for (let i = 0; i < tl.taskCount; i++) {
    const code = tl.lastTrack[i]!
    if (code === 0) continue
    const track = tl.tracks[code - 1]!
    const s = tl.lastPos[i]!
    if (track.resCount[s]! > 0) out[i] = track.t1[s]!
  }
  return out
}

/**
 * Σ w·(C − A) over the tasks completed by time t; a task counts from its exact finish time.
 * Every started task completes (at its finish time, even past the horizon), as in the metrics.
 * The points are summed by finish time, but the last one is re-summed in input order, as
 * computeMetrics does, so that it equals weighted_waiting_time to the last bit.
 */
export function weightedFlowSeries(tl: SeriesTimeline, tasks: readonly SeriesTask[]): StepSeries {
  const done = completions(tl)
  // Distinct finish times, sorted natively (no comparator: this runs on every streamed update).
  const times = new Float64Array(tl.taskCount)
  let count = 0
  let inputOrderSum = 0
  for (let i = 0; i < tl.taskCount; i++) {
    if (Number.isNaN(done[i]!)) continue
    times[count++] = done[i]!
    inputOrderSum += flowOf(done, tasks, i)
  }
  if (count === 0) return flat()
  times.subarray(0, count).sort()
  let distinct = 0
  for (let k = 0; k < count; k++) if (distinct === 0 || times[k] !== times[distinct - 1]) times[distinct++] = times[k]!
  const sums = new Float64Array(distinct)
  for (let i = 0; i < tl.taskCount; i++) {
    if (Number.isNaN(done[i]!)) continue
    const k = lowerBound(times, distinct, done[i]!)
    sums[k] = sums[k]! + flowOf(done, tasks, i)
  }
  const out = new SeriesBuilder(distinct + 1)
  out.push(0, 0)
  let sum = 0
  for (let k = 0; k < distinct; k++) out.push(times[k]!, (sum += sums[k]!))
  out.setLast(inputOrderSum)
  return out.build()
}

function flowOf(completion: Float64Array, tasks: readonly SeriesTask[], i: number): number {
  const { weight, arrivalS } = tasks[i]!
  return weight * (completion[i]! - arrivalS)
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
 * Level changes as sortable numbers: step × 256 + amount (amount < 256: a segment holds at most
 * 255 GPUs, its resCount is a byte). Sorting them natively sorts by step.
 */
const AMOUNT = 256
const change = (step: number, amount: number) => step * AMOUNT + amount

/** Each segment of the tracks picked raises a level at its open step and lowers it at its close. */
function levelChanges(tracks: readonly SeriesTrack[], amount: (t: SeriesTrack, s: number) => number): [Float64Array, Float64Array] {
  const n = tracks.reduce((sum, t) => sum + t.length, 0)
  const up = new Float64Array(n)
  const down = new Float64Array(n)
  let u = 0
  let d = 0
  for (const t of tracks) {
    for (let s = 0; s < t.length; s++) {
      const a = amount(t, s)
      up[u++] = change(t.stepOpen[s]!, a)
      if (t.stepClose[s]! >= 0) down[d++] = change(t.stepClose[s]!, a)
    }
  }
  return [up.subarray(0, u), down.subarray(0, d)]
}

/**
 * Tasks waiting after each step's schedule stage: each waiting segment joins at the step that
 * opens it and leaves at the one that closes it (a rejected task never queues).
 */
export function queueLengthSeries(tl: SeriesTimeline, timeOfStep: (step: number) => number): StepSeries {
  const [joins, leaves] = levelChanges(tl.tracks.filter((t) => t.kind === WAITING), () => 1)
  return levelSeries(joins, leaves, timeOfStep, (level) => level)
}

/**
 * Busy GPUs / all GPUs after each step's schedule stage: a segment holds its GPUs from the
 * step that opens it until the step whose stage frees them (still open: it holds them).
 */
export function utilizationSeries(tl: SeriesTimeline, timeOfStep: (step: number) => number): StepSeries {
  const [takes, frees] = levelChanges(tl.tracks.filter((t) => t.holdsResources), (t, s) => t.resCount[s]!)
  // Count whole GPUs and divide at the end, so rounding never accumulates.
  return levelSeries(takes, frees, timeOfStep, (busy) => (tl.gpuCount > 0 ? busy / tl.gpuCount : 0))
}

/** The three curves of one run; `timeOfStep` is the run's clock (run-view/time.ts). */
export function algorithmSeries(tl: SeriesTimeline, tasks: readonly SeriesTask[], timeOfStep: (step: number) => number): AlgorithmSeries {
  return {
    weightedFlow: weightedFlowSeries(tl, tasks),
    queueLength: queueLengthSeries(tl, timeOfStep),
    utilization: utilizationSeries(tl, timeOfStep),
  }
}

/**
 * The step function of a level raised by the changes in `up` and lowered by those in `down`:
 * one point per step where the value changes (changes at the same step are netted first), at
 * the step's time.
 */
function levelSeries(up: Float64Array, down: Float64Array, timeOfStep: (step: number) => number, value: (level: number) => number): StepSeries {
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
    out.push(timeOfStep(step), value(level))
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

/** Whether two step functions are the same (the same change points). */
export function sameSeries(a: StepSeries, b: StepSeries): boolean {
  if (a === b) return true
  if (a.t.length !== b.t.length) return false
  for (let k = 0; k < a.t.length; k++) if (a.t[k] !== b.t[k] || a.v[k] !== b.v[k]) return false
  return true
}

/** Groups of two or more keys whose series are the same, in the order given (each group by its first). */
export function sameSeriesGroups(lines: readonly { readonly key: string; readonly points: StepSeries }[]): string[][] {
  const groups: { points: StepSeries; keys: string[] }[] = []
  for (const l of lines) {
    const g = groups.find((x) => sameSeries(x.points, l.points))
    if (g === undefined) groups.push({ points: l.points, keys: [l.key] })
    else g.keys.push(l.key)
  }
  return groups.filter((g) => g.keys.length > 1).map((g) => g.keys)
}
