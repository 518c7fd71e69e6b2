// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react'
import { setupUser } from '../helpers/user.ts'
import { afterEach, describe, expect, it } from 'vitest'
import { QueuePanel } from '../../src/components/QueuePanel.tsx'
import { prefill, scenario } from '../helpers/scenario.ts'
import { createTestStore, renderWithStore, waitForRun } from '../helpers/app.tsx'

let disconnect = () => {}
afterEach(() => disconnect())

function bodyRows() {
  const table = screen.getByRole('table', { name: /Queue ranked by/ })
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))
}

describe('queue panel', () => {
  it('keeps its frame, with blanks, while a new run is being prepared, then fills it in', async () => {
    const t = createTestStore()
    disconnect = t.disconnect
    renderWithStore(<QueuePanel />, t.store)
    await waitForRun(t.store)
    act(() => t.store.setState((s) => ({ run: { ...s.run, status: 'running', prepared: null, timelines: {} } })))
    expect(screen.getByRole('combobox', { name: 'Focused algorithm' })).toHaveValue('FIFO')
    expect(screen.getByText('waiting').parentElement).toHaveTextContent('– waiting')
    expect(screen.getByText('Simulating…')).toBeInTheDocument()
    act(() => t.store.setState((s) => ({ run: { ...s.run, status: 'error' } })))
    expect(screen.getByText('No queue: the simulation failed.')).toBeInTheDocument()
    // A new run fills it in.
    act(() => t.store.getState().actions.setFocus('SRPT'))
    act(() => t.store.getState().actions.setScenario({ ...t.store.getState().scenario }, 'again'))
    await waitForRun(t.store)
    act(() => t.store.getState().actions.setStep(1))
    expect(screen.getByText('waiting').parentElement).toHaveTextContent('12 waiting')
    expect(screen.queryByText('Simulating…')).toBeNull()
  })

  it('ranks the waiting tasks for the focused algorithm with the value it ranks by', async () => {
    const t = createTestStore()
    disconnect = t.disconnect
    renderWithStore(<QueuePanel />, t.store)
    await waitForRun(t.store)
    act(() => t.store.getState().actions.setStep(1))
    // FIFO at 0.01 s: 8 long tasks run, the 12 short ones wait in arrival order.
    expect(screen.getByText('waiting').parentElement).toHaveTextContent('12 waiting')
    expect(screen.getByRole('columnheader', { name: 'arrival (s)' })).toBeInTheDocument()
    let rows = bodyRows()
    expect(rows).toHaveLength(12)
    expect(rows[0]).toEqual(['1', 'T_high_1next pick', '10', '500 P', '0'])

    act(() => t.store.getState().actions.setFocus('WeightedFIFO'))
    // WeightedFIFO ran 8 heavy tasks: 4 heavy (weight 10) then 8 light wait.
    rows = bodyRows()
    expect(rows.map((r) => r[1]!.replace('next pick', ''))).toEqual([
      'T_high_9', 'T_high_10', 'T_high_11', 'T_high_12', 'T_low_1', 'T_low_2', 'T_low_3', 'T_low_4', 'T_low_5', 'T_low_6', 'T_low_7', 'T_low_8',
    ])
    expect(rows.map((r) => r[4])).toEqual(['10', '10', '10', '10', '1', '1', '1', '1', '1', '1', '1', '1'])

    act(() => t.store.getState().actions.setFocus('SRPT'))
    expect(screen.getByRole('columnheader', { name: 'remaining (s)' })).toBeInTheDocument()
    expect(bodyRows().map((r) => r[4])).toEqual(['0.500', '0.500', '0.500', '0.500', '2', '2', '2', '2', '2', '2', '2', '2'])

    act(() => t.store.getState().actions.setFocus('WSRPT'))
    expect(bodyRows()[0]![4]).toBe('20')
    expect(bodyRows()[11]![4]).toBe('0.500')
  })

  it('shows free GPUs per node and marks a backfilled task that starts before the head', async () => {
    const tasks = [prefill('A', 1, { tp: 4 }), prefill('B', 2, { tp: 8 }), prefill('C', 0.5, { tp: 2 }), prefill('D', 1, { tp: 8, arrivalS: 0.1 }), prefill('E', 3, { tp: 4, arrivalS: 0.1 })]
    const t = createTestStore({ scenario: scenario(tasks), scenarioLabel: 'mixed', algorithms: ['FIFO'] })
    disconnect = t.disconnect
    renderWithStore(<QueuePanel />, t.store)
    await waitForRun(t.store)
    // D (TP 8) and E (TP 4) arrive at 0.1 s with 2 GPUs free; E starts at 0.5 s when C frees 2 more.
    act(() => t.store.getState().actions.setStep(10))
    expect(screen.getByText(/GPUs free/)).toHaveTextContent('2 of 16 GPUs free (per node: 2, 0)')
    const rows = bodyRows()
    expect(rows.map((r) => r[1])).toEqual(['Dnext pick', 'Estarts next'])
    await setupUser().click(screen.getByText('E'))
    expect(t.store.getState().selectedTask).toBe(4)
  })

  it('shows the reference slot count in reference mode', async () => {
    const t = createTestStore()
    disconnect = t.disconnect
    act(() => t.store.getState().actions.setMode('reference'))
    renderWithStore(<QueuePanel />, t.store)
    await waitForRun(t.store)
    act(() => t.store.getState().actions.setStep(1))
    // 16 GPUs, 8 running: 0 free, ⌊0/2⌋ − 8 = −8 slots, said in words.
    expect(screen.getByText(/reference slots/)).toHaveTextContent('reference slots -8 = ⌊0 free / 2⌋ − 8 running')
  })

  it("labels SRPT's key in reference mode as the FLOPs estimate it is", async () => {
    const t = createTestStore({ focus: 'SRPT' })
    disconnect = t.disconnect
    act(() => t.store.getState().actions.setMode('reference'))
    renderWithStore(<QueuePanel />, t.store)
    await waitForRun(t.store)
    act(() => t.store.getState().actions.setStep(1))
    // Qwen3 prefill: tokens × 1.2e11 FLOPs / 30e12 FLOP/s × 1/TP 2: 1 s for 500 tokens, 4 s for
    // 2,000, while the loop runs them 0.5 s and 2 s (1,000 tokens/s).
    expect(screen.getByRole('columnheader', { name: 'remaining (s) FLOPs estimate' })).toBeInTheDocument()
    // SRPT started 8 of the 12 short tasks at 0: 4 short and the 8 long ones wait.
    expect(bodyRows().map((r) => r[4])).toEqual(['1', '1', '1', '1', '4', '4', '4', '4', '4', '4', '4', '4'])
    act(() => t.store.getState().actions.setFocus('FIFO'))
    expect(screen.getByRole('columnheader', { name: 'arrival (s)' })).toBeInTheDocument()
  })

  it('says when the cursor is past the max time: nothing starts any more', async () => {
    // X holds both GPUs 0–10 s; A arrives at 0.1 s and waits; the horizon is 5 s.
    const tasks = [prefill('X', 10, { tp: 2 }), prefill('A', 1, { tp: 1, arrivalS: 0.1 })]
    const t = createTestStore({ scenario: scenario(tasks, { cluster: 'h100:2', maxTimeS: 5 }), algorithms: ['FIFO'] })
    disconnect = t.disconnect
    renderWithStore(<QueuePanel />, t.store)
    await waitForRun(t.store)
    act(() => t.store.getState().actions.setStep(499))
    expect(screen.queryByRole('note')).toBeNull()
    act(() => t.store.getState().actions.setStep(700))
    expect(screen.getByText('waiting').parentElement).toHaveTextContent('1 waiting')
    expect(screen.getByRole('note')).toHaveTextContent('Past the max time of 5.00 s: no task starts any more; the task waiting stays unfinished.')
  })

  it('keeps only the rows in view in the page, and follows the scroll', async () => {
    // 80 one-second tasks of TP 8 on 8 GPUs: one runs, 79 wait in input order.
    const tasks = Array.from({ length: 80 }, (_, k) => prefill(`Q${k + 1}`, 1, { tp: 8 }))
    const t = createTestStore({ scenario: scenario(tasks, { cluster: 'h100_8gpu', maxTimeS: Infinity }) })
    disconnect = t.disconnect
    renderWithStore(<QueuePanel />, t.store)
    await waitForRun(t.store)
    act(() => t.store.getState().actions.setStep(1))
    expect(screen.getByText('waiting').parentElement).toHaveTextContent('79 waiting')
    // 330 px of 25 px rows, less the header: rows 1 to ⌈330 / 25⌉ = 14.
    let rows = bodyRows()
    expect(rows.map((r) => r[0])).toEqual(Array.from({ length: 14 }, (_, k) => String(k + 1)))
    expect(rows[13]![1]).toBe('Q15')
    // When the cursor moves the rows keep their elements and show the tasks now at their place.
    const firstRow = within(screen.getByRole('table', { name: /Queue ranked by/ })).getAllByRole('row')[1]!
    act(() => t.store.getState().actions.setStep(101))
    expect(screen.getByText('waiting').parentElement).toHaveTextContent('78 waiting')
    expect(within(screen.getByRole('table', { name: /Queue ranked by/ })).getAllByRole('row')[1]).toBe(firstRow)
    expect(firstRow).toHaveTextContent('Q3')
    act(() => t.store.getState().actions.setStep(1))
    const scroller = screen.getByRole('table', { name: /Queue ranked by/ }).parentElement!
    act(() => {
      scroller.scrollTop = 1000
      scroller.dispatchEvent(new Event('scroll'))
    })
    // The header scrolled away: from row 1000 / 25 − 1 = 39 to ⌈(1000 + 330) / 25⌉ = 54 (ranks 40 to 54).
    rows = bodyRows()
    expect(rows.map((r) => r[0])).toEqual(Array.from({ length: 15 }, (_, k) => String(k + 40)))
    expect(rows[0]![1]).toBe('Q41')
  })

  it('ranks a preempted task by the work it has left (preemptive SRPT)', async () => {
    // One GPU: A (8 s) from 0; B (1 s) at 1 s preempts it; C (1 s) at 2 s runs before it too.
    const tasks = [prefill('A', 8), prefill('B', 1, { arrivalS: 1 }), prefill('C', 1, { arrivalS: 2 })]
    const t = createTestStore({ scenario: scenario(tasks, { cluster: 'h100:1', maxTimeS: Infinity, preemptive: true }), algorithms: ['SRPT'] })
    disconnect = t.disconnect
    renderWithStore(<QueuePanel />, t.store)
    await waitForRun(t.store)
    // At 1.5 s B runs; A waits with 7 of its 8 s left.
    act(() => t.store.getState().actions.setStep(150))
    expect(bodyRows()).toEqual([['1', 'Anext pick', '1', '8000 P', '7']])
    // At 2.5 s C runs; A still has 7 s left.
    act(() => t.store.getState().actions.setStep(250))
    expect(bodyRows()).toEqual([['1', 'Anext pick', '1', '8000 P', '7']])
    act(() => t.store.getState().actions.setStep(300))
    expect(screen.getByText(/Nobody is waiting/)).toBeInTheDocument()
  })
})
