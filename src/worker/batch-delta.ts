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
 * entries a policy reordered (WSRPT ranks by what is left, which moves every iteration) is sent
 * as the kept entries' new positions, one number each, rather than whole: WSRPT's batches were
 * 1.88 million of its 2.67 million entries sent. Every KEYFRAME_EVERY-th batch of a replica is
 * sent whole, so reading a batch back replays at most that many deltas.
 */
export const KEYFRAME_EVERY = 32

/**
 * The fewest kept entries sent as a permutation; a batch reordered with fewer is sent whole
 * (a few entries cost little either way, and whole batches keep the reading short).
 */
export const PERMUTE_FROM = 3

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
  /**
   * Iterations whose kept entries are reordered: each one's index among the iterations written
   * here, and (in `order`) the new position of each kept entry, in the base batch's order
   * (as many as the base had entries less those removed). Without these columns a reordered
   * batch is sent whole.
   */
  readonly reordered?: GrowableInt32
  readonly order?: GrowableInt32
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
  /** Per position of the batch being encoded: 1 if it is a kept entry a decode step predicts. */
  private predicted = new Uint8Array(16)

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
    // The previous batch's entries that stay lead the new batch in their order, or are sent
    // as a permutation (PERMUTE_FROM or more of them and columns to hold it), or the batch goes whole.
    let kept = 0
    let inOrder = true
    let whole = last.segment < 0 || last.sinceKey + 1 >= KEYFRAME_EVERY
    if (!whole) {
      for (let j = 0; j < last.size; j++) {
        const r = last.requests[j]!
        if (this.posSerial[r] !== serial) continue
        if (this.posIn[r] !== kept) inOrder = false
        kept += 1
      }
      if (!inOrder && (kept < PERMUTE_FROM || out.reordered === undefined || out.order === undefined)) whole = true
    }
    if (this.predicted.length < n) this.predicted = new Uint8Array(Math.max(n, 2 * this.predicted.length))
    const predicted = this.predicted
    predicted.fill(0, 0, n)
    const removedFrom = out.removed.length
    const explicitFrom = out.entryTokens.length
    if (!whole) {
      if (!inOrder) out.reordered!.push(out.iterations.length / 5)
      for (let j = 0; j < last.size; j++) {
        const r = last.requests[j]!
        if (this.posSerial[r] !== serial) {
          out.removed.push(j)
          continue
        }
        // Kept entries as predicted (a decode after what they computed) need no entry of their own.
        const k = this.posIn[r]!
        if (!inOrder) out.order!.push(k)
        if (kinds[k] === DECODE && tokens[k] === 1 && computed[k] === last.computed[j]! + last.tokens[j]!) predicted[k] = 1
      }
    }
    for (let k = 0; k < n; k++) {
      if (predicted[k] === 1) continue
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
