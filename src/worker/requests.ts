/** A request to a worker, or its reply: matched by id. A reply carries `error` instead when the worker's handler failed. */
export interface Envelope<T> {
  readonly requestId: number
  readonly body: T
  readonly error?: string
}

/** Sends a request to the worker and resolves with its reply (rejects if the worker failed to answer it). */
export type WorkerRequest<Req, Res> = (body: Req, transfer?: Transferable[]) => Promise<Res>

/**
 * Request and reply over a Web Worker: each request gets an id and the reply carrying it
 * resolves it. Null where no worker can be started (the caller then works on its own thread).
 * `start` holds the `new Worker(new URL(...))` expression itself, so the bundler finds the worker.
 * A request the worker's handler failed on is rejected with its message. A worker that fails
 * (its script did not load, or it threw outside a handler) is ended: every request waiting and
 * every later one is rejected, so no caller waits for an answer that cannot come.
 */
export function workerRequests<Req, Res>(start: () => Worker): WorkerRequest<Req, Res> | null {
  let worker: Worker
  try {
    if (typeof Worker === 'undefined') return null
    worker = start()
  } catch {
    return null
  }
  const pending = new Map<number, { resolve: (reply: Res) => void; reject: (e: Error) => void }>()
  let failed: Error | null = null
  let nextId = 1
  worker.onmessage = (e: MessageEvent<Envelope<Res>>) => {
    const waiting = pending.get(e.data.requestId)
    pending.delete(e.data.requestId)
    if (e.data.error !== undefined) waiting?.reject(new Error(e.data.error))
    else waiting?.resolve(e.data.body)
  }
  worker.onerror = (e: ErrorEvent) => {
    // Handled here: the page says what failed rather than the console alone.
    e.preventDefault()
    failed = new Error(`a background worker failed${e.message ? ` (${e.message})` : ''}`)
    worker.terminate()
    for (const { reject } of pending.values()) reject(failed)
    pending.clear()
  }
  return (body, transfer = []) =>
    new Promise((resolve, reject) => {
      if (failed !== null) {
        reject(failed)
        return
      }
      const requestId = nextId++
      pending.set(requestId, { resolve, reject })
      worker.postMessage({ requestId, body } satisfies Envelope<Req>, transfer)
    })
}

/** What serveRequests needs of a worker's global scope. */
export interface WorkerScope {
  onmessage: ((e: MessageEvent) => void) | null
  postMessage(message: unknown, transfer: Transferable[]): void
}

/** The worker's side: answers every request with `handle`'s reply, moving `transfer` rather than copying it. */
export function serveRequests<Req, Res>(
  scope: WorkerScope,
  handle: (body: Req) => Answer<Res> | Promise<Answer<Res>>,
): void {
  scope.onmessage = (e: MessageEvent<Envelope<Req>>) => {
    const { requestId } = e.data
    void new Promise<Answer<Res>>((resolve) => resolve(handle(e.data.body))).then(
      ({ reply, transfer = [] }) => scope.postMessage({ requestId, body: reply } satisfies Envelope<Res>, transfer),
      // The page hears of a failed request (the worker lives on for the next).
      (error: unknown) => scope.postMessage({ requestId, body: null, error: error instanceof Error ? error.message : String(error) } satisfies Envelope<null>, []),
    )
  }
}

/** A worker's reply, and what of it to move rather than copy. */
interface Answer<Res> {
  readonly reply: Res
  readonly transfer?: Transferable[]
}
