// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ResultsTable } from '../../src/components/ResultsTable.tsx'
import { fmt3 } from '../../src/components/format.ts'
import { runSimulation } from '../../src/engine/simulation.ts'
import { DEFAULT_GENERATOR, generateWorkload } from '../../src/engine/workloads/generator.ts'
import { createAppStore } from '../../src/store/app-store.ts'
import { scenario } from '../helpers/scenario.ts'
import { presetCluster } from '../../src/engine/catalog/clusters.ts'
import { defaultScenario } from '../../src/store/defaults.ts'
import { createTestStore, renderWithStore, waitForRun } from '../helpers/app.tsx'

let disconnect = () => {}
afterEach(() => disconnect())

function start(options: Parameters<typeof createTestStore>[0] = {}) {
  const t = createTestStore(options)
  disconnect = t.disconnect
  renderWithStore(<ResultsTable />, t.store)
  return t.store
}

/** Body rows as arrays of cell texts, keyed by their first cell. */
function rowsByAlgorithm(): Map<string, string[]> {
  const table = screen.getByRole('table', { name: 'Results' })
  const [, ...body] = within(table).getAllByRole('row')
  return new Map(
    body.map((r) => {
      const cells = within(r).getAllByRole('cell').map((c) => c.textContent ?? '')
      return [cells[0]!, cells]
    }),
  )
}

describe('results table', () => {
  it('shows the engine’s numbers per algorithm once the run is done (exact mode)', async () => {
    const store = start()
    expect(screen.getByRole('status')).toHaveTextContent('Simulating…')
    expect(screen.queryByRole('table')).toBeNull()
    await waitForRun(store)

    const table = screen.getByRole('table', { name: 'Results' })
    const [header, ...body] = within(table).getAllByRole('row')
    expect(body.map((r) => within(r).getAllByRole('cell')[0]!.textContent)).toEqual(['FIFO', 'WeightedFIFO', 'SRPT', 'WSRPT'])
    expect(within(header!).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Algorithm',
      'Weighted flow Σ w·(C − A)',
      'Mean flow C − A',
      'Mean queueing delay start − A',
      'p95 flow C − A',
      'Makespan last C',
      'Completed of total',
      'Unfinished not started',
      'Rejected never fit',
      'GPU utilization busy share',
      'vs FIFO improvement',
    ])
    const fifo = body[0]!
    const wfifo = body[1]!
    expect(within(fifo).getByText('336.000')).toBeInTheDocument()
    expect(within(wfifo).getByText('102.000')).toBeInTheDocument()

    const rows = rowsByAlgorithm()
    // FIFO: Σ w·(C − A) 336, mean flow 2.4, mean delay 1.3, p95 3, makespan 3, 20/20, 91.7 % busy.
    expect(rows.get('FIFO')).toEqual(['FIFO', '336.000', '2.400', '1.300', '3.000', '3.000', '20 / 20', '0', '0', '91.7 %', '—'])
    // (336 − 102) / 336 = 69.6 % lower than FIFO.
    expect(rows.get('WeightedFIFO')).toEqual(['WeightedFIFO', '102.000', '1.500', '0.400', '3.000', '3.000', '20 / 20', '0', '0', '91.7 %', '69.6 %'])
    expect(screen.queryByText(/not comparable/)).toBeNull()
    expect(screen.getByText(/Rejected = can never fit on this cluster/)).toBeInTheDocument()
    expect(screen.getByText(/Unfinished = never started before max time/)).toBeInTheDocument()
  })

  it('shows the reference’s published numbers in reference mode', async () => {
    const store = start()
    await waitForRun(store)
    act(() => store.getState().actions.setMode('reference'))
    // The old table goes while the re-run streams; wait for the new numbers.
    await waitFor(() => expect(rowsByAlgorithm().get('FIFO')![1]).toBe('336.400'), { timeout: 30_000 })
    const rows = rowsByAlgorithm()
    expect(rows.get('FIFO')![1]).toBe('336.400')
    expect(rows.get('WeightedFIFO')![1]).toBe('108.040')
    expect(rows.get('SRPT')![1]).toBe('108.040')
    // The reference prints "WeightedFIFO vs FIFO improvement 67.9 %".
    expect(rows.get('WeightedFIFO')![10]).toBe('67.9 %')
  })

  it('warns when the algorithms completed different numbers of tasks, and counts the unfinished', async () => {
    const store = start({ scenario: { ...defaultScenario(), cluster: presetCluster('h100_8gpu')! } })
    await waitForRun(store)
    expect(screen.getByRole('note')).toHaveTextContent(/FIFO 16 of 20, WeightedFIFO 20 of 20.*not comparable/)
    const rows = rowsByAlgorithm()
    expect(rows.get('FIFO')!.slice(6, 9)).toEqual(['16 / 20', '4', '0'])
    expect(rows.get('SRPT')!.slice(6, 9)).toEqual(['20 / 20', '0', '0'])
  })

  it('counts rejected tasks', async () => {
    const scenario = defaultScenario()
    const tasks = [...scenario.tasks, { id: 'huge', model: 'DeepSeek-R1', weight: 1, arrivalS: 0, phase: 'prefill' as const, tokens: 100, tp: 16 }]
    const store = start({ scenario: { ...scenario, tasks }, algorithms: ['FIFO', 'SRPT'] })
    await waitForRun(store)
    expect(rowsByAlgorithm().get('SRPT')!.slice(6, 9)).toEqual(['20 / 21', '0', '1'])
  })

  it('shows no improvement when FIFO is not among the algorithms', async () => {
    const store = start({ algorithms: ['SRPT', 'WSRPT'] })
    await waitForRun(store)
    const rows = rowsByAlgorithm()
    expect([...rows.keys()]).toEqual(['SRPT', 'WSRPT'])
    expect(rows.get('SRPT')![10]).toBe('—')
  })

  it('shows no numbers when the run failed', async () => {
    const store = start()
    await waitForRun(store)
    act(() => store.getState().actions.failRun(store.getState().run.runId, 'boom'))
    expect(screen.queryByRole('table')).toBeNull()
    expect(screen.getByText(/the simulation failed/)).toBeInTheDocument()
  })
})

describe('results table in a large run', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'requestAnimationFrame', 'cancelAnimationFrame'] }))
  afterEach(() => vi.useRealTimers())
  const nextFrame = () => act(() => vi.advanceTimersToNextFrame())

  /** The table for a run of `count` tasks, taken through its start and end by hand. */
  function finished(count: number) {
    const tasks = generateWorkload({ ...DEFAULT_GENERATOR, count, seed: 5 })
    const s = scenario(tasks, { cluster: 'h100_16gpu' })
    const fifo = runSimulation(s, 'FIFO').metrics
    const store = createAppStore({ scenario: s, algorithms: ['FIFO'] })
    renderWithStore(<ResultsTable />, store)
    const { actions } = store.getState()
    act(() => actions.beginRun(1, s))
    nextFrame()
    expect(screen.getByRole('status')).toHaveTextContent('Simulating…')
    act(() => actions.finishRun(1, { FIFO: fifo }))
    return fifo
  }

  it('shows a run of 10,000 tasks or more a frame after its end, the frame that draws the views', () => {
    const fifo = finished(10_000)
    expect(screen.queryByRole('table')).toBeNull()
    expect(screen.getByRole('status')).toHaveTextContent('Simulating…')
    nextFrame()
    expect(screen.queryByRole('status')).toBeNull()
    expect(rowsByAlgorithm().get('FIFO')![1]).toBe(fmt3(fifo.weighted_waiting_time))
    expect(rowsByAlgorithm().get('FIFO')![6]).toBe(`${fifo.completed_count} / 10000`)
  })

  it('shows a smaller run at its end', () => {
    const fifo = finished(200)
    expect(rowsByAlgorithm().get('FIFO')![1]).toBe(fmt3(fifo.weighted_waiting_time))
    expect(rowsByAlgorithm().get('FIFO')![6]).toBe(`${fifo.completed_count} / 200`)
  })
})
