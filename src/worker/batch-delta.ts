import { GrowableFloat64, GrowableInt32 } from '../engine/growable.ts'
import { DECODE } from '../engine/serving/listener.ts'

/**
 * A replica's next batch is mostly its last one advanced by a token: the same requests in the
 * same order, each decoding one more (tokens 1, computed + the tokens it just computed). So a
 * serving run streams each iteration's batch as a delta from the replica's previous iteration
 * (run-view/serving-batches.ts reads it back): which entries of the previous batch left, then
 * only the entries that differ from that prediction (a prefill chunk, a recompute, an
 * admission). Sending every entry cost ~2.7 million entries (65 MB) per algorithm for 10,000
 * requests on 64 replicas, and the page's thread copied each of them. A batch whose kept
 * entries are reordered, and every KEYFRAME_EVERY-th of a replica, is sent whole, so reading
 * a batch back replays at most that many deltas.
 */
export const KEYFRAME_EVERY = 32

/** The columns a delta-encoded stretch of iterations is written to (recorder.ts SegmentBatch). */
export interface BatchDeltaColumns {
  /** Per iteration: usedBlocks, batch size, base (the previous iteration's segment, -1: whole), removed count, explicit count. */
  readonly iterations: GrowableInt32
  /** Positions in the base batch that left, ascending. */
  readonly removed: GrowableInt32
  /** Per explicit entry: its position in the batch, the request, its kind. */
  readonly entries: GrowableInt32
  readonly entryTokens: GrowableFloat64
  readonly entryComputed: GrowableFloat64
}

/** Per replica: its last batch and the segment that holds it. */
interface LastBatch {
  segment: number
  sinceKey: number
  size: number
  requests: Int32Array
  tokens: Float64Array
  computed: Float64Array
}

export class BatchDeltaEncoder {
  private readonly last: LastBatch[] = []
  /** Per request: its position in the batch being encoded, valid when posSerial matches. */
  private posIn = new Int32Array(0)
  private posSerial = new Int32Array(0)
  private serial = 0

  /** Writes iteration `segment` of `replica` (its batch as the listener gives it) to `out`. */
  encode(
    out: BatchDeltaColumns,
    replica: number,
    segment: number,
    usedBlocks: number,
    requests: ArrayLike<number>,
    tokens: ArrayLike<number>,
    kinds: ArrayLike<number>,
    computed: ArrayLike<number>,
  ): void {
    const n = requests.length
    const last = (this.last[replica] ??= { segment: -1, sinceKey: 0, size: 0, requests: new Int32Array(16), tokens: new Float64Array(16), computed: new Float64Array(16) })
    const serial = ++this.serial
    for (let k = 0; k < n; k++) this.positionOf(requests[k]!, k, serial)
    // The previous batch's entries that stay must lead the new batch, in their order.
    let kept = 0
    let whole = last.segment < 0 || last.sinceKey + 1 >= KEYFRAME_EVERY
    if (!whole) {
      for (let j = 0; j < last.size; j++) {
        const r = last.requests[j]!
        if (this.posSerial[r] !== serial) continue
        if (this.posIn[r] !== kept) {
          whole = true
          break
        }
        kept += 1
      }
    }
    const removedFrom = out.removed.length
    const explicitFrom = out.entryTokens.length
    if (whole) {
      kept = 0
    } else {
      for (let j = 0; j < last.size; j++) if (this.posSerial[last.requests[j]!] !== serial) out.removed.push(j)
    }
    // Kept entries as predicted (a decode after what they computed) need no entry of their own.
    for (let k = 0, j = 0; k < n; k++) {
      if (k < kept) {
        while (this.posSerial[last.requests[j]!] !== serial) j += 1
        const predicted = kinds[k] === DECODE && tokens[k] === 1 && computed[k] === last.computed[j]! + last.tokens[j]!
        j += 1
        if (predicted) continue
      }
      out.entries.push(k)
      out.entries.push(requests[k]!)
      out.entries.push(kinds[k]!)
      out.entryTokens.push(tokens[k]!)
      out.entryComputed.push(computed[k]!)
    }
    out.iterations.push(usedBlocks)
    out.iterations.push(n)
    out.iterations.push(whole ? -1 : last.segment)
    out.iterations.push(out.removed.length - removedFrom)
    out.iterations.push(out.entryTokens.length - explicitFrom)
    this.remember(last, segment, whole, requests, tokens, computed)
  }

  private positionOf(request: number, k: number, serial: number): void {
    if (request >= this.posIn.length) {
      const size = Math.max(2 * this.posIn.length, request + 1, 1024)
      const pos = new Int32Array(size)
      pos.set(this.posIn)
      const ser = new Int32Array(size)
      ser.set(this.posSerial)
      this.posIn = pos
      this.posSerial = ser
    }
    this.posIn[request] = k
    this.posSerial[request] = serial
  }

  private remember(last: LastBatch, segment: number, whole: boolean, requests: ArrayLike<number>, tokens: ArrayLike<number>, computed: ArrayLike<number>): void {
    const n = requests.length
    if (n > last.requests.length) {
      const size = Math.max(n, 2 * last.requests.length)
      last.requests = new Int32Array(size)
      last.tokens = new Float64Array(size)
      last.computed = new Float64Array(size)
    }
    for (let k = 0; k < n; k++) {
      last.requests[k] = requests[k]!
      last.tokens[k] = tokens[k]!
      last.computed[k] = computed[k]!
    }
    last.size = n
    last.segment = segment
    last.sinceKey = whole ? 0 : last.sinceKey + 1
  }
}
