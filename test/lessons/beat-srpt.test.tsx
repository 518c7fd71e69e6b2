// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { StudentPanel } from '../../src/components/StudentPanel.tsx'
import { usePendingCursor } from '../../src/components/use-pending-cursor.ts'
import { lessonById } from '../../src/lessons/index.ts'
import { lessonRun } from '../../src/lessons/lesson-run.ts'
import { createTestStore, renderWithStore } from '../helpers/app.tsx'

let disconnect = () => {}
afterEach(() => disconnect())

function Lesson() {
  usePendingCursor()
  return <StudentPanel />
}

describe('the Beat SRPT lesson', () => {
  it('enters Be the scheduler on its scenario; its text quotes the engine: SRPT 77, FIFO 127', async () => {
    const t = createTestStore()
    disconnect = t.disconnect
    renderWithStore(<Lesson />, t.store)
    act(() => void t.store.getState().actions.startLesson('beat-srpt'))
    await waitFor(() => expect(screen.getByRole('region', { name: 'Be the scheduler' })).toBeTruthy(), { timeout: 30_000 })
    expect(within(screen.getByRole('region', { name: 'Be the scheduler' })).getByRole('heading', { level: 2 }).textContent).toBe('Be the scheduler: t = 0.00 s, 1 GPU free')
    const page = lessonById('beat-srpt')!.pages[0]!
    const run = lessonRun(page.view.scenario(), page.view.algorithms)
    // By hand: SRPT runs B 1, C 3, D 6, A 10: 1 + 4·3 + 9·6 + 10 = 77; FIFO 4 + 5 + 4·7 + 9·10 = 127.
    expect(page.text(run)).toContain('SRPT runs the shortest first and gets Σ w·F = 77; FIFO gets 127.')
    const gate = page.gate!
    expect(gate.kind === 'choice' && gate.answer(run)).toBe('WSRPT')
    act(() => t.store.getState().actions.leaveLesson())
    expect(t.store.getState().student).toBeNull()
  })
})
