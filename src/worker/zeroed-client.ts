import type { MakeZeroed } from '../run-view/zeroed-pool.ts'
import { workerRequests, type WorkerRequest } from './requests.ts'

/** Bytes of page a write in each is sure to touch (pages are 4 KB or larger). */
const PAGE = 4096

/** A fresh zeroed buffer with every page touched: the first touch's cost spent on this thread. */
export function touchedZeroes(bytes: number): ArrayBuffer {
  const buffer = new ArrayBuffer(bytes)
  const u8 = new Uint8Array(buffer)
  for (let i = 0; i < bytes; i += PAGE) u8[i] = 0
  return buffer
}

/** The maker, and a way to start its worker before the first ask. */
export interface ZeroedMaker {
  readonly make: MakeZeroed
  /** Starts the worker now (if it is not yet): best in idle time, long before a run widens columns. */
  readonly start: () => void
}

/**
 * The app's maker of zeroed memory for widening columns (run-view/zeroed-pool.ts): a Web
 * Worker, started by `start` or at the first ask, so the page's thread never touches new memory
 * first; null where workers cannot be made (columns are then widened in fresh memory here). A
 * worker that fails to start, or fails later, leaves the making to this thread.
 */
export function zeroedMaker(): ZeroedMaker | null {
  if (typeof Worker === 'undefined') return null
  let request: WorkerRequest<number, ArrayBuffer> | null | undefined
  const start = () => {
    request ??= workerRequests<number, ArrayBuffer>(() => new Worker(new URL('./zeroed.worker.ts', import.meta.url), { type: 'module', name: 'schedscope-zeroed' }))
    return request
  }
  return {
    start,
    // A worker that failed leaves the making to this thread, as where none can be started.
    make: (bytes) => {
      const made = start()
      return made === null ? Promise.resolve(touchedZeroes(bytes)) : made(bytes).catch(() => touchedZeroes(bytes))
    },
  }
}
