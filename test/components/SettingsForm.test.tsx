// @vitest-environment jsdom
import { fireEvent, screen } from '@testing-library/react'
import { setupUser } from '../helpers/user.ts'
import { describe, expect, it } from 'vitest'
import { SettingsForm } from '../../src/components/SettingsForm.tsx'
import { createAppStore } from '../../src/store/app-store.ts'
import { renderWithStore } from '../helpers/app.tsx'

describe('cluster and time settings', () => {
  it('builds a custom cluster of GPU types × counts with a readout', async () => {
    const store = createAppStore()
    renderWithStore(<SettingsForm />, store)
    const user = setupUser()
    await user.click(screen.getByRole('button', { name: 'Add GPU type' }))
    const counts = screen.getAllByLabelText('GPU count')
    await user.clear(counts[1]!)
    await user.type(counts[1]!, '12')
    expect(screen.getByText(/28 GPUs · 4 nodes/)).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Use this cluster' }))
    expect(store.getState().scenario.cluster).toEqual({ name: 'custom', groups: [{ gpu: 'H100-SXM-80GB', count: 16 }, { gpu: 'A100-80GB', count: 12 }] })
  })

  it('keeps a bad count or dt as typed, says why, and leaves the scenario alone', async () => {
    const store = createAppStore()
    const before = store.getState().scenario
    renderWithStore(<SettingsForm />, store)
    fireEvent.change(screen.getByLabelText('GPU count'), { target: { value: '-3' } })
    expect(screen.getByText('GPU count in row 1 must be a whole number ≥ 1')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Use this cluster' })).toBeDisabled()
    fireEvent.change(screen.getByLabelText('Step dt (s)'), { target: { value: '0' } })
    expect(screen.getByRole('alert')).toHaveTextContent('dt must be a positive number of seconds')
    expect(screen.getByLabelText('Step dt (s)')).toHaveValue('0')
    expect(store.getState().scenario).toBe(before)
    fireEvent.change(screen.getByLabelText('Step dt (s)'), { target: { value: '0.05' } })
    expect(store.getState().scenario.dtS).toBe(0.05)
  })

  it("checks the engine's limits as they are typed, in its words: GPUs, steps for this workload", () => {
    const store = createAppStore()
    const before = store.getState().scenario
    renderWithStore(<SettingsForm />, store)
    const count = screen.getByLabelText('GPU count')
    fireEvent.change(count, { target: { value: '5000' } })
    expect(screen.getByText('cluster custom has more than 4096 GPUs (5000)')).toBeInTheDocument()
    expect(count).toBeInvalid()
    expect(screen.getByRole('button', { name: 'Use this cluster' })).toBeDisabled()
    // Until every task finishes: the 20 default tasks are 22 s of work done one at a time, the
    // longest 2 s, so a run could reach 24 s: 2.4e9 steps of 1e-8 s, over the limit of 1e9.
    fireEvent.click(screen.getByLabelText('until all tasks finish'))
    expect(store.getState().scenario.maxTimeS).toBe(Infinity)
    fireEvent.change(screen.getByLabelText('Step dt (s)'), { target: { value: '1e-8' } })
    expect(screen.getByRole('alert')).toHaveTextContent(
      'the scenario could run until 24 s (the last arrival at 0 s plus all the work done one task at a time, 22 s): 2.4e9 steps of dt 1e-8 s, ' +
        'more than the limit of 1,000,000,000 steps; use a dt of at least 2.4e-8 s or set a max time (the simulation keeps the last valid values)',
    )
    expect(store.getState().scenario).toMatchObject({ dtS: before.dtS, maxTimeS: Infinity })
    fireEvent.change(screen.getByLabelText('Step dt (s)'), { target: { value: '3e-8' } })
    expect(screen.queryByRole('alert')).toBeNull()
    expect(store.getState().scenario.dtS).toBe(3e-8)
  })

  it('runs until every task finishes, and switches accounting and placement', async () => {
    const store = createAppStore()
    renderWithStore(<SettingsForm />, store)
    const user = setupUser()
    await user.click(screen.getByLabelText('until all tasks finish'))
    expect(store.getState().scenario.maxTimeS).toBe(Infinity)
    await user.click(screen.getByLabelText(/Strict priority/))
    expect(store.getState().scenario.backfill).toBe(false)
    await user.click(screen.getByLabelText(/reference simulator's accounting/))
    expect(store.getState().scenario.mode).toBe('reference')
  })

  it('switches preemption on and off in exact mode; reference mode never preempts', async () => {
    const store = createAppStore()
    renderWithStore(<SettingsForm />, store)
    const user = setupUser()
    const preemptive = screen.getByRole('switch', { name: 'Preemptive' })
    expect(preemptive).not.toBeChecked()
    await user.click(preemptive)
    expect(store.getState().scenario.preemptive).toBe(true)
    await user.click(preemptive)
    expect('preemptive' in store.getState().scenario).toBe(false)
    await user.click(screen.getByLabelText(/reference simulator's accounting/))
    expect(screen.getByRole('switch', { name: 'Preemptive' })).toBeDisabled()
  })
})
