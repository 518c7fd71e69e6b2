// @vitest-environment jsdom
import { act, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { DecisionLog } from '../../src/components/DecisionLog.tsx'
import { prefill, scenario } from '../helpers/scenario.ts'
import { createTestStore, renderWithStore, waitForRun } from '../helpers/app.tsx'

let disconnect = () => {}
afterEach(() => disconnect())

const items = () => screen.getAllByRole('listitem').map((li) => li.textContent)

describe('decision explanations', () => {
  it('says, in one sentence per decision, what WeightedFIFO started and why', async () => {
    const t = createTestStore()
    disconnect = t.disconnect
    act(() => t.store.getState().actions.setFocus('WeightedFIFO'))
    renderWithStore(<DecisionLog />, t.store)
    await waitForRun(t.store)
    act(() => t.store.getState().actions.setStep(50))
    const lines = items()
    expect(lines).toHaveLength(8)
    expect(lines[0]).toBe('t = 0.50 s: 16 GPUs free; WeightedFIFO starts T_high_9 (weight 10, highest in queue).')
    expect(lines[1]).toBe('t = 0.50 s: 14 GPUs free; WeightedFIFO starts T_high_10 (weight 10, highest in queue).')
    expect(lines[4]).toBe('t = 0.50 s: 8 GPUs free; WeightedFIFO starts T_low_1 (weight 1, highest in queue).')
    expect(screen.getByRole('list', { name: 'Decision explanations' })).toHaveAttribute('aria-live', 'polite')
  })

  it('explains FIFO, SRPT and WSRPT by their own keys', async () => {
    const t = createTestStore()
    disconnect = t.disconnect
    renderWithStore(<DecisionLog />, t.store)
    await waitForRun(t.store)
    expect(items()[0]).toBe('t = 0.00 s: 16 GPUs free; FIFO starts T_low_1 (arrived 0.00 s, earliest in queue).')
    act(() => t.store.getState().actions.setFocus('SRPT'))
    expect(items()[0]).toBe('t = 0.00 s: 16 GPUs free; SRPT starts T_high_1 (0.50 s remaining, shortest in queue).')
    act(() => t.store.getState().actions.setFocus('WSRPT'))
    expect(items()[0]).toBe('t = 0.00 s: 16 GPUs free; WSRPT starts T_high_1 (weight / remaining 20, highest in queue).')
    act(() => t.store.getState().actions.setStep(7))
    expect(items()).toEqual(['No scheduling decision at this step. Shift + → jumps to the next one.'])
  })

  it('explains backfill and waiting for a whole node', async () => {
    const tasks = [prefill('A', 1, { tp: 4 }), prefill('B', 2, { tp: 8 }), prefill('C', 0.5, { tp: 2 }), prefill('D', 1, { tp: 8 }), prefill('E', 3, { tp: 1 })]
    const t = createTestStore({ scenario: scenario(tasks), scenarioLabel: 'mixed', algorithms: ['FIFO'] })
    disconnect = t.disconnect
    renderWithStore(<DecisionLog />, t.store)
    await waitForRun(t.store)
    expect(items()).toEqual([
      't = 0.00 s: 16 GPUs free; FIFO starts A (arrived 0.00 s, earliest in queue).',
      't = 0.00 s: 12 GPUs free; FIFO starts B (arrived 0.00 s, earliest in queue).',
      't = 0.00 s: 4 GPUs free; FIFO starts C (arrived 0.00 s, earliest in queue).',
      't = 0.00 s: 2 GPUs free; FIFO starts E (TP 1, backfilled) ahead of D (TP 8), which needs 8 free GPUs in one node.',
      't = 0.00 s: 1 GPU free, but nothing in the queue fits: D (TP 8) waits for 8 free GPUs in one node.',
    ])
  })
})
