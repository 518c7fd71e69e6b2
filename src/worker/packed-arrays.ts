/** The kinds of typed array a batch is made of. */
export type PackableArray = Int32Array | Float64Array | Uint8Array

type Packed<T extends readonly PackableArray[]> = { -readonly [K in keyof T]: T[K] }

/** Bytes from one array's start to the next's: a multiple of 8, so that a Float64Array may follow any. */
const slot = (a: PackableArray) => Math.ceil(a.byteLength / 8) * 8

/**
 * Copies of `arrays`, in order and of the same kinds, side by side in one new buffer.
 *
 * A 10,000-request serving run sent the page 20,306 buffers, about a hundred a message, each
 * made into a browser object on arrival and finalized on the page's thread when it died; packed,
 * 2,246, and the page's tasks over 20 ms of thread time while simulating went from 30 to 17 in an
 * A/B (docs/performance.md, "Thirteenth pass"). Arrays the page keeps should be packed apart from
 * those it drops after reading: a kept view keeps its whole buffer. With `spare`, into a buffer
 * the page gave back (it may be larger than the arrays) where one is large enough.
 */
export function packArrays<T extends readonly PackableArray[]>(arrays: T, spare?: SpareBuffers): Packed<T> {
  let bytes = 0
  for (const a of arrays) bytes += slot(a)
  const buffer = spare?.take(bytes) ?? new ArrayBuffer(bytes)
  let at = 0
  return arrays.map((a) => {
    const copy = a instanceof Float64Array ? new Float64Array(buffer, at, a.length) : a instanceof Uint8Array ? new Uint8Array(buffer, at, a.length) : new Int32Array(buffer, at, a.length)
    copy.set(a)
    at += slot(a)
    return copy
  }) as unknown as Packed<T>
}

/** The buffers under `arrays`, each once (a transfer list naming one twice is refused). */
export function distinctBuffers(arrays: Iterable<ArrayBufferView>): ArrayBuffer[] {
  return [...new Set([...arrays].map((a) => a.buffer as ArrayBuffer))]
}

/**
 * Buffers the page gave back once it had read what they held (with its acknowledgement of a
 * batch), for the next batches to be packed into. A buffer sent to the page dies there, and
 * Chromium frees its memory on the page's thread: a 10,000-request serving run's batches were
 * about 75 MB, and handing memory back to the system (madvise) took the page's thread 145–168 ms,
 * in bursts of up to 42 ms inside its collector's sweeps; with the batches' buffers given back,
 * 44–79 ms (docs/performance.md, "Thirteenth pass"). Kept here, they are reused, and those let go
 * die on this thread.
 */
export class SpareBuffers {
  private readonly buffers: ArrayBuffer[] = []

  /** `most`: buffers kept at once (the smallest are let go first). */
  constructor(private readonly most = 16) {}

  /** Keeps `buffers` for later batches (empty ones, such as those moved away, are skipped). */
  offer(buffers: readonly ArrayBuffer[]): void {
    for (const b of buffers) if (b.byteLength > 0 && !this.buffers.includes(b)) this.buffers.push(b)
    if (this.buffers.length > this.most) {
      this.buffers.sort((a, b) => b.byteLength - a.byteLength)
      this.buffers.length = this.most
    }
  }

  /** The smallest buffer kept of at least `bytes` (no longer kept), or undefined. */
  take(bytes: number): ArrayBuffer | undefined {
    let best = -1
    for (let i = 0; i < this.buffers.length; i++) {
      const b = this.buffers[i]!
      if (b.byteLength >= bytes && (best < 0 || b.byteLength < this.buffers[best]!.byteLength)) best = i
    }
    return best < 0 ? undefined : this.buffers.splice(best, 1)[0]
  }

  /** Buffers kept, for tests. */
  get size(): number {
    return this.buffers.length
  }
}
