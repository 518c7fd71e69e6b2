import { GrowableInt32, type TakeZeroed } from '../engine/growable.ts'
import type { SegmentKind } from '../engine/segments.ts'
import type { BulkSegments } from '../worker/bulk-segments.ts'

/**
 * The segments of one kind in a run, as columns in the order they opened (so by open step and,
 * within a kind, by t0). Like a trace viewer's slice table: views draw and query these columns
 * directly. Open segments have stepClose −1; their t1 is the planned end, or NaN when unknown.
 */
export interface SegmentTrack {
  readonly kind: SegmentKind
  length: number
  item: Int32Array
  stepOpen: Int32Array
  stepClose: Int32Array
  t0: Float64Array
  t1: Float64Array
  /** Resources of segment s: resources.data[resOffset[s] .. resOffset[s] + resCount[s]). */
  resOffset: Int32Array
  resCount: Uint8Array
  readonly resources: GrowableInt32
  /** Whether any segment holds resources (what the Gantt draws and holdersAt reads). */
  holdsResources: boolean
  /** The longest t1 − t0 of any segment with a known (or planned) end. */
  maxLengthS: number
  /** The longest stepClose − stepOpen of a closed segment. */
  maxSteps: number
  /** No segment before this position is open with an unknown end (a view must reach back to it). */
  firstUnbounded: number
}

/**
 * A track's columns before anything is in them. Allocating them for 100,000 tasks and four
 * algorithms costs the page's thread a long task in the frame that applies the first batch:
 * the simulation worker makes them and transfers them with the prepared run.
 */
export type TrackColumns = Pick<SegmentTrack, 'item' | 'stepOpen' | 'stepClose' | 't0' | 't1' | 'resOffset' | 'resCount'> & {
  /** Room for two resources a segment (it grows past that). */
  readonly resources: Int32Array
}

export function trackColumns(capacity: number): TrackColumns {
  const n = Math.max(16, capacity)
  return {
    item: new Int32Array(n),
    stepOpen: new Int32Array(n),
    stepClose: new Int32Array(n),
    t0: new Float64Array(n),
    t1: new Float64Array(n),
    resOffset: new Int32Array(n),
    resCount: new Uint8Array(n),
    resources: new Int32Array(2 * n),
  }
}

/** The buffers of track columns, to transfer. */
export function trackColumnBuffers(c: TrackColumns): ArrayBuffer[] {
  return [c.item, c.stepOpen, c.stepClose, c.t0, c.t1, c.resOffset, c.resCount, c.resources].map((a) => a.buffer as ArrayBuffer)
}

/** An empty track on the given columns (fresh ones of `capacity` if none are given). */
export function createTrack(kind: SegmentKind, capacity: number, given?: TrackColumns): SegmentTrack {
  const { resources, ...columns } = given ?? trackColumns(capacity)
  return { kind, length: 0, ...columns, resources: GrowableInt32.over(resources), holdsResources: false, maxLengthS: 0, maxSteps: 0, firstUnbounded: 0 }
}

type Column = 'item' | 'stepOpen' | 'stepClose' | 't0' | 't1' | 'resOffset' | 'resCount'
/** `item` last: growAhead widens columns one at a time, so item.length is always the room for segments. */
const COLUMNS: readonly Column[] = ['stepOpen', 'stepClose', 't0', 't1', 'resOffset', 'resCount', 'item']

/**
 * Column c of t, `n` long, holding its segments (a new array the rest of which is zero), in
 * memory from `take` if given; undefined while `take` has none ready.
 */
function widened(t: SegmentTrack, c: Column, n: number, take?: TakeZeroed): SegmentTrack[Column] | undefined {
  const old = t[c]
  const bytes = n * old.BYTES_PER_ELEMENT
  const buffer = take === undefined ? new ArrayBuffer(bytes) : take(old, bytes)
  if (buffer === undefined) return undefined
  const next = old instanceof Float64Array ? new Float64Array(buffer) : old instanceof Uint8Array ? new Uint8Array(buffer) : new Int32Array(buffer)
  next.set(old.subarray(0, t.length))
  return next
}

/** Doubles the columns until `need` segments fit (a track starts at the expected count; preemption and serving go past it). */
function grow(t: SegmentTrack, need = t.length + 1): void {
  let n = 2 * t.item.length
  while (n < need) n *= 2
  for (const c of COLUMNS) if (t[c].length < n) (t as Record<Column, SegmentTrack[Column]>)[c] = widened(t, c, n)!
}

/**
 * Widens a track's columns (and its resource list) ahead of need, once over half their room is
 * in use, a column at a time until `budget` bytes are allocated; returns the budget left.
 * Growing every column of four runs' iteration tracks in the batch that fills them took this
 * VM 35–130 ms (copying into new memory); called after every batch, it spreads that over
 * batches. With `take`, the new columns are memory made ahead elsewhere, and a column waits
 * while `take` has none ready for it. The content is unchanged: only the room past `length` grows.
 */
export function growAhead(t: SegmentTrack, budget: number, take?: TakeZeroed): number {
  const cap = t.item.length
  let waiting = false
  for (const c of COLUMNS) {
    if (budget <= 0) return budget
    if (2 * t.length <= t[c].length || t[c].length > cap) continue
    // `item` is the room for segments: it widens only once every other column has.
    if (c === 'item' && waiting) break
    const next = widened(t, c, 2 * cap, take)
    if (next === undefined) {
      waiting = true
      continue
    }
    ;(t as Record<Column, SegmentTrack[Column]>)[c] = next
    budget -= next.byteLength
  }
  if (budget > 0) budget -= t.resources.growAhead(take)
  return budget
}

/** Appends an open segment; returns its position. */
export function openSegment(track: SegmentTrack, item: number, step: number, t0: number, plannedEnd: number, resources: Int32Array, from: number, count: number): number {
  if (track.length === track.item.length) grow(track)
  const s = track.length++
  track.item[s] = item
  track.stepOpen[s] = step
  track.stepClose[s] = -1
  track.t0[s] = t0
  track.t1[s] = plannedEnd
  track.resOffset[s] = track.resources.length
  track.resCount[s] = count
  if (count > 0) {
    track.holdsResources = true
    // Copied by hand: a subarray view per segment costs more than the copy.
    const list = track.resources
    list.reserve(count)
    const data = list.data
    for (let g = 0; g < count; g++) data[list.length + g] = resources[from + g]!
    list.length += count
  }
  if (plannedEnd - t0 > track.maxLengthS) track.maxLengthS = plannedEnd - t0
  return s
}

/**
 * Appends segments streamed as columns (worker/bulk-segments.ts): one copy per column, then
 * their closes. Leaves the track as opening and closing each in turn would (a test checks).
 */
export function appendColumns(track: SegmentTrack, b: BulkSegments): void {
  const m = b.item.length
  if (m > 0) {
    if (b.resOffset[0] !== track.resources.length) throw new Error(`streamed ${track.kind} segments place their resources at ${b.resOffset[0]}, but the track holds ${track.resources.length}`)
    if (track.length + m > track.item.length) grow(track, track.length + m)
    const at = track.length
    track.item.set(b.item, at)
    track.stepOpen.set(b.stepOpen, at)
    track.stepClose.fill(-1, at, at + m)
    track.t0.set(b.t0, at)
    track.t1.set(b.t1, at)
    track.resOffset.set(b.resOffset, at)
    track.resCount.set(b.resCount, at)
    track.resources.append(b.resources)
    if (b.resources.length > 0) track.holdsResources = true
    track.length += m
  }
  const { closed, closeStep, closeT1 } = b
  const { stepClose, t1 } = track
  for (let k = 0; k < closed.length; k++) {
    stepClose[closed[k]!] = closeStep[k]!
    t1[closed[k]!] = closeT1[k]!
  }
  if (b.maxLengthS > track.maxLengthS) track.maxLengthS = b.maxLengthS
  if (b.maxSteps > track.maxSteps) track.maxSteps = b.maxSteps
}

export function closeSegment(track: SegmentTrack, s: number, step: number, t1: number): void {
  track.stepClose[s] = step
  track.t1[s] = t1
  if (t1 - track.t0[s]! > track.maxLengthS) track.maxLengthS = t1 - track.t0[s]!
  if (step - track.stepOpen[s]! > track.maxSteps) track.maxSteps = step - track.stepOpen[s]!
}

/** Moves firstUnbounded past segments that have since closed or have a planned end. */
export function settleUnbounded(track: SegmentTrack): number {
  let k = track.firstUnbounded
  while (k < track.length && (track.stepClose[k]! >= 0 || !Number.isNaN(track.t1[k]!))) k++
  track.firstUnbounded = k
  return k
}

/** Whether segment s covers `step` (opened by its stages, not yet closed by them). */
export function coversStep(track: SegmentTrack, s: number, step: number): boolean {
  const close = track.stepClose[s]!
  return track.stepOpen[s]! <= step && (close < 0 || step < close)
}

/** The resources of segment s (a view into the track, not a copy). */
export function resourcesOf(track: SegmentTrack, s: number): Int32Array {
  const off = track.resOffset[s]!
  return track.resources.data.subarray(off, off + track.resCount[s]!)
}

/** Index of the first entry of an ascending column that is > x (binary search over [0, length)). */
export function upperBound(length: number, x: number, at: (i: number) => number): number {
  let lo = 0
  let hi = length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (at(mid) <= x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Positions of each item's segments, built on first use and extended as the track grows. */
interface ItemIndex {
  readonly first: Int32Array
  readonly last: Int32Array
  next: Int32Array
  indexed: number
}

const itemIndexes = new WeakMap<SegmentTrack, ItemIndex>()

/** The positions of item i's segments on this track, in the order they opened. */
export function segmentsOf(track: SegmentTrack, i: number, itemCount: number): number[] {
  let index = itemIndexes.get(track)
  if (index === undefined) {
    index = { first: new Int32Array(itemCount).fill(-1), last: new Int32Array(itemCount).fill(-1), next: new Int32Array(track.item.length), indexed: 0 }
    itemIndexes.set(track, index)
  }
  if (index.next.length < track.length) {
    const next = new Int32Array(track.item.length)
    next.set(index.next)
    index.next = next
  }
  for (let s = index.indexed; s < track.length; s++) {
    const item = track.item[s]!
    index.next[s] = -1
    if (index.first[item] === -1) index.first[item] = s
    else index.next[index.last[item]!] = s
    index.last[item] = s
  }
  index.indexed = track.length
  const out: number[] = []
  for (let s = i < itemCount ? index.first[i]! : -1; s >= 0; s = index.next[s]!) out.push(s)
  return out
}
