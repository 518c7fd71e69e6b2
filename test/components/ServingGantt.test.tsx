// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { App } from '../../src/components/App.tsx'
import { describeRequest } from '../../src/components/RequestView.tsx'
import { createTestStore, renderWithStore, waitForRun } from '../helpers/app.tsx'
import { squeeze, squeezeFirstS } from '../helpers/serving.ts'

let disconnect = () => {}
afterEach(() => disconnect())

describe('the serving Gantt and its request view', () => {
  it('speaks of replicas and iterations, shows the fill legend, and tells a selected request’s numbers as the cursor reaches them (the squeeze, FIFO)', async () => {
    // test/helpers/serving.ts: B prefills 16 tokens, is preempted at A's first token, recomputes
    // after A finishes (0.4907 s) and finishes at 0.9526 s; one H100, one replica of Tiny.
    const dtS = squeezeFirstS / 10
    const t = createTestStore({ scenario: squeeze(dtS), algorithms: ['FIFO'] })
    disconnect = t.disconnect
    renderWithStore(<App />, t.store)
    await waitForRun(t.store)
    const gantt = screen.getByRole('region', { name: 'Gantt chart' })
    expect(within(gantt).getByRole('heading', { level: 2 })).toHaveTextContent('one row per GPU, grouped by replica; a bar is an iteration')
    expect(within(within(gantt).getByRole('list', { name: 'Iteration fill' })).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'prefill tokens',
      'recompute tokens',
      'decode tokens',
      'height: batch size (of the largest batch)',
    ])
    // The job modes' weight legend and "Colour by" do not apply to iterations.
    expect(within(gantt).queryByRole('group', { name: 'Colour by' })).toBeNull()

    const requests = within(gantt).getByRole('region', { name: 'Requests' })
    expect(within(requests).getByRole('img', { name: 'FIFO requests: one row per request' })).toBeInTheDocument()
    expect(within(requests).getByRole('group', { name: 'Request rows, 4 in all' })).toBeInTheDocument()
    act(() => t.store.getState().actions.select(1))
    act(() => t.store.getState().actions.setStep(5))
    // At step 5 (0.0144 s) B is prefilling: no token yet.
    expect(requests).toHaveTextContent('B: arrived 0.000 s · 16 in, 17 out · no token yet · not finished · 0 preemptions · replica 0')
    act(() => t.store.getState().actions.setStep(Math.ceil(0.96 / dtS)))
    // first 0.029 s, finish 0.9526 s, one preemption.
    expect(requests).toHaveTextContent('B: arrived 0.000 s · 16 in, 17 out · first token 0.029 s (TTFT 0.029 s) · finished 0.953 s (E2E 0.953 s) · 1 preemption · replica 0')
    // The replica idles after the last finish: the note says why in serving words.
    expect(within(gantt).getByRole('note')).toHaveTextContent('Replica 0 is idle: no Tiny request waits.')
  })

  it('tells a rejected request as rejected', () => {
    expect(describeRequest({ id: 'X', arrivalS: 0.002, inputTokens: 1, outputTokens: 1, firstTokenS: null, finishS: null, preemptions: 0, replica: null, rejected: true })).toBe(
      'X: arrived 0.002 s · 1 in, 1 out · rejected',
    )
  })

  it('is not there in the job modes, where the Gantt keeps its node rows and weight legend', async () => {
    const t = createTestStore()
    disconnect = t.disconnect
    renderWithStore(<App />, t.store)
    await waitForRun(t.store)
    const gantt = screen.getByRole('region', { name: 'Gantt chart' })
    expect(within(gantt).queryByRole('region', { name: 'Requests' })).toBeNull()
    expect(within(gantt).queryByRole('list', { name: 'Iteration fill' })).toBeNull()
    expect(within(gantt).getByRole('heading', { level: 2 })).toHaveTextContent('one row per GPU, grouped by node; a bar is a task on its GPUs')
  })
})
