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

/**
 * The app's maker of zeroed memory for widening columns (run-view/zeroed-pool.ts): a Web
 * Worker, started at the first ask, so the page's thread never touches new memory first; null
 * where workers cannot be made (columns are then widened in fresh memory here). A worker that
 * fails to start, or fails later, leaves the making to this thread.
 */
export function zeroedMaker(): MakeZeroed | null {
  if (typeof Worker === 'undefined') return null
  let request: WorkerRequest<number, ArrayBuffer> | null | undefined
  return (bytes) => {
    request ??= workerRequests<number, ArrayBuffer>(() => new Worker(new URL('./zeroed.worker.ts', import.meta.url), { type: 'module', name: 'schedscope-zeroed' }))
    // A worker that failed leaves the making to this thread, as where none can be started.
    return request === null ? Promise.resolve(touchedZeroes(bytes)) : request(bytes).catch(() => touchedZeroes(bytes))
  }
}
