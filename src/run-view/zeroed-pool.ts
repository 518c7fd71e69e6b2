import type { TakeZeroed } from '../engine/growable.ts'

/** Makes `bytes` of zeroed memory with every page touched, on another thread (worker/zeroed.worker.ts). */
export type MakeZeroed = (bytes: number) => Promise<ArrayBuffer>

/**
 * Memory for widening a run's columns, made ahead on another thread. The first touch of new
 * memory costs this VM about 3.5 ms a MB on whichever thread touches it (Chromium: filling a
 * fresh 8 MB array 28 ms, one made and touched in a worker and moved here 0.3–1.2 ms), so a
 * column widened here into fresh memory took a frame's share of the page's thread.
 *
 * The returned `take` answers an array (`owner`) with the buffer made for it once there is one
 * of exactly `bytes`, and asks `make` for it the first time; `onReady` hears of each buffer
 * made, to widen then. Arrays no longer in use drop out with their buffers.
 */
export function zeroedPool(make: MakeZeroed, onReady: () => void): TakeZeroed {
  const ready = new WeakMap<object, ArrayBuffer>()
  const asked = new WeakMap<object, number>()
  return (owner, bytes) => {
    const buffer = ready.get(owner)
    if (buffer !== undefined && buffer.byteLength === bytes) {
      ready.delete(owner)
      asked.delete(owner)
      return buffer
    }
    if (asked.get(owner) !== bytes) {
      ready.delete(owner)
      asked.set(owner, bytes)
      void make(bytes).then((made) => {
        // Only the latest ask: an owner that asked for another size since waits for that one.
        if (asked.get(owner) !== made.byteLength) return
        ready.set(owner, made)
        onReady()
      })
    }
    return undefined
  }
}
