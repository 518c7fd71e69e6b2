// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react'
import { setupUser } from '../helpers/user.ts'
import { afterEach, describe, expect, it } from 'vitest'
import { BreakdownPanel } from '../../src/components/BreakdownPanel.tsx'
import { MetricCharts } from '../../src/components/MetricCharts.tsx'
import { ResultsTable } from '../../src/components/ResultsTable.tsx'
import { createTestStore, renderWithStore, waitForRun } from '../helpers/app.tsx'

let disconnect = () => {}
afterEach(() => disconnect())

/** The discriminating workload on h100_16gpu, exact mode (the default scenario). */
async function setup() {
  const t = createTestStore()
  disconnect = t.disconnect
  renderWithStore(
    <>
      <MetricCharts />
      <ResultsTable />
      <BreakdownPanel />
    </>,
    t.store,
  )
  await waitForRun(t.store)
  return t.store
}

const row = (algorithm: string) => screen.getAllByRole('row').find((r) => within(r).queryByRole('cell', { name: algorithm }) !== null)!
const equation = () => screen.getByRole('region', { name: 'Breakdown' }).querySelector('.breakdown-equation')?.textContent

describe('every number explained', () => {
  it('a Results cell shows its formula on keyboard focus and its breakdown by task on click', async () => {
    const store = await setup()
    const user = setupUser()
    const fifoWeighted = within(row('FIFO')).getByRole('button', { name: '336.000' })
    // Keyboard reachable: the formula is the button's description while it has focus.
    act(() => fifoWeighted.focus())
    expect(fifoWeighted).toHaveAccessibleDescription(/^Weighted flow of FIFO: Σ weight × \(completion − arrival\) over completed tasks/)
    expect(screen.getByRole('tooltip')).toHaveTextContent(/^Weighted flow of FIFO/)
    act(() => fifoWeighted.blur())
    expect(within(row('FIFO')).getAllByRole('cell')[1]!.textContent).toBe('336.000')

    await user.click(fifoWeighted)
    // Lows complete at 2 s, eight highs at 2.5 s, the last four at 3 s.
    expect(equation()).toBe('336.000 = 8 × 1 × 2.000 + 8 × 10 × 2.500 + 4 × 10 × 3.000')
    expect(store.getState().highlight?.tasks).toHaveLength(20)
    expect(store.getState().highlight?.label).toBe('Weighted flow of FIFO')

    await user.click(within(row('SRPT')).getByRole('button', { name: '1.500' }))
    expect(equation()).toBe('1.500 = (8 × 0.500 + 4 × 1.000 + 4 × 2.500 + 4 × 3.000) / 20')

    await user.click(within(row('FIFO')).getByRole('button', { name: '91.7 %' }))
    // 8 lows × 2 GPUs × 2 s and 12 highs × 2 GPUs × 0.5 s, over 16 GPUs × 3 s.
    expect(equation()).toBe('91.7 % = (8 × 2 × 2.000 + 12 × 2 × 0.500) / (16 × 3.000)')

    await user.click(within(row('FIFO')).getAllByRole('button', { name: '3.000' })[0]!)
    expect(equation()).toBe('3.000 = 3.000 + 0.05 × (3.000 − 3.000)')
    expect(store.getState().highlight?.tasks).toEqual([18, 19])

    await user.click(within(row('FIFO')).getAllByRole('button', { name: '3.000' })[1]!)
    expect(equation()).toBe('3.000 = completion of T_high_9, T_high_10, T_high_11, T_high_12')

    await user.click(within(row('SRPT')).getByRole('button', { name: '69.6 %' }))
    expect(equation()).toBe('69.6 % = (336.000 − 102.000) / 336.000')

    await user.click(screen.getByRole('button', { name: 'Close' }))
    expect(screen.queryByRole('region', { name: 'Breakdown' })).toBeNull()
    expect(store.getState().highlight).toBeNull()
  })

  it('a chart readout explains its value at the cursor', async () => {
    const store = await setup()
    const user = setupUser()
    act(() => store.getState().actions.setStep(250))
    const figure = await waitFor(() => screen.getByRole('figure', { name: 'Weighted flow time, accumulated' }))
    await user.click(await within(figure).findByRole('button', { name: '216.000' }))
    expect(equation()).toBe('216.000 = 8 × 1 × 2.000 + 8 × 10 × 2.500')
    expect(within(screen.getByRole('region', { name: 'Breakdown' })).getByRole('heading')).toHaveTextContent('Weighted flow of FIFO at t = 2.50 s')

    await user.click(within(screen.getByRole('figure', { name: 'GPU utilization' })).getAllByRole('button', { name: '50.0 %' })[0]!)
    expect(equation()).toBe('50.0 % = (4 × 2) GPUs held / 16 GPUs')
    expect(store.getState().highlight?.tasks).toEqual([16, 17, 18, 19])

    act(() => store.getState().actions.setStep(100))
    await user.click(within(screen.getByRole('figure', { name: 'Queue length' })).getAllByRole('button', { name: '12' })[0]!)
    expect(equation()).toBe('12 = 12 tasks waiting')
    expect(store.getState().highlight?.tasks).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19])
  })
})
