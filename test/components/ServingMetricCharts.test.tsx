// @vitest-environment jsdom
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { act, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { cdfSeries, ServingMetricCharts } from '../../src/components/ServingMetricCharts.tsx'
import { bucketFor } from '../../src/components/ServingTimeCharts.tsx'
import { parseScenarioJson } from '../../src/engine/workloads/scenario-json.ts'
import { createTestStore, renderWithStore, waitForRun } from '../helpers/app.tsx'

describe('serving metric charts', () => {
  it('turn a sorted sample into a CDF: 0 before the first value, k/n from the k-th', () => {
    expect(cdfSeries(Float64Array.from([0.5, 1, 2, 4]))).toEqual({ t: Float64Array.from([0, 0.5, 1, 2, 4]), v: Float64Array.from([0, 0.25, 0.5, 0.75, 1]) })
  })

  it('draw TTFT, TPOT and E2E distributions per algorithm, their medians the engine’s p50s (preemption.json)', async () => {
    const doc = parseScenarioJson(readFileSync(join(process.cwd(), 'test/fixtures/serving/preemption.json'), 'utf8'), 'preemption.json')
    const { store, disconnect } = createTestStore({ scenario: doc.scenario, algorithms: doc.algorithms })
    try {
      renderWithStore(<ServingMetricCharts />, store)
      await waitForRun(store)
      const items = (name: string) => within(screen.getByRole('list', { name })).getAllByRole('listitem').map((li) => li.textContent)
      // expected.json: ttft_p50 FIFO 2.6420992504835823, WeightedFIFO 0.03931050275820894,
      // SRPT 0.05077211976119406, WSRPT 0.03931485552238806; e2e_p50 FIFO 2.786374579868657.
      // Computed an algorithm per idle slice after the run: polled until all four are drawn.
      await waitFor(() => expect(items('TTFT distribution medians')).toEqual(['FIFO median 2.642 s', 'WeightedFIFO median 0.03931 s', 'SRPT median 0.05077 s', 'WSRPT median 0.03931 s']))
      expect(items('E2E distribution medians')[0]).toBe('FIFO median 2.786 s')
      // 5 of 6 requests complete (F is rejected); all have O > 1.
      expect(screen.getByRole('img', { name: /^TPOT distribution: FIFO 5 requests/ })).toBeInTheDocument()
    } finally {
      disconnect()
    }
  })

  it('say which curves over time are the same: one request gives every policy the same run', async () => {
    const doc = parseScenarioJson(readFileSync(join(process.cwd(), 'test/fixtures/serving/preemption.json'), 'utf8'), 'preemption.json')
    const one = { ...doc.scenario, tasks: doc.scenario.tasks.slice(0, 1) }
    const { store, disconnect } = createTestStore({ scenario: one, algorithms: doc.algorithms })
    try {
      renderWithStore(<ServingMetricCharts />, store)
      await waitForRun(store)
      // Four charts over time, each four identical curves drawn on one another.
      await waitFor(() => expect(screen.getAllByText('Same curve: FIFO, WeightedFIFO, SRPT and WSRPT.')).toHaveLength(4))
      // A figure lays its children on the four rows of its grid's subgrid (metrics.css): a fifth
      // child (the note beside the readout) would overlap the readout.
      for (const figure of document.querySelectorAll('figure.metric-chart')) expect(figure.children.length).toBeLessThanOrEqual(4)
    } finally {
      disconnect()
    }
  })

  it('pick rate buckets of 1, 2 or 5 × 10^k s, about 40 over the axis', () => {
    expect([bucketFor(7), bucketFor(8), bucketFor(0.5), bucketFor(100), bucketFor(3000)]).toEqual([0.2, 0.2, 0.02, 5, 100])
  })

  it('draw throughput, goodput, batch size and KV use over time with the values at the cursor (preemption.json)', async () => {
    const doc = parseScenarioJson(readFileSync(join(process.cwd(), 'test/fixtures/serving/preemption.json'), 'utf8'), 'preemption.json')
    const { store, disconnect } = createTestStore({ scenario: doc.scenario, algorithms: doc.algorithms })
    try {
      renderWithStore(<ServingMetricCharts />, store)
      await waitForRun(store)
      const items = (name: string) => within(screen.getByRole('list', { name })).getAllByRole('listitem').map((li) => li.textContent)
      // Computed an algorithm per idle slice after the run: polled until all four are drawn.
      await waitFor(() => expect(items('Batch size over time at the cursor')).toHaveLength(4))
      for (const title of ['Throughput over time', 'Goodput over time', 'Batch size over time', 'KV use over time']) {
        expect(screen.getByRole('img', { name: `${title}, one line per algorithm` }).querySelectorAll('path.line[data-algorithm]')).toHaveLength(8)
      }
      // The axis runs 7 s: buckets of 0.2 s.
      expect(screen.getByText(/^Output tokens per second, per 0\.2 s bucket/)).toBeInTheDocument()
      // At t = 0 every policy runs A's and B's 60-token prefills: 2 requests holding
      // ceil(60 / 16) = 4 of the 20 blocks each.
      act(() => store.getState().actions.setStep(0))
      expect(items('Batch size over time at the cursor')).toEqual(['FIFO 2 requests', 'WeightedFIFO 2 requests', 'SRPT 2 requests', 'WSRPT 2 requests'])
      expect(items('KV use over time at the cursor')[0]).toBe('FIFO 40 % held')
      // At the end: the Results table's Throughput and Goodput (expected.json: FIFO 53.62200055643493
      // and 0.2859840029676529, WeightedFIFO 71.58733004592621 and 0.5726986403674096, ...);
      // nothing runs, no token lands in the last bucket.
      act(() => store.getState().actions.setStep(store.getState().run.endStep))
      expect(items('Throughput over time at the cursor')).toEqual([
        'FIFO 0 tok/s (so far 53.62)',
        'WeightedFIFO 0 tok/s (so far 71.59)',
        'SRPT 0 tok/s (so far 65.97)',
        'WSRPT 0 tok/s (so far 78.25)',
      ])
      expect(items('Goodput over time at the cursor')).toEqual(['FIFO 0 req/s (so far 0.286)', 'WeightedFIFO 0 req/s (so far 0.5727)', 'SRPT 0 req/s (so far 0.7037)', 'WSRPT 0 req/s (so far 1.043)'])
      expect(items('Batch size over time at the cursor')[0]).toBe('FIFO 0 requests')
      expect(items('KV use over time at the cursor')[0]).toBe('FIFO 0 % held')
    } finally {
      disconnect()
    }
  })
})
