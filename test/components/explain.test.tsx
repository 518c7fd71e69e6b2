// @vitest-environment jsdom
import { act, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { DecisionLog } from '../../src/components/DecisionLog.tsx'
import { prefill, scenario } from '../helpers/scenario.ts'
import { teachingScenario } from '../../src/engine/workloads/scenarios.ts'
import { defaultScenario } from '../../src/store/defaults.ts'

/** Reference SRPT on discriminating at 1 s: 4 tasks run (8 GPUs), 8 are free: ⌊8 / 2⌋ − 4 = 0 slots. */
const WAIT_LINE = "t = 1.00 s: 8 GPUs free, but the reference's slot count leaves no slot: ⌊free GPUs / 2⌋ − running tasks = ⌊8 / 2⌋ − 4 = 0 at the stage's start; 4 tasks keep waiting."
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
    expect(lines[0]).toBe('t = 0.50 s: 16 GPUs free; WeightedFIFO starts T_high_9 (weight 10, highest in queue; tied with 3 others at weight 10; WeightedFIFO takes queue order).')
    expect(lines[1]).toBe('t = 0.50 s: 14 GPUs free; WeightedFIFO starts T_high_10 (weight 10, highest in queue; tied with 2 others at weight 10; WeightedFIFO takes queue order).')
    expect(lines[4]).toBe('t = 0.50 s: 8 GPUs free; WeightedFIFO starts T_low_1 (all 8 waiting have weight 1; WeightedFIFO takes queue order).')
    expect(screen.getByRole('list', { name: 'Decision explanations' })).toHaveAttribute('aria-live', 'polite')
  })

  it('explains FIFO, SRPT and WSRPT by their own keys', async () => {
    const t = createTestStore()
    disconnect = t.disconnect
    renderWithStore(<DecisionLog />, t.store)
    await waitForRun(t.store)
    expect(items()[0]).toBe('t = 0.00 s: 16 GPUs free; FIFO starts T_low_1 (all 20 waiting arrived at 0.00 s; FIFO takes queue order).')
    act(() => t.store.getState().actions.setFocus('SRPT'))
    expect(items()[0]).toBe('t = 0.00 s: 16 GPUs free; SRPT starts T_high_1 (0.50 s remaining, shortest in queue; tied with 11 others at remaining 0.50 s; SRPT takes queue order).')
    act(() => t.store.getState().actions.setFocus('WSRPT'))
    expect(items()[0]).toBe('t = 0.00 s: 16 GPUs free; WSRPT starts T_high_1 (weight / remaining 20, highest in queue; tied with 11 others at weight / remaining 20; WSRPT takes queue order).')
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
      't = 0.00 s: 16 GPUs free; FIFO starts A (all 5 waiting arrived at 0.00 s; FIFO takes queue order).',
      't = 0.00 s: 12 GPUs free; FIFO starts B (all 4 waiting arrived at 0.00 s; FIFO takes queue order).',
      't = 0.00 s: 4 GPUs free; FIFO starts C (all 3 waiting arrived at 0.00 s; FIFO takes queue order).',
      't = 0.00 s: 2 GPUs free; FIFO starts E (TP 1, backfilled) ahead of D (TP 8), which needs 8 free GPUs in one node.',
      't = 0.00 s: 1 GPU free (1 in node 0), but nothing in the queue fits: D (TP 8) waits for 8 free GPUs in one node.',
    ])
  })

  it("names no tie where the pick's key is its own, and works out the reference's slot count", async () => {
    const t = createTestStore({ scenario: teachingScenario('smith-rule')!.scenario(), scenarioLabel: 'smith-rule', algorithms: ['SRPT'] })
    disconnect = t.disconnect
    act(() => t.store.getState().actions.setFocus('SRPT'))
    renderWithStore(<DecisionLog />, t.store)
    await waitForRun(t.store)
    // B (1 s) is the only shortest of A 4, B 1, C 2, D 3.
    expect(items()).toEqual(['t = 0.00 s: 1 GPU free; SRPT starts B (1.00 s remaining, shortest in queue).'])
    act(() => t.store.getState().actions.setScenario({ ...defaultScenario(), mode: 'reference' }, 'discriminating', ['SRPT']))
    await waitFor(() => expect(t.store.getState().run.scenario.mode).toBe('reference'))
    await waitForRun(t.store)
    const log = t.store.getState().run.timelines.SRPT!.decisions
    const wait = Array.from({ length: log.length }, (_, d) => d).find((d) => log.task.data[d]! < 0)!
    act(() => t.store.getState().actions.setStep(log.step.data[wait]!))
    expect(items().at(-1)).toBe(WAIT_LINE)
  })
})
