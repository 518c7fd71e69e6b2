import { afterEach, describe, expect, it } from 'vitest'
import { serveRequests, workerRequests, type WorkerScope } from '../../src/worker/requests.ts'

const original = (globalThis as { Worker?: unknown }).Worker
afterEach(() => {
  ;(globalThis as { Worker?: unknown }).Worker = original
})

/** A worker and its scope wired to each other, delivering messages in later tasks (held back on demand). */
function fakePair() {
  const held: (() => void)[] = []
  let hold = false
  const scope: WorkerScope = { onmessage: null, postMessage: (data) => deliver(() => worker.onmessage?.({ data } as MessageEvent)) }
  const worker = {
    onmessage: null as ((e: MessageEvent) => void) | null,
    postMessage: (data: unknown) => deliver(() => scope.onmessage?.({ data } as MessageEvent)),
  }
  const deliver = (f: () => void) => (hold ? held.push(f) : setTimeout(f, 0))
  return {
    scope,
    worker: worker as unknown as Worker,
    holdReplies: () => (hold = true),
    /** Lets the held messages through, last first. */
    releaseReversed: () => held.splice(0).reverse().forEach((f) => f()),
  }
}

describe('worker requests', () => {
  it('matches each reply to its request, whatever order the replies come in', async () => {
    ;(globalThis as { Worker?: unknown }).Worker = class {}
    const pair = fakePair()
    serveRequests<number, string>(pair.scope, (n) => ({ reply: `#${n * 2}` }))
    const request = workerRequests<number, string>(() => pair.worker)!
    pair.holdReplies()
    const a = request(1)
    const b = request(21)
    pair.releaseReversed() // both requests reach the worker, b first
    await Promise.resolve() // (the worker posts its replies once the handler's answer settles)
    pair.releaseReversed() // both replies reach the page, in reverse order again
    expect(await Promise.all([a, b])).toEqual(['#2', '#42'])
  })

  it('waits for an asynchronous answer, and a quicker later one does not take its place', async () => {
    ;(globalThis as { Worker?: unknown }).Worker = class {}
    const pair = fakePair()
    const slow: (() => void)[] = []
    serveRequests<number, string>(pair.scope, (n) =>
      n === 1 ? new Promise((resolve) => slow.push(() => resolve({ reply: 'slow one' }))) : { reply: `quick ${n}` },
    )
    const request = workerRequests<number, string>(() => pair.worker)!
    const a = request(1)
    const b = request(2)
    expect(await b).toBe('quick 2')
    await new Promise((r) => setTimeout(r, 0))
    expect(slow).toHaveLength(1)
    slow[0]!()
    expect(await a).toBe('slow one')
  })

  it('is null where no worker can be started', () => {
    ;(globalThis as { Worker?: unknown }).Worker = undefined
    expect(workerRequests(() => ({}) as Worker)).toBeNull()
    ;(globalThis as { Worker?: unknown }).Worker = class {}
    expect(
      workerRequests(() => {
        throw new Error('module workers unsupported')
      }),
    ).toBeNull()
  })

  it("rejects a request its handler failed on, with the handler's message, and answers the next", async () => {
    ;(globalThis as { Worker?: unknown }).Worker = class {}
    const pair = fakePair()
    serveRequests<number, string>(pair.scope, (n) => {
      if (n === 1) throw new Error('no such model: Llama-9')
      if (n === 2) return Promise.reject(new Error('out of memory'))
      return { reply: `ok ${n}` }
    })
    const request = workerRequests<number, string>(() => pair.worker)!
    await expect(request(1)).rejects.toThrow('no such model: Llama-9')
    await expect(request(2)).rejects.toThrow('out of memory')
    expect(await request(3)).toBe('ok 3')
  })

  it('rejects every waiting and later request once the worker fails, and ends it', async () => {
    ;(globalThis as { Worker?: unknown }).Worker = class {}
    let terminated = 0
    const worker = {
      onmessage: null as ((e: MessageEvent) => void) | null,
      onerror: null as ((e: ErrorEvent) => void) | null,
      postMessage: () => {},
      terminate: () => (terminated += 1),
    }
    const request = workerRequests<number, string>(() => worker as unknown as Worker)!
    const waiting = [request(1), request(2)]
    let prevented = false
    worker.onerror!({ message: 'Failed to fetch a dynamically imported module', preventDefault: () => (prevented = true) } as unknown as ErrorEvent)
    for (const w of waiting) await expect(w).rejects.toThrow('a background worker failed (Failed to fetch a dynamically imported module)')
    await expect(request(3)).rejects.toThrow('a background worker failed')
    expect(terminated).toBe(1)
    expect(prevented).toBe(true)
  })
})
