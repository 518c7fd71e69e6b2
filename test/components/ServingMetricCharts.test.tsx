// @vitest-environment jsdom
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { cdfSeries, ServingMetricCharts } from '../../src/components/ServingMetricCharts.tsx'
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
      expect(items('TTFT distribution medians')).toEqual(['FIFO median 2.642 s', 'WeightedFIFO median 0.03931 s', 'SRPT median 0.05077 s', 'WSRPT median 0.03931 s'])
      expect(items('E2E distribution medians')[0]).toBe('FIFO median 2.786 s')
      // 5 of 6 requests complete (F is rejected); all have O > 1.
      expect(screen.getByRole('img', { name: /^TPOT distribution: FIFO 5 requests/ })).toBeInTheDocument()
    } finally {
      disconnect()
    }
  })
})
