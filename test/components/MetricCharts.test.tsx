// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { MetricCharts } from '../../src/components/MetricCharts.tsx'
import { parseClusterName } from '../../src/engine/catalog/clusters.ts'
import { ResultsTable } from '../../src/components/ResultsTable.tsx'
import { createTestStore, renderWithStore, waitForRun } from '../helpers/app.tsx'

let disconnect = () => {}
afterEach(() => disconnect())

const TITLES = ['Weighted flow time, accumulated', 'Queue length', 'GPU utilization']

function chart(title: string) {
  return screen.getByRole('figure', { name: title })
}

function readout(title: string): string[] {
  return within(within(chart(title)).getByRole('list')).getAllByRole('listitem').map((li) => li.textContent ?? '')
}

describe('metric charts', () => {
  it('draws the three curves of every algorithm on shared scales, with the cursor', async () => {
    const t = createTestStore()
    disconnect = t.disconnect
    const { container } = renderWithStore(
      <>
        <MetricCharts />
        <ResultsTable />
      </>,
      t.store,
    )
    await waitForRun(t.store)
    // The curves are computed off the main thread: wait for those of the finished run.
    await waitFor(() => expect(chart(TITLES[0]!).querySelector('g.x-axis .tick:last-of-type text')?.textContent).toBe('3'))

    for (const title of TITLES) {
      const figure = chart(title)
      expect(within(figure).getByRole('heading', { name: title })).toBeInTheDocument()
      const paths = figure.querySelectorAll('g.past path.line')
      expect(Array.from(paths, (p) => p.getAttribute('data-algorithm'))).toEqual(['FIFO', 'WeightedFIFO', 'SRPT', 'WSRPT'])
      expect(within(figure).getByRole('img')).toBeInTheDocument()
    }
    expect(within(chart(TITLES[0]!)).getByText(/the reference calls this flow time C − A “waiting time”/i)).toBeInTheDocument()

    // One time axis for all charts: 0 to the last event (3 s).
    const xTicks = TITLES.map((title) => Array.from(chart(title).querySelectorAll('g.x-axis .tick text'), (n) => n.textContent))
    expect(xTicks[0]!.at(-1)).toBe('3')
    expect(xTicks[1]).toEqual(xTicks[0])
    expect(xTicks[2]).toEqual(xTicks[0])

    // At t = 0 nothing has completed, 12 tasks wait, every GPU is busy.
    expect(readout(TITLES[0]!)).toEqual(['FIFO 0.000', 'WeightedFIFO 0.000', 'SRPT 0.000', 'WSRPT 0.000'])
    expect(readout(TITLES[1]!)).toEqual(['FIFO 12', 'WeightedFIFO 12', 'SRPT 12', 'WSRPT 12'])
    expect(readout(TITLES[2]!)[0]).toBe('FIFO 100.0 %')

    const paths = Array.from(container.querySelectorAll('path.line'))
    const shapes = paths.map((p) => p.getAttribute('d'))
    const cursor = chart(TITLES[0]!).querySelector('g.cursor')!
    const at0 = cursor.getAttribute('transform')

    act(() => t.store.getState().actions.runToEnd())
    // The last weighted-flow values are the table's.
    expect(readout(TITLES[0]!)).toEqual(['FIFO 336.000', 'WeightedFIFO 102.000', 'SRPT 102.000', 'WSRPT 102.000'])
    expect(readout(TITLES[1]!)).toEqual(['FIFO 0', 'WeightedFIFO 0', 'SRPT 0', 'WSRPT 0'])
    // Moving the cursor moves the cursor only: the same path elements with the same shapes.
    expect(cursor.getAttribute('transform')).not.toBe(at0)
    expect(Array.from(container.querySelectorAll('path.line'))).toEqual(paths)
    expect(paths.map((p) => p.getAttribute('d'))).toEqual(shapes)
  })

  it('says which values are at the cursor and which are final, and which curves are the same', async () => {
    const t = createTestStore()
    disconnect = t.disconnect
    renderWithStore(
      <>
        <MetricCharts />
        <ResultsTable />
      </>,
      t.store,
    )
    await waitForRun(t.store)
    await waitFor(() => expect(chart(TITLES[0]!).querySelector('g.x-axis .tick:last-of-type text')?.textContent).toBe('3'))
    // At t = 0 the charts read 0 while the table holds the final numbers: each says which it shows.
    expect(screen.getByRole('heading', { name: /^Metrics/ })).toHaveTextContent(
      'Metrics every algorithm on the same scales; curves and values at the cursor, t = 0.00 s; the Results table below holds the final values',
    )
    expect(screen.getByRole('heading', { name: /^Results/ })).toHaveTextContent('Results final values, at the end of the run (t = 3.00 s), wherever the cursor is')
    expect(screen.getByRole('table', { name: 'Results' })).toBeInTheDocument()
    // WeightedFIFO, SRPT and WSRPT schedule the discriminating workload alike: their curves lie
    // on one another, and each chart says so. FIFO's flow and queue differ; its GPUs are as busy.
    const same = (title: string) => within(chart(title)).getAllByText(/^Same curve/).map((p) => p.textContent)
    expect(same(TITLES[0]!)).toEqual(['Same curve: WeightedFIFO, SRPT and WSRPT.'])
    expect(same(TITLES[1]!)).toEqual(['Same curve: WeightedFIFO, SRPT and WSRPT.'])
    expect(same(TITLES[2]!)).toEqual(['Same curve: FIFO, WeightedFIFO, SRPT and WSRPT.'])
  })

  it('shows the cursor time of the playback bar in its header, in every frame of playback', async () => {
    const t = createTestStore()
    disconnect = t.disconnect
    renderWithStore(<MetricCharts />, t.store)
    await waitForRun(t.store)
    const header = () => screen.getByRole('heading', { name: /^Metrics/ }).textContent
    act(() => t.store.getState().actions.play())
    act(() => t.store.getState().actions.setStep(139))
    act(() => t.store.getState().actions.setStep(151))
    // While playing the charts' readouts refresh every 100 ms; the time in the header does not wait.
    expect(header()).toContain('t = 1.51 s')
    act(() => t.store.getState().actions.pause())
  })

  it('follows the algorithm set of the run', async () => {
    const t = createTestStore({ algorithms: ['SRPT', 'FIFO'] })
    disconnect = t.disconnect
    renderWithStore(<MetricCharts />, t.store)
    await waitForRun(t.store)
    await waitFor(() => expect(Array.from(chart('Queue length').querySelectorAll('g.past path.line'), (p) => p.getAttribute('data-algorithm'))).toEqual(['FIFO', 'SRPT']))
  })

  it('never shows the curves of the previous run with a new one', async () => {
    const t = createTestStore()
    disconnect = t.disconnect
    renderWithStore(<MetricCharts />, t.store)
    await waitForRun(t.store)
    await waitFor(() => expect(screen.getByText(/Share of the cluster’s 16 GPUs/)).toBeInTheDocument())
    // A new run begins (driven by hand: the runner is disconnected).
    t.disconnect()
    const s = t.store.getState()
    const old = s.run.prepared!
    // Begun and prepared before the panel renders again (as when it was scrolled out of view).
    act(() => {
      s.actions.beginRun(99, { ...s.scenario, cluster: parseClusterName('h100_8gpu') })
      s.actions.prepared({ ...old, runId: 99, gpuCount: 8 })
    })
    expect(screen.queryByRole('figure')).toBeNull()
    expect(screen.getByText('Simulating…')).toBeInTheDocument()
    // Finished, its curves not computed yet: still none of the old ones.
    act(() => s.actions.finishRun(99, {}))
    expect(screen.queryByRole('figure')).toBeNull()
    expect(screen.getByText('Drawing the curves…')).toBeInTheDocument()
    await waitFor(() => expect(screen.getByText(/Share of the cluster’s 8 GPUs/)).toBeInTheDocument())
  })

  it('says what it is doing before there is anything to draw, and nothing misleading on error', async () => {
    const t = createTestStore()
    disconnect = t.disconnect
    renderWithStore(<MetricCharts />, t.store)
    expect(screen.getByText('Simulating…')).toBeInTheDocument()
    await waitForRun(t.store)
    act(() => t.store.getState().actions.failRun(-1, 'boom'))
    expect(screen.queryByRole('figure')).toBeNull()
    expect(screen.getByText(/the simulation failed/)).toBeInTheDocument()
  })
})
