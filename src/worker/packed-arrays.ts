/** The kinds of typed array a batch is made of. */
export type PackableArray = Int32Array | Float64Array | Uint8Array

type Packed<T extends readonly PackableArray[]> = { -readonly [K in keyof T]: T[K] }

/** Bytes from one array's start to the next's: a multiple of 8, so that a Float64Array may follow any. */
const slot = (a: PackableArray) => Math.ceil(a.byteLength / 8) * 8

/**
 * Copies of `arrays`, in order and of the same kinds, side by side in one new buffer.
 *
 * Each buffer a worker sends the page dies there as an object of the browser's own heap, and
 * Chromium runs their finalizers on the page's thread, a few microseconds each, in sweeping
 * tasks that overran their 5 ms step: a 10,000-request serving run sent 20,306 buffers (about
 * a hundred a message), and the page's sweeps after the major collections took 17–32 ms
 * (docs/performance.md, "Thirteenth pass"). The same bytes in one buffer a message cost a
 * hundredth of that. Arrays the page keeps should be packed apart from those it drops after
 * reading: a kept view keeps its whole buffer.
 */
export function packArrays<T extends readonly PackableArray[]>(arrays: T): Packed<T> {
  let bytes = 0
  for (const a of arrays) bytes += slot(a)
  const buffer = new ArrayBuffer(bytes)
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
