import type { TakeZeroed } from '../engine/growable.ts'

/** Makes `bytes` of zeroed memory with every page touched, on another thread (worker/zeroed.worker.ts). */
export type MakeZeroed = (bytes: number) => Promise<ArrayBuffer>

/** Memory made ahead for widening columns: `take` it, `clear` what is left and asked when the run ends. */
export interface ZeroedPool {
  readonly take: TakeZeroed
  readonly clear: () => void
}

/**
 * Buffers being made at once. The maker works one at a time anyway; asks wait here, where a run's
 * end can drop them: about 160 MB of columns ask to widen in a 10,000-request serving run's last
 * seconds, in vain.
 */
const IN_FLIGHT = 2

/**
 * Memory for widening a run's columns, made ahead on another thread. The first touch of new
 * memory costs this VM about 3.5 ms a MB on whichever thread touches it (Chromium: filling a
 * fresh 8 MB array 28 ms, one made and touched in a worker and moved here 0.3–1.2 ms), so a
 * column widened here into fresh memory took a frame's share of the page's thread.
 *
 * `take` answers an array (`owner`) with a buffer of exactly `bytes` if one is ready, and
 * otherwise asks for one, once per array and size; `onReady` hears of each buffer made, to widen
 * then. Buffers go to whichever array of their size asks first: one made for an array that was
 * widened another way meanwhile (when full) serves the next, which then asks for none.
 */
export function zeroedPool(make: MakeZeroed, onReady: () => void): ZeroedPool {
  let ready = new Map<number, ArrayBuffer[]>()
  let wanted: number[] = []
  let inFlight = 0
  let generation = 0
  let asked = new WeakMap<object, number>()

  const pump = () => {
    while (inFlight < IN_FLIGHT && wanted.length > 0) {
      const bytes = wanted.shift()!
      const asking = generation
      inFlight += 1
      void make(bytes).then((made) => {
        inFlight -= 1
        if (asking === generation) {
          const list = ready.get(made.byteLength)
          if (list === undefined) ready.set(made.byteLength, [made])
          else list.push(made)
          onReady()
        }
        pump()
      })
    }
  }

  const take: TakeZeroed = (owner, bytes) => {
    const buffer = ready.get(bytes)?.pop()
    if (buffer !== undefined) return buffer
    if (asked.get(owner) !== bytes) {
      asked.set(owner, bytes)
      wanted.push(bytes)
      pump()
    }
    return undefined
  }
  const clear = () => {
    generation += 1
    ready = new Map()
    wanted = []
    asked = new WeakMap()
  }
  return { take, clear }
}
