// @vitest-environment jsdom
import { screen } from '@testing-library/react'
import { setupUser } from '../helpers/user.ts'
import { describe, expect, it } from 'vitest'
import { ScenarioBar } from '../../src/components/ScenarioBar.tsx'
import { createAppStore } from '../../src/store/app-store.ts'
import { renderWithStore } from '../helpers/app.tsx'

describe('scenario picker', () => {
  it('loads a teaching scenario with its own cluster and settings, and says what it shows', async () => {
    const store = createAppStore()
    renderWithStore(<ScenarioBar />, store)
    const user = setupUser()
    const picker = screen.getByRole('combobox', { name: 'Scenario' })
    expect(screen.getByRole('group', { name: 'Teaching (≤ 10 tasks, own cluster)' })).toBeInTheDocument()
    await user.selectOptions(picker, 'preemption')
    const s = store.getState().scenario
    expect(s.tasks.map((t) => t.id)).toEqual(['A', 'B', 'C'])
    expect(s.cluster.groups).toEqual([{ gpu: 'H100-SXM-80GB', count: 1 }])
    expect(s.preemptive).toBe(true)
    expect(s.maxTimeS).toBe(Infinity)
    expect(store.getState().scenarioLabel).toBe('preemption')
    expect(screen.getByText(/preemptive SRPT halves FIFO’s mean flow/)).toBeInTheDocument()
    await user.selectOptions(picker, 'convoy')
    expect('preemptive' in store.getState().scenario).toBe(false)
    expect(screen.getByText(/the convoy effect/)).toBeInTheDocument()
  })
})
