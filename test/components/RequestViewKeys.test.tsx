// @vitest-environment jsdom
import { act, fireEvent, screen, within } from '@testing-library/react'
import { setupUser } from '../helpers/user.ts'
import { afterEach, describe, expect, it } from 'vitest'
import { App } from '../../src/components/App.tsx'
import { REQUEST_ROW_PX, rowAfterKey, scrollToShow } from '../../src/charts/request-rows.ts'
import type { Scenario } from '../../src/engine/types.ts'
import { parseScenarioJson } from '../../src/engine/workloads/scenario-json.ts'
import { createTestStore, renderWithStore, waitForRun } from '../helpers/app.tsx'
import { readFixture } from '../helpers/scenario.ts'

let disconnect = () => {}
afterEach(() => disconnect())

/** preemption.json: six requests on one replica of Tiny-Pool (test/fixtures/serving/expected.json has its trace). */
const preemption = (): Scenario => parseScenarioJson(readFixture('serving/preemption.json'), 'preemption.json').scenario

async function openRequests(sc: Scenario) {
  const t = createTestStore({ scenario: sc, algorithms: ['FIFO'] })
  disconnect = t.disconnect
  renderWithStore(<App />, t.store)
  await waitForRun(t.store)
  const requests = within(screen.getByRole('region', { name: 'Gantt chart' })).getByRole('region', { name: 'Requests' })
  const rows = within(requests).getByRole('group', { name: `Request rows, ${sc.tasks.length} in all` })
  return { store: t.store, requests, rows }
}

// FIFO's trace in the reference (expected.json, "preemption"): A and B first token 0.02786 s,
// both finish 2.78637 s; C arrives 0.05 s, first token 2.84210 s, finishes 3.37152 s after 18
// preemptions; F (300 tokens of prompt) is rejected.
const A = 'A: arrived 0.000 s · 60 in, 100 out · first token 0.028 s (TTFT 0.028 s) · finished 2.786 s (E2E 2.786 s) · 0 preemptions · replica 0'
const B = 'B: arrived 0.000 s · 60 in, 100 out · first token 0.028 s (TTFT 0.028 s) · finished 2.786 s (E2E 2.786 s) · 0 preemptions · replica 0'
const C = 'C: arrived 0.050 s · 200 in, 20 out · first token 2.842 s (TTFT 2.792 s) · finished 3.372 s (E2E 3.322 s) · 18 preemptions · replica 0'
const F = 'F: arrived 0.200 s · 300 in, 30 out · rejected'

describe('the request view from the keyboard', () => {
  it('moves the selected request with ↑/↓, PageUp/PageDown and Home/End, tells its numbers, and starts from a clicked row (preemption.json, FIFO)', async () => {
    const { store, requests, rows } = await openRequests(preemption())
    act(() => store.getState().actions.runToEnd())
    const end = store.getState().step
    const live = requests.querySelector('[aria-live="polite"]')!
    expect(live.textContent).toBe('Click a request to keep its numbers here.')
    const user = setupUser()
    await user.click(rows)
    expect(rows).toHaveFocus()
    // Focused, nothing selected yet: the first key selects the first row in view.
    expect(store.getState().selectedTask).toBeNull()
    await user.keyboard('{ArrowDown}')
    expect(store.getState().selectedTask).toBe(0)
    expect(live.textContent).toBe(A)
    expect(rows).toHaveAccessibleDescription(A)
    await user.keyboard('{ArrowDown}')
    expect(live.textContent).toBe(B)
    await user.keyboard('{ArrowDown}')
    expect(store.getState().selectedTask).toBe(2)
    expect(live.textContent).toBe(C)
    await user.keyboard('{End}')
    expect(live.textContent).toBe(F)
    // At the end ↓ stays; Home and End are the list's, not the page's reset and run-to-end.
    await user.keyboard('{ArrowDown}')
    expect(store.getState().selectedTask).toBe(5)
    expect(store.getState().step).toBe(end)
    // Six rows fit in view: a page is six rows, from F back to A.
    await user.keyboard('{PageUp}')
    expect(live.textContent).toBe(A)
    await user.keyboard('{ArrowUp}')
    expect(store.getState().selectedTask).toBe(0)
    await user.keyboard('{PageDown}')
    expect(store.getState().selectedTask).toBe(5)
    await user.keyboard('{Home}')
    expect(store.getState().selectedTask).toBe(0)
    expect(store.getState().step).toBe(end)

    // A click selects D (row 4) as the keys do, and the keys go on from there.
    const canvas = within(requests).getByRole('img', { name: 'FIFO requests: one row per request' })
    fireEvent.click(canvas, { clientX: 200, clientY: 3 * REQUEST_ROW_PX + 5 })
    expect(store.getState().selectedTask).toBe(3)
    await user.keyboard('{ArrowUp}')
    expect(store.getState().selectedTask).toBe(2)
    expect(live.textContent).toBe(C)
    // Esc clears the selection, as elsewhere in the app.
    await user.keyboard('{Escape}')
    expect(store.getState().selectedTask).toBeNull()
  })

  it('scrolls the selected row into view in a list longer than its 16 visible rows', async () => {
    // preemption.json's six requests four times over: 24 rows, 16 in view.
    const base = preemption()
    const sc: Scenario = { ...base, tasks: [0, 1, 2, 3].flatMap((k) => base.tasks.map((t) => ({ ...t, id: `${t.id}${k}`, arrivalS: t.arrivalS + k }))) }
    const { store, rows } = await openRequests(sc)
    const user = setupUser()
    rows.focus()
    await user.keyboard('{End}')
    expect(store.getState().selectedTask).toBe(23)
    // Row 23's bottom at 24 × 14 px, the view 16 × 14 px tall.
    expect(rows.scrollTop).toBe(8 * REQUEST_ROW_PX)
    await user.keyboard('{PageUp}')
    expect(store.getState().selectedTask).toBe(7)
    expect(rows.scrollTop).toBe(7 * REQUEST_ROW_PX)
    await user.keyboard('{ArrowDown}')
    // Row 8 is in view already: no scroll.
    expect(rows.scrollTop).toBe(7 * REQUEST_ROW_PX)
  })
})

describe('rowAfterKey and scrollToShow', () => {
  it('step, page and jump within the rows, starting at the first in view when none is selected', () => {
    expect(rowAfterKey('ArrowDown', null, 7, 16, 30)).toBe(7)
    expect(rowAfterKey('ArrowUp', null, 7, 16, 30)).toBe(7)
    expect(rowAfterKey('ArrowDown', 29, 14, 16, 30)).toBe(29)
    expect(rowAfterKey('ArrowUp', 0, 0, 16, 30)).toBe(0)
    expect(rowAfterKey('PageDown', 20, 14, 16, 30)).toBe(29)
    expect(rowAfterKey('PageUp', 20, 14, 16, 30)).toBe(4)
    expect(rowAfterKey('Home', 20, 14, 16, 30)).toBe(0)
    expect(rowAfterKey('End', null, 0, 16, 30)).toBe(29)
    expect(rowAfterKey('Enter', 3, 0, 16, 30)).toBeNull()
    expect(rowAfterKey('ArrowDown', null, 0, 16, 0)).toBeNull()
  })

  it('moves the view as little as shows the whole row', () => {
    // 14 px rows, a 224 px view scrolled to 140 px: rows 10 to 25 in view.
    expect(scrollToShow(12, 140, 224)).toBe(140)
    expect(scrollToShow(9, 140, 224)).toBe(126)
    expect(scrollToShow(26, 140, 224)).toBe(27 * 14 - 224)
  })
})
