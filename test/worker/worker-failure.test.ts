import { afterEach, describe, expect, it, vi } from 'vitest'
import { readFileSync } from 'node:fs'
import { encodeHere } from '../../src/worker/encode-client.ts'
import { parseFile } from '../../src/worker/parse-file.ts'
import { scenario, prefill } from '../helpers/scenario.ts'

const original = (globalThis as { Worker?: unknown }).Worker
afterEach(() => {
  ;(globalThis as { Worker?: unknown }).Worker = original
  vi.resetModules()
})

/** A Worker whose script never loads: it fails (an error event) at the first message. */
function failingWorkers(): { started: number } {
  const made = { started: 0 }
  ;(globalThis as { Worker?: unknown }).Worker = class {
    onmessage: ((e: MessageEvent) => void) | null = null
    onerror: ((e: ErrorEvent) => void) | null = null
    constructor() {
      made.started += 1
    }
    postMessage() {
      setTimeout(() => this.onerror?.({ message: 'Failed to fetch a dynamically imported module', preventDefault: () => {} } as unknown as ErrorEvent), 0)
    }
    terminate() {}
  }
  return made
}

describe('a background worker that fails', () => {
  it('leaves the zeroed memory to be made on the page, touched and of the size asked', async () => {
    const made = failingWorkers()
    const { zeroedMaker } = await import('../../src/worker/zeroed-client.ts')
    const { make } = zeroedMaker()!
    const a = await make(3 * 4096)
    const b = await make(4096)
    expect(a.byteLength).toBe(3 * 4096)
    expect(new Uint8Array(a).every((x) => x === 0)).toBe(true)
    expect(b.byteLength).toBe(4096)
    expect(made.started).toBe(1)
  })

  it('is started once, whether by start (in idle time) or by the first ask', async () => {
    const made = failingWorkers()
    const { zeroedMaker } = await import('../../src/worker/zeroed-client.ts')
    const zeroed = zeroedMaker()!
    zeroed.start()
    expect(made.started).toBe(1)
    zeroed.start()
    const a = await zeroed.make(4096)
    expect(a.byteLength).toBe(4096)
    expect(made.started).toBe(1)
  })

  it('leaves an import to be parsed on the page, with the same result', async () => {
    failingWorkers()
    const { parseInWorker } = await import('../../src/worker/parse-client.ts')
    const text = readFileSync('test/fixtures/serving/preemption.json', 'utf8')
    const parsed = await parseInWorker('preemption.json', text)
    expect(parsed.ok).toBe(true)
    expect({ ...parsed, requestId: 0 }).toEqual({ ...parseFile({ requestId: 0, name: 'preemption.json', text }), requestId: 0 })
  })

  it('leaves the link to be encoded on the page, the same as there', async () => {
    failingWorkers()
    const { createWorkerEncoder } = await import('../../src/worker/encode-client.ts')
    const s = scenario([prefill('a', 1), prefill('b', 2, { weight: 3 })], { cluster: 'h100_8gpu' })
    expect(await createWorkerEncoder()(s, ['FIFO'], 'mine')).toEqual(await encodeHere(s, ['FIFO'], 'mine'))
  })
})
