// @vitest-environment jsdom
import { act, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { GanttWaits } from '../../src/components/GanttWaits.tsx'
import { teachingScenario } from '../../src/engine/workloads/scenarios.ts'
import { createTestStore, renderWithStore, waitForRun } from '../helpers/app.tsx'

let disconnect = () => {}
afterEach(() => disconnect())

async function setup(name: string, algorithm: string) {
  const s = teachingScenario(name)!.scenario()
  const t = createTestStore({ scenario: s, scenarioLabel: name })
  disconnect = t.disconnect
  renderWithStore(<GanttWaits algorithm={algorithm} gutterPx={116} widthPx={600} colors={s.tasks.map(() => '#888888')} ids={s.tasks.map((x) => x.id)} />, t.store)
  await waitForRun(t.store)
  return t.store
}

const waits = () => Array.from(screen.getByRole('img', { name: /waiting tasks/ }).querySelectorAll('g.wait title')).map((x) => x.textContent)

describe('waiting lanes', () => {
  it('draw each wait from arrival to start under SRPT on smith-rule, cut at the cursor while the future is hidden', async () => {
    const store = await setup('smith-rule', 'SRPT')
    act(() => store.getState().actions.runToEnd())
    await waitFor(() => expect(waits()).toHaveLength(4))
    // B 1 s, C 2 s, D 3 s, A 4 s, one after another on one GPU: starts at 0, 1, 3, 6.
    expect(waits()).toEqual(['A waits 0.00 s → 6.00 s (6.00 s)', 'B waits 0.00 s → 0.00 s (0.00 s)', 'C waits 0.00 s → 1.00 s (1.00 s)', 'D waits 0.00 s → 3.00 s (3.00 s)'])
    // Every task's first wait starts at its arrival: four markers.
    expect(document.querySelectorAll('.wait-arrival[d]')).toHaveLength(4)
    // At 2 s the waits are cut at the cursor: A and D have waited 2 s, C's ended at 1 s.
    act(() => store.getState().actions.setStep(200))
    const pxAt = (k: number) => Number(document.querySelectorAll('g.wait rect')[k]!.getAttribute('width'))
    await waitFor(() => expect(pxAt(0)).toBeCloseTo((2 * 600) / 10, 6))
    const rects = Array.from(document.querySelectorAll('g.wait rect')).map((r) => Number(r.getAttribute('width')))
    const pxPerS = 600 / (store.getState().viewS?.[1] ?? 10)
    expect(rects[0]).toBeCloseTo(2 * pxPerS, 6)
    expect(rects[3]).toBeCloseTo(2 * pxPerS, 6)
    expect(rects[2]).toBeCloseTo(1 * pxPerS, 6)
  })

  it('show a preempted task waiting again, with one arrival marker', async () => {
    const store = await setup('preemption', 'SRPT')
    act(() => store.getState().actions.runToEnd())
    await waitFor(() => expect(waits()).toHaveLength(4))
    // A runs 0–1, is preempted by B (1–2), C arrives at 2 and runs 2–3, A resumes at 3.
    expect(waits()).toEqual(['A waits 0.00 s → 0.00 s (0.00 s)', 'B waits 1.00 s → 1.00 s (0.00 s)', 'A waits 1.00 s → 3.00 s (2.00 s)', 'C waits 2.00 s → 2.00 s (0.00 s)'])
    expect(document.querySelectorAll('.wait-arrival[d]')).toHaveLength(3)
  })
})
