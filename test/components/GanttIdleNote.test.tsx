// @vitest-environment jsdom
import { act, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { GanttIdleNote } from '../../src/components/GanttIdleNote.tsx'
import { idleReason } from '../../src/run-view/idle.ts'
import { createTestStore, renderWithStore, waitForRun } from '../helpers/app.tsx'
import { prefill, scenario } from '../helpers/scenario.ts'

let disconnect = () => {}
afterEach(() => disconnect())

describe('why GPUs stand idle while tasks wait, on the Gantt', () => {
  it("names the reference's slot count where it leaves a node idle", async () => {
    // Reference mode, WeightedFIFO on h100_16gpu (two GPUs a task): 8 heavy tasks run 0–0.5 s,
    // then the 4 heavy left and 4 light ones; at 1.0 s the heavy ones end, leaving 8 GPUs free
    // with 4 running, so ⌊8 / 2⌋ − 4 = 0 tasks may start while 4 light ones wait, until 2.5 s.
    const t = createTestStore({ focus: 'WeightedFIFO' })
    disconnect = t.disconnect
    act(() => t.store.getState().actions.setMode('reference'))
    renderWithStore(<GanttIdleNote />, t.store)
    await waitForRun(t.store)
    act(() => t.store.getState().actions.setStep(50))
    expect(screen.queryByRole('note')).toBeNull()
    act(() => t.store.getState().actions.setStep(120))
    expect(screen.getByRole('note')).toHaveTextContent(
      '8 GPUs idle while 4 tasks wait: the reference starts at most ⌊free / 2⌋ − running = ⌊8 / 2⌋ − 4 = 0 tasks (it counts running tasks twice).',
    )
    // Exact mode counts GPUs once: the same moment has nobody waiting with GPUs free.
    act(() => t.store.getState().actions.setMode('exact'))
    await new Promise((r) => setTimeout(r, 10))
    await waitForRun(t.store)
    act(() => t.store.getState().actions.setStep(120))
    expect(screen.queryByRole('note')).toBeNull()
  })

  it('says when the horizon has passed', async () => {
    // X holds both GPUs 0–10 s while A waits; past 5 s nothing starts, so A waits on.
    const tasks = [prefill('X', 10, { tp: 2 }), prefill('A', 1, { tp: 1, arrivalS: 0.1 })]
    const t = createTestStore({ scenario: scenario(tasks, { cluster: 'h100:2', maxTimeS: 5 }), algorithms: ['FIFO'] })
    disconnect = t.disconnect
    renderWithStore(<GanttIdleNote />, t.store)
    await waitForRun(t.store)
    act(() => t.store.getState().actions.setStep(t.store.getState().run.endStep))
    expect(t.store.getState().run.endStep).toBe(1000)
    expect(screen.getByRole('note')).toHaveTextContent('2 GPUs idle while 1 task waits: past the max time of 5 s no task starts any more.')
  })

  it('in exact mode, says that nothing waiting fits the free GPUs of one node', () => {
    const reason = idleReason({ freePerNode: [3, 2], free: 5, running: 3 }, { mode: 'exact', backfill: true, waiting: 2, pastHorizon: false, maxTimeS: 5 })
    expect(reason).toBe('5 GPUs idle while 2 tasks wait: none of them fits (a task needs all its GPUs in one node; at most 3 are free in one).')
    const strict = idleReason({ freePerNode: [4], free: 4, running: 1 }, { mode: 'exact', backfill: false, waiting: 1, pastHorizon: false, maxTimeS: 5 })
    expect(strict).toBe('4 GPUs idle while 1 task waits: strict order: the next task does not fit, and none may pass it (a task needs all its GPUs in one node; at most 4 are free in one).')
    expect(idleReason({ freePerNode: [0], free: 0, running: 8 }, { mode: 'reference', backfill: true, waiting: 3, pastHorizon: false, maxTimeS: 5 })).toBeNull()
  })
})
