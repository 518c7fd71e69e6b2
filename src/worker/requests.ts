/** A request to a worker, or its reply: matched by id. */
export interface Envelope<T> {
  readonly requestId: number
  readonly body: T
}

/** Sends a request to the worker and resolves with its reply. */
export type WorkerRequest<Req, Res> = (body: Req, transfer?: Transferable[]) => Promise<Res>

/**
 * Request and reply over a Web Worker: each request gets an id and the reply carrying it
 * resolves it. Null where no worker can be started (the caller then works on its own thread).
 * `start` holds the `new Worker(new URL(...))` expression itself, so the bundler finds the worker.
 */
export function workerRequests<Req, Res>(start: () => Worker): WorkerRequest<Req, Res> | null {
  let worker: Worker
  try {
    if (typeof Worker === 'undefined') return null
    worker = start()
  } catch {
    return null
  }
  const pending = new Map<number, (reply: Res) => void>()
  let nextId = 1
  worker.onmessage = (e: MessageEvent<Envelope<Res>>) => {
    pending.get(e.data.requestId)?.(e.data.body)
    pending.delete(e.data.requestId)
  }
  return (body, transfer = []) =>
    new Promise((resolve) => {
      const requestId = nextId++
      pending.set(requestId, resolve)
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
    void Promise.resolve(handle(e.data.body)).then(({ reply, transfer = [] }) =>
      scope.postMessage({ requestId: e.data.requestId, body: reply } satisfies Envelope<Res>, transfer),
    )
  }
}

/** A worker's reply, and what of it to move rather than copy. */
interface Answer<Res> {
  readonly reply: Res
  readonly transfer?: Transferable[]
}
