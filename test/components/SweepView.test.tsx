// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react'
import { setupUser, type User } from '../helpers/user.ts'
import { afterEach, describe, expect, it } from 'vitest'
import { SweepView } from '../../src/components/sweep/SweepView.tsx'
import { fmt3 } from '../../src/components/format.ts'
import { policies } from '../../src/engine/policies/registry.ts'
import { createAppStore, type AppStore } from '../../src/store/app-store.ts'
import { connectSweepRunner } from '../../src/store/sweep-runner.ts'
import { answerJob, inThreadWorkers, type PoolWorker, type StartWorker, type SweepJobRequest } from '../../src/sweep/pool.ts'
import { runSweepJob } from '../../src/sweep/jobs.ts'
import { summaryOf } from '../../src/sweep/result.ts'
import { runSweep } from '../../src/sweep/run.ts'
import { sweepScenario } from '../../src/sweep/scenario.ts'
import { renderWithStore } from '../helpers/app.tsx'

let disconnect: () => void = () => {}
afterEach(() => disconnect())

function setup(start: StartWorker = inThreadWorkers((run) => setTimeout(run, 0)), workers = 2) {
  const store = createAppStore()
  disconnect = connectSweepRunner(store, { start, workers })
  const user = setupUser()
  renderWithStore(<SweepView />, store)
  return { store, user }
}

async function retype(user: User, label: string, text: string) {
  const input = screen.getByLabelText(label)
  await user.clear(input)
  await user.type(input, text)
}

/** A small rate sweep: 3 points × 2 seeds of 30 tasks, FIFO and SRPT. */
async function fillSmallSweep(user: User) {
  await retype(user, 'Task count', '30')
  await retype(user, 'From', '2')
  await retype(user, 'To', '10')
  await retype(user, 'Points', '3')
  await retype(user, 'Seeds per point', '2')
  const group = screen.getByRole('group', { name: 'Sweep policies' })
  for (const name of policies.names()) {
    const box = within(group).getByRole('checkbox', { name })
    if ((name === 'FIFO' || name === 'SRPT') !== (box as HTMLInputElement).checked) await user.click(box)
  }
}

async function waitDone(store: AppStore) {
  await waitFor(() => expect(store.getState().sweep.status).toBe('done'), { timeout: 30_000 })
}

describe('Sweep view', () => {
  it('runs the sweep the form describes and shows the engine’s numbers in the table and on the chart', async () => {
    const { store, user } = setup()
    await fillSmallSweep(user)
    expect(screen.getByText(/3 points × 2 seeds = 6 scenarios of 30 tasks, each run by 2 policies/)).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Run sweep' }))
    await waitDone(store)
    expect(screen.getByRole('status')).toHaveTextContent('Done: 6 scenarios on 2 workers.')

    const d = store.getState().sweep.definition!
    expect(d).toMatchObject({ param: 'rate', from: 2, to: 10, points: 3, seeds: 2, algorithms: ['FIFO', 'SRPT'] })
    expect(d.generator.count).toBe(30)
    const expected = runSweep(d)
    expect(store.getState().sweep.result!.summary).toEqual(expected.summary)

    // The table: a row per point (2, 6, 10), each policy's mean (smallest–largest seed).
    const table = screen.getByRole('table', { name: 'Sweep results' })
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['2', '6', '10'])
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent)
    for (const [p, row] of rows.entries()) {
      for (const a of ['FIFO', 'SRPT']) {
        const s = summaryOf(expected, p, a, 'mean_flow')!
        expect(s.n).toBe(2)
        const cell = within(row).getAllByRole('cell')[headers.indexOf(a) - 1]!
        expect(cell.textContent).toBe(`${fmt3(s.mean!)}seeds ${fmt3(s.min!)}–${fmt3(s.max!)}`)
      }
    }
    // The chart: a dot per policy and point whose value is the engine's mean, in the policy's colour.
    const svg = screen.getByRole('img', { name: 'Sweep chart: Mean flow time (s) against Arrival rate (tasks/s)' })
    const dots = [...svg.querySelectorAll('circle.dot')]
    expect(dots).toHaveLength(6)
    for (const dot of dots) {
      const a = dot.getAttribute('data-algorithm')!
      const p = Number(dot.getAttribute('data-point'))
      expect(Number(dot.getAttribute('data-value'))).toBe(summaryOf(expected, p, a, 'mean_flow')!.mean)
      expect(dot.getAttribute('fill')).toBe(policies.get(a).color)
    }
    expect(svg.querySelectorAll('path.band')).toHaveLength(2)

    // Another metric re-plots from the same runs.
    await user.selectOptions(screen.getByLabelText('Metric'), 'p95_flow')
    const p95 = screen.getByRole('img', { name: /p95 flow time/ })
    const dot = p95.querySelector('circle.dot[data-algorithm="SRPT"][data-point="2"]')!
    expect(Number(dot.getAttribute('data-value'))).toBe(summaryOf(expected, 2, 'SRPT', 'p95_flow')!.mean)
  })

  it('a click on a dot opens that point’s first seed in the simulator, focused on the policy', async () => {
    const { store, user } = setup()
    await fillSmallSweep(user)
    await user.click(screen.getByRole('button', { name: 'Run sweep' }))
    await waitDone(store)
    const d = store.getState().sweep.definition!
    const dot = document.querySelector('circle.dot[data-algorithm="SRPT"][data-point="1"]')!
    await user.click(dot)
    const s = store.getState()
    expect(s.page).toBe('simulator')
    expect(s.scenario).toEqual(sweepScenario(d, 1, 0))
    expect(s.scenario.tasks).toHaveLength(30)
    expect(s.algorithms).toEqual(['FIFO', 'SRPT'])
    expect(s.focus).toBe('SRPT')
    expect(s.scenarioLabel).toBe('sweep: rate 6, seed 42')

    // The table's Open button does the same for its row.
    store.getState().actions.showPage('sweep')
    await user.click(screen.getByRole('button', { name: 'Open rate 10 in the simulator' }))
    expect(store.getState().scenario).toEqual(sweepScenario(d, 2, 0))
  })

  it('Cancel sweep terminates every worker and keeps the curves of what finished', async () => {
    const posted: SweepJobRequest[] = []
    const answer: ((req: SweepJobRequest) => void)[] = []
    let terminated = 0
    // Workers that take jobs and answer only when the test says: the sweep stays in flight.
    const start: StartWorker = (onReply) => {
      const w: PoolWorker = {
        post: (req) => {
          posted.push(req)
          answer.push(() => onReply(answerJob(req)))
        },
        terminate: () => {
          terminated += 1
        },
      }
      return w
    }
    const { store, user } = setup(start, 3)
    await fillSmallSweep(user)
    // 40 points × 2 seeds: enough jobs that the runner publishes the runs so far only every 2nd.
    await retype(user, 'Points', '40')
    await user.click(screen.getByRole('button', { name: 'Run sweep' }))
    expect(posted.map((r) => r.job)).toEqual([0, 1, 2])
    expect(screen.getByRole('status')).toHaveTextContent('0 of 80 scenarios on 3 workers…')
    expect(screen.getByRole('button', { name: 'Run sweep' })).toBeDisabled()
    act(() => answer[1]!(posted[1]!))
    expect(posted.map((r) => r.job)).toEqual([0, 1, 2, 3])
    expect(screen.getByRole('status')).toHaveTextContent('1 of 80 scenarios on 3 workers…')

    await user.click(screen.getByRole('button', { name: 'Cancel sweep' }))
    expect(terminated).toBe(3)
    const s = store.getState().sweep
    expect(s.status).toBe('cancelled')
    expect(screen.getByRole('status')).toHaveTextContent('Sweep cancelled')
    expect(screen.queryByRole('button', { name: 'Cancel sweep' })).toBeNull()
    // Job 1 is point 0, seed 1: its two runs are all the result holds, and it says it is incomplete.
    expect(s.result!.runs).toEqual(runSweepJob(s.definition!, 1).runs)
    expect(s.result!.complete).toBe(false)
    expect(screen.getByRole('button', { name: 'Export sweep CSV' })).toBeDisabled()
    // A late answer from the cancelled run changes nothing.
    act(() => answer[0]!(posted[0]!))
    expect(store.getState().sweep.done).toBe(1)
    expect(store.getState().sweep.result).toBe(s.result)
    expect(screen.getByRole('button', { name: 'Run sweep' })).toBeEnabled()
  })

  it('in serving mode plots TTFT p95 as the serving engine measures it', async () => {
    const { store, user } = setup()
    await fillSmallSweep(user)
    await user.selectOptions(screen.getByLabelText('Sweep mode'), 'serving')
    expect(screen.getByText(/Serving: each task is a request/)).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Run sweep' }))
    await waitDone(store)
    const d = store.getState().sweep.definition!
    expect(d.mode).toBe('serving')
    const expected = runSweep(d)
    await user.selectOptions(screen.getByLabelText('Metric'), 'ttft_p95')
    const svg = screen.getByRole('img', { name: 'Sweep chart: TTFT p95 (s) against Arrival rate (tasks/s)' })
    const dots = [...svg.querySelectorAll('circle.dot')]
    expect(dots).toHaveLength(6)
    for (const dot of dots) {
      const mean = summaryOf(expected, Number(dot.getAttribute('data-point')), dot.getAttribute('data-algorithm')!, 'ttft_p95')!.mean!
      expect(mean).toBeGreaterThan(0)
      expect(Number(dot.getAttribute('data-value'))).toBe(mean)
    }
  })

  it('blocks Run sweep while a field is wrong, naming it', async () => {
    const { user } = setup()
    await retype(user, 'Points', '0')
    expect(screen.getByRole('button', { name: 'Run sweep' })).toBeDisabled()
    expect(screen.getByLabelText('Points')).toHaveAttribute('aria-invalid', 'true')
    expect(screen.getByText('Fix the marked field to run')).toBeInTheDocument()
  })
})
