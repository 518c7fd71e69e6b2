// @vitest-environment jsdom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react'
import { setupUser } from '../helpers/user.ts'
import { afterEach, describe, expect, it } from 'vitest'
import { App } from '../../src/components/App.tsx'
import { checkAnswer, nextStart, readNumber, waitingAt } from '../../src/lessons/gates.ts'
import { lessonById } from '../../src/lessons/index.ts'
import type { Gate } from '../../src/lessons/lesson.ts'
import { lessonRun } from '../../src/lessons/lesson-run.ts'
import { createTestStore, renderWithStore, waitForRun } from '../helpers/app.tsx'

let disconnect = () => {}
afterEach(() => {
  disconnect()
  cleanup()
})

const pageOf = (id: string, p: number) => lessonById(id)!.pages[p]!
const runOf = (id: string, p: number) => lessonRun(pageOf(id, p).view.scenario(), pageOf(id, p).view.algorithms)

describe('prediction gates, checked by the engine', () => {
  it('a number within the tolerance of the engine’s is right; typed as people type it', () => {
    const gate = pageOf('convoy', 0).gate!
    const run = runOf('convoy', 0)
    // FIFO's mean flow, by hand: (6 + 7 + 10 + 11) / 4 = 8.5.
    expect(checkAnswer(gate, run, '8.5')).toEqual({ correct: true, engine: '8.5 s' })
    expect(checkAnswer(gate, run, '8,52')).toEqual({ correct: true, engine: '8.5 s' })
    expect(checkAnswer(gate, run, '4.75')).toEqual({ correct: false, engine: '8.5 s' })
    expect(checkAnswer(gate, run, 'eight')).toEqual({ invalid: '“eight” is not a number: type one such as 4.5' })
    expect(readNumber(' 69.6 % ')).toBe(69.6)
    expect(readNumber('1e2')).toBe(100)
    expect(readNumber('')).toBeNaN()
  })

  it('"which task starts next" comes from the decision log, its options from who waits', () => {
    const run = runOf('starvation', 0)
    // At 0.99 s S0 runs; L (at 0) and S1 (at 0.5 s) wait; S1 is SRPT's next, L is FIFO's.
    expect(waitingAt(run, 'SRPT', 0.99)).toEqual(['L', 'S1'])
    expect(nextStart(run, 'SRPT', 0.99)).toBe('S1')
    expect(nextStart(lessonRun(run.scenario, ['FIFO']), 'FIFO', 0.99)).toBe('L')
    const gate = pageOf('starvation', 0).gate!
    expect(checkAnswer(gate, run, 'L')).toEqual({ correct: false, engine: 'S1' })
    expect(checkAnswer(gate, run, 'S1')).toEqual({ correct: true, engine: 'S1' })
    expect(checkAnswer(gate, run, 'S5')).toEqual({ invalid: 'pick one of the answers' })
  })

  it('answers follow the run, not a stored constant: another scenario, another answer', () => {
    const gate = pageOf('convoy', 0).gate as Extract<Gate, { kind: 'number' }>
    const run = runOf('convoy', 0)
    // Long made 2 s: FIFO's flows 2, 3, 6, 7 → mean 4.5.
    const shorter = { ...run.scenario, tasks: run.scenario.tasks.map((t) => (t.id === 'Long' ? { ...t, tokens: 2000 } : t)) }
    expect(gate.answer(lessonRun(shorter, ['FIFO', 'SRPT']))).toBe(4.5)
    expect(checkAnswer(gate, lessonRun(shorter, ['FIFO', 'SRPT']), '8.5')).toMatchObject({ correct: false })
  })

  it('in the app: results hidden in the lesson, a wrong answer, then Reveal shows the engine’s answer, formula and breakdown', async () => {
    const t = createTestStore()
    disconnect = t.disconnect
    renderWithStore(<App />, t.store)
    await waitForRun(t.store)
    const user = setupUser()
    await user.click(screen.getByRole('button', { name: 'Lessons' }))
    const index = screen.getByRole('dialog', { name: 'Lessons' })
    await user.click(within(index).getByRole('button', { name: /convoy/i }))
    expect(screen.queryByRole('dialog', { name: 'Lessons' })).toBeNull()
    await waitFor(() => expect(t.store.getState().run.scenario.name).toBe('convoy'))
    await waitForRun(t.store)
    const lesson = screen.getByRole('region', { name: 'Lesson' })
    expect(within(lesson).getAllByRole('heading')[0]!.textContent).toBe('A long task at the head of the line')
    // Hide results is on in lessons: no metric value on screen; one Reveal (the gate's).
    expect(screen.getByRole('switch', { name: 'Hide results' })).toBeChecked()
    const body = () => document.body.textContent ?? ''
    for (const v of ['8.500', '4.750', '34.000']) expect(body()).not.toContain(v)
    expect(screen.getAllByRole('button', { name: 'Reveal' })).toHaveLength(1)

    await user.type(within(lesson).getByRole('textbox'), '6')
    await user.click(within(lesson).getByRole('button', { name: 'Reveal' }))
    const verdict = within(lesson).getByRole('status').textContent
    expect(verdict).toContain('Not quite: you said 6.')
    expect(verdict).toContain('The engine’s answer: 8.5 s')
    expect(verdict).toContain('Mean flow of FIFO: Σ (completion − arrival) / completed tasks')
    expect(verdict).toContain('8.500 = (6.000 + 7.000 + 10.000 + 11.000) / 4')
    // The results are revealed with it, and the breakdown's tasks highlighted on the Gantt.
    await waitFor(() => expect(body()).toContain('8.500'))
    expect(t.store.getState().highlight?.tasks).toEqual([0, 1, 2, 3])
    expect(screen.queryByRole('button', { name: 'Reveal' })).toBeNull()

    // Leaving restores the view from before: the default scenario, results shown.
    await user.click(within(lesson).getByRole('button', { name: 'Leave lesson' }))
    expect(screen.queryByRole('region', { name: 'Lesson' })).toBeNull()
    expect(t.store.getState().scenarioLabel).toBe('discriminating')
    expect(t.store.getState().hideResults).toBe(false)
  })

  it('a page sets the cursor once its run is in: starvation at 0.99 s, step 99, focus SRPT', async () => {
    const t = createTestStore()
    disconnect = t.disconnect
    renderWithStore(<App />, t.store)
    act(() => void t.store.getState().actions.startLesson('starvation'))
    await waitForRun(t.store)
    await waitFor(() => expect(t.store.getState().step).toBe(99))
    const s = t.store.getState()
    expect(s.focus).toBe('SRPT')
    expect(s.algorithms).toEqual(['FIFO', 'SRPT'])
    expect(s.pendingCursorS).toBeNull()
    expect(s.highlight?.tasks).toEqual([1])
    const user = setupUser()
    const lesson = screen.getByRole('region', { name: 'Lesson' })
    await user.click(within(lesson).getByRole('radio', { name: 'S1' }))
    await user.click(within(lesson).getByRole('button', { name: 'Reveal' }))
    expect(within(lesson).getByRole('status').textContent).toContain('Right: S1.')
  })
})
