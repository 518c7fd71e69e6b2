// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react'
import { setupUser } from '../helpers/user.ts'
import { afterEach, describe, expect, it } from 'vitest'
import { StudentPanel } from '../../src/components/StudentPanel.tsx'
import { TeachBar } from '../../src/components/TeachBar.tsx'
import { runSimulation } from '../../src/engine/simulation.ts'
import { teachingScenario } from '../../src/engine/workloads/scenarios.ts'
import { createTestStore, renderWithStore, waitForRun } from '../helpers/app.tsx'
import { prefill, scenario } from '../helpers/scenario.ts'

let disconnect = () => {}
afterEach(() => disconnect())

async function setup(s = teachingScenario('smith-rule')!.scenario()) {
  const t = createTestStore({ scenario: s })
  disconnect = t.disconnect
  renderWithStore(
    <>
      <TeachBar />
      <StudentPanel />
    </>,
    t.store,
  )
  await waitForRun(t.store)
  return { store: t.store, user: setupUser() }
}

const panel = () => screen.getByRole('region', { name: 'Be the scheduler' })
const start = (id: string) => within(panel()).getByRole('button', { name: `Start ${id}` })

describe('Be the scheduler', () => {
  it('on smith-rule: picks by Smith’s ratio, refuses a finished task with the reason, undoes, and scores against the policies', async () => {
    const { store, user } = await setup()
    await user.click(screen.getByRole('button', { name: 'Be the scheduler' }))
    expect(within(panel()).getByRole('heading', { level: 2 }).textContent).toBe('Be the scheduler: t = 0.00 s, 1 GPU free')
    const rows = within(within(panel()).getByRole('table', { name: 'Tasks to schedule' })).getAllByRole('row')
    // A header row, then A..D with their fields (arrival, weight, work, TP, state).
    expect(rows.slice(1).map((r) => Array.from(r.querySelectorAll('th, td'), (c) => c.textContent).slice(0, 6))).toEqual([
      ['A', '0.00 s', '1', '4.00 s', '1', 'waiting, fits'],
      ['B', '0.00 s', '1', '1.00 s', '1', 'waiting, fits'],
      ['C', '0.00 s', '4', '2.00 s', '1', 'waiting, fits'],
      ['D', '0.00 s', '9', '3.00 s', '1', 'waiting, fits'],
    ])

    await user.click(start('D'))
    // The GPU is D's until 3 s: the next decision point.
    expect(within(panel()).getByRole('heading', { level: 2 }).textContent).toBe('Be the scheduler: t = 3.00 s, 1 GPU free')
    await user.click(start('D'))
    expect(within(panel()).getByRole('alert').textContent).toBe('Refused: D has already finished (at t = 3 s).')
    expect(store.getState().student!.picks).toEqual([{ task: 3 }])

    await user.click(start('A'))
    await user.click(within(panel()).getByRole('button', { name: 'Undo last pick' }))
    expect(store.getState().student!.picks).toEqual([{ task: 3 }])
    expect(within(panel()).getByRole('heading', { level: 2 }).textContent).toBe('Be the scheduler: t = 3.00 s, 1 GPU free')

    await user.click(start('C'))
    await user.click(start('B'))
    await user.click(start('A'))
    expect(within(panel()).getByRole('heading', { level: 2 }).textContent).toBe('Your schedule is complete')
    // D 0–3, C 3–5, B 5–6, A 6–10: 9·3 + 4·5 + 1·6 + 1·10 = 63, Smith's order, as WSRPT.
    const wsrpt = runSimulation(teachingScenario('smith-rule')!.scenario(), 'WSRPT').metrics.weighted_waiting_time
    expect(wsrpt).toBe(63)
    const score = within(panel()).getByRole('table', { name: 'Your score' })
    const cells = (name: string) => Array.from(within(score).getByRole('row', { name: new RegExp(`^${name} `) }).querySelectorAll('td'), (c) => c.textContent)
    expect(cells('You')[0]).toBe('63.000')
    expect(cells('FIFO')[0]).toBe('127.000')
    expect(cells('WSRPT')[0]).toBe('63.000')
    expect(within(panel()).getByLabelText('Your first departure').textContent).toBe('You started the same tasks at the same times as WSRPT throughout.')
  })

  it('names the first pick that left the best policy', async () => {
    const { store } = await setup()
    act(() => {
      const a = store.getState().actions
      a.startStudent()
      for (const t of [0, 1, 2, 3]) a.pickStudent(t)
    })
    // FIFO's order, A first: WSRPT started D there.
    expect(within(panel()).getByLabelText('Your first departure').textContent).toBe('You first departed from WSRPT at pick 1, t = 0.00 s: WSRPT started D there, and you started A.')
    expect(within(within(panel()).getByRole('table', { name: 'Your score' })).getByRole('row', { name: /^You / }).querySelector('td')!.textContent).toBe('127.000')
  })

  it('refuses a scenario of more than 30 tasks with the limit and the reason', async () => {
    const { user } = await setup(scenario(Array.from({ length: 31 }, (_, i) => prefill(`t${i}`, 0.1)), { maxTimeS: Infinity }))
    await user.click(screen.getByRole('button', { name: 'Be the scheduler' }))
    expect(screen.getByRole('status').textContent).toBe('Be the scheduler takes at most 30 tasks (this scenario has 31): every pick is made by hand, one decision point at a time.')
    expect(screen.queryByRole('region', { name: 'Be the scheduler' })).toBeNull()
  })
})
