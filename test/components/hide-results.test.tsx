// @vitest-environment jsdom
import { act, screen, waitFor } from '@testing-library/react'
import { setupUser } from '../helpers/user.ts'
import { afterEach, describe, expect, it } from 'vitest'
import { App } from '../../src/components/App.tsx'
import { fmt3, fmtPercent } from '../../src/components/format.ts'
import { teachingScenario } from '../../src/engine/workloads/scenarios.ts'
import { createTestStore, renderWithStore, waitForRun } from '../helpers/app.tsx'

let disconnect = () => {}
afterEach(() => disconnect())

/** Every metric value of every algorithm as the Results table and the charts write them. */
function metricTexts(metrics: Record<string, import('../../src/engine/results.ts').Metrics>): string[] {
  const out = new Set<string>()
  for (const m of Object.values(metrics)) {
    for (const x of [m.weighted_waiting_time, m.average_waiting_time, m.average_queueing_delay, m.p95_flow_time, m.makespan]) out.add(fmt3(x))
    out.add(fmtPercent(m.gpu_utilization))
    const fifo = metrics.FIFO!.weighted_waiting_time
    if (m !== metrics.FIFO) out.add(fmtPercent((fifo - m.weighted_waiting_time) / fifo))
  }
  return [...out]
}

describe('Hide results', () => {
  it('leaves no metric value on screen until Reveal, then shows them', async () => {
    const t = createTestStore({ scenario: teachingScenario('smith-rule')!.scenario(), scenarioLabel: 'smith-rule' })
    disconnect = t.disconnect
    renderWithStore(<App />, t.store)
    await waitForRun(t.store)
    const user = setupUser()
    await user.click(screen.getByRole('switch', { name: 'Hide results' }))
    // Halfway through, as a class would be: the past is on screen, the results are not.
    act(() => t.store.getState().actions.setStep(500))
    const metrics = t.store.getState().run.metrics
    // smith-rule: FIFO 127, WeightedFIFO 66, SRPT 77, WSRPT 63; makespan 10 for all four.
    expect(metricTexts(metrics)).toEqual(expect.arrayContaining(['127.000', '66.000', '77.000', '63.000', '10.000', '6.500', '100.0 %']))
    const text = () => document.body.textContent ?? ''
    for (const v of metricTexts(metrics)) expect(text(), `${v} is on screen`).not.toContain(v)
    // Nor the run's end (its makespan) in the time readout.
    expect(text()).not.toContain('10.00 s')
    expect(screen.getByRole('checkbox', { name: 'Show future' })).toBeDisabled()

    await user.click(screen.getByRole('button', { name: 'Reveal' }))
    await waitFor(() => expect(text()).toContain('127.000'))
    for (const v of ['66.000', '77.000', '63.000', '10.000']) expect(text()).toContain(v)
    expect(screen.queryByRole('button', { name: 'Reveal' })).toBeNull()
    expect(screen.getByRole('checkbox', { name: 'Show future' })).toBeEnabled()
  })
})
