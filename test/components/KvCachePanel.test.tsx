// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { App } from '../../src/components/App.tsx'
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

  it('is not there in the job modes', async () => {
    const t = createTestStore()
    disconnect = t.disconnect
    renderWithStore(<App />, t.store)
    await waitForRun(t.store)
    expect(screen.queryByRole('region', { name: 'KV cache' })).toBeNull()
  })
})
