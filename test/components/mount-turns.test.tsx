// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../../src/components/App.tsx'
import { mountTurnsPending } from '../../src/components/use-mount-turn.ts'
import { createTestStore, renderWithStore } from '../helpers/app.tsx'
import { parseClusterName } from '../../src/engine/catalog/clusters.ts'
import { squeeze, squeezeFirstS } from '../helpers/serving.ts'

let disconnect = () => {}
afterEach(() => {
  disconnect()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

/** Animation frames by hand: each call to `frame` runs the callbacks asked for before it. */
function stubFrames() {
  let queued = new Map<number, FrameRequestCallback>()
  let next = 1
  vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => {
    queued.set(next, f)
    return next++
  })
  vi.stubGlobal('cancelAnimationFrame', (id: number) => queued.delete(id))
  return () =>
    act(() => {
      const now = queued
      queued = new Map()
      for (const f of now.values()) f(0)
    })
}

const region = (name: string) => screen.getByRole('region', { name })
/** The KV panel's replicas still holding their place (hidden from assistive technology). */
const places = () => region('KV cache').querySelectorAll('figure.kv-replica-place[aria-hidden="true"]').length

/** Canvases of `className` whose 2D context was asked for: drawn, or about to be (jsdom has none). */
function contextAsks() {
  const asked: string[] = []
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement) {
    asked.push(this.className)
    return null
  })
  return (className: string) => asked.filter((c) => c === className).length
}
const decisions = () => within(region('Decisions')).getAllByRole('listitem').map((li) => li.textContent)

describe('the serving views’ mount turns', () => {
  it('mount the Gantt with the prepared run, then draw the requests, then the KV cache (four frames), queue and decisions', async () => {
    const frame = stubFrames()
    const asks = contextAsks()
    const t = createTestStore({ scenario: squeeze(squeezeFirstS / 10), algorithms: ['FIFO'] })
    disconnect = t.disconnect
    renderWithStore(<App />, t.store)
    // The run streams in on tasks of its own (the test store's runner), not on frames.
    await waitFor(() => expect(t.store.getState().run.status).toBe('done'), { interval: 2 })
    act(() => t.store.getState().actions.setStep(0))
    const gantt = region('Gantt chart')
    const kvHint = 'The KV cache shows once the serving run has started.'
    const queueHint = 'The queues show once the serving run has started.'
    const noDecision = ['No admission, preemption or finish at this step.']
    const admissions = [
      't = 0 s: A joins replica 0: head of the Tiny queue in FIFO order, with KV blocks free for its first chunk (1 still waiting)',
      't = 0 s: B joins replica 0: head of the Tiny queue in FIFO order, with KV blocks free for its first chunk (0 still waiting)',
    ]

    // Turn 0: the Gantt's views, the request view and the KV replicas' places (so the page below
    // does not move), nothing drawn or read in them yet.
    expect(within(gantt).getByRole('list', { name: 'All algorithms' })).toBeInTheDocument()
    expect(within(gantt).getByRole('region', { name: 'Requests' })).toBeInTheDocument()
    expect(asks('request-canvas')).toBe(0)
    expect(region('KV cache')).not.toHaveTextContent(kvHint)
    expect(region('KV cache')).toHaveTextContent('Replica 0 Tiny · TP 1 · GPU 0')
    expect(places()).toBe(1)
    expect(within(region('KV cache')).queryAllByRole('figure')).toEqual([])
    expect(region('Queue')).toHaveTextContent(queueHint)
    expect(decisions()).toEqual(noDecision)
    expect(mountTurnsPending()).toBe(7)

    frame()
    expect(asks('request-canvas')).toBe(1)
    expect(within(gantt).getByRole('img', { name: 'FIFO requests: one row per request' })).toBeInTheDocument()
    expect(places()).toBe(1)
    expect(mountTurnsPending()).toBe(6)

    frame()
    expect(within(region('KV cache')).getByRole('img', { name: 'Replica 0 KV blocks: 2 used, 1 free' })).toBeInTheDocument()
    expect(places()).toBe(0)
    expect(region('Queue')).toHaveTextContent(queueHint)

    for (let k = 0; k < 3; k++) frame()
    expect(region('Queue')).toHaveTextContent(queueHint)
    expect(mountTurnsPending()).toBe(2)

    frame()
    expect(region('Queue')).toHaveTextContent('Replica 0 (Tiny): batch of 2, 32 tokens this iteration')
    expect(decisions()).toEqual(noDecision)
    expect(mountTurnsPending()).toBe(1)

    frame()
    expect(decisions()).toEqual(admissions)
    expect(mountTurnsPending()).toBe(0)

    // A run that follows (an edit) waits its turns again, and the request view stays mounted.
    const first = t.store.getState().run.runId
    act(() => t.store.getState().actions.toggleAlgorithm('SRPT'))
    await waitFor(
      () => {
        expect(t.store.getState().run.runId).not.toBe(first)
        expect(t.store.getState().run.status).toBe('done')
      },
      { interval: 2 },
    )
    act(() => t.store.getState().actions.setStep(0))
    expect(within(gantt).getByRole('region', { name: 'Requests' })).toBeInTheDocument()
    expect(places()).toBe(1)
    for (let k = 0; k < 7; k++) frame()
    expect(mountTurnsPending()).toBe(0)
    expect(decisions()).toEqual(admissions)
    expect(within(region('KV cache')).getByRole('img', { name: 'Replica 0 KV blocks: 2 used, 1 free' })).toBeInTheDocument()
  })

  it('mount the KV panel’s 16 replicas 4 a frame', async () => {
    const frame = stubFrames()
    const base = squeeze(squeezeFirstS / 10)
    // The squeeze on 20 one-GPU replicas: more than the 16 the panel draws.
    const scenario = { ...base, cluster: parseClusterName('h100:20'), serving: { ...base.serving!, deployments: [{ model: 'Tiny', tp: 1, replicas: 20 }] } }
    const t = createTestStore({ scenario, algorithms: ['FIFO'] })
    disconnect = t.disconnect
    renderWithStore(<App />, t.store)
    await waitFor(() => expect(t.store.getState().run.status).toBe('done'), { interval: 2 })
    const figures = () => within(region('KV cache')).queryAllByRole('figure').map((f) => f.getAttribute('aria-label'))
    const replicas = (n: number) => Array.from({ length: n }, (_, r) => `Replica ${r}`)
    expect(places()).toBe(16)
    frame()
    expect(figures()).toEqual([])
    for (const n of [4, 8, 12]) {
      frame()
      expect(figures()).toEqual(replicas(n))
      expect(places()).toBe(16 - n)
      expect(region('KV cache')).not.toHaveTextContent('replicas shown')
    }
    frame()
    expect(figures()).toEqual(replicas(16))
    expect(places()).toBe(0)
    expect(region('KV cache')).toHaveTextContent('16 of 20 replicas shown.')
  })
})
