// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../../src/components/App.tsx'
import { PLAYING_REFRESH_MS } from '../../src/components/use-shown-step.ts'
import { createTestStore, renderWithStore, waitForRun } from '../helpers/app.tsx'
import { squeeze, squeezeFirstS } from '../helpers/serving.ts'

let disconnect = () => {}
afterEach(() => disconnect())

describe('the KV cache region', () => {
  it('shows each replica’s blocks at the cursor, who holds them, and its preemptions (the squeeze, FIFO)', async () => {
    // test/helpers/serving.ts: 3 blocks of 16 tokens; A and B prefill 16 tokens each, then A's
    // first decode needs a second block and B is preempted.
    const t = createTestStore({ scenario: squeeze(squeezeFirstS / 10), algorithms: ['FIFO'] })
    disconnect = t.disconnect
    renderWithStore(<App />, t.store)
    await waitForRun(t.store)
    const region = screen.getByRole('region', { name: 'KV cache' })
    act(() => t.store.getState().actions.setStep(5))
    const replica = within(region).getByRole('figure', { name: 'Replica 0' })
    expect(replica).toHaveTextContent('Tiny · TP 1 · GPU 0')
    expect(replica).toHaveTextContent('2 of 3 blocks used (67 %) · 2 in the batch')
    expect(within(replica).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['A 1', 'B 1'])
    expect(within(replica).getByRole('img', { name: 'Replica 0 KV blocks: 2 used, 1 free' })).toBeInTheDocument()
    expect(within(replica).getByRole('img', { name: 'Replica 0 KV use over time, 1 preemptions' })).toBeInTheDocument()

    act(() => t.store.getState().actions.setStep(11))
    expect(replica).toHaveTextContent('2 of 3 blocks used (67 %) · 1 in the batch')
    expect(within(replica).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['A 2'])
  })

  it('below the fold, holds its replicas while the cursor is dragged, and catches up when it stops', async () => {
    // The panel is reported out of view (jsdom has no IntersectionObserver; see use-in-view.ts).
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        constructor(private readonly report: (entries: { isIntersecting: boolean }[]) => void) {}
        observe() {
          this.report([{ isIntersecting: false }])
        }
        disconnect() {}
      },
    )
    const t = createTestStore({ scenario: squeeze(squeezeFirstS / 10), algorithms: ['FIFO'] })
    disconnect = t.disconnect
    renderWithStore(<App />, t.store)
    await waitForRun(t.store)
    const replica = within(screen.getByRole('region', { name: 'KV cache' })).getByRole('figure', { name: 'Replica 0' })
    act(() => t.store.getState().actions.setStep(11))
    // Settled (not moving, the run done): shown although out of view. Step 11: A decodes alone.
    expect(replica).toHaveTextContent('2 of 3 blocks used (67 %) · 1 in the batch')
    // Text panels follow a dragged cursor every PLAYING_REFRESH_MS (use-shown-step.ts): timers
    // faked, moved on well past it.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] })
    try {
      act(() => t.store.getState().actions.setDragging(true))
      act(() => t.store.getState().actions.setStep(5))
      act(() => void vi.advanceTimersByTime(10 * PLAYING_REFRESH_MS))
      // Step 5 has A and B in the batch; held at step 11 while dragged out of view.
      expect(replica).toHaveTextContent('2 of 3 blocks used (67 %) · 1 in the batch')
      act(() => t.store.getState().actions.setDragging(false))
      act(() => void vi.advanceTimersByTime(10 * PLAYING_REFRESH_MS))
      expect(replica).toHaveTextContent('2 of 3 blocks used (67 %) · 2 in the batch')
    } finally {
      vi.useRealTimers()
      vi.unstubAllGlobals()
    }
  })

  it('is not there in the job modes', async () => {
    const t = createTestStore()
    disconnect = t.disconnect
    renderWithStore(<App />, t.store)
    await waitForRun(t.store)
    expect(screen.queryByRole('region', { name: 'KV cache' })).toBeNull()
  })
})
