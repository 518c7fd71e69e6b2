// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react'
import { setupUser } from '../helpers/user.ts'
import { describe, expect, it } from 'vitest'
import { TaskTable } from '../../src/components/TaskTable.tsx'
import type { TaskSpec } from '../../src/engine/types.ts'
import { DEFAULT_GENERATOR, generateWorkload } from '../../src/engine/workloads/generator.ts'
import { createAppStore } from '../../src/store/app-store.ts'
import { renderWithStore } from '../helpers/app.tsx'
import { prefill, scenario } from '../helpers/scenario.ts'

const COLS = ['select', 'id', 'model', 'weight', 'arrival (s)', 'phase', 'tokens', 'TP', 'memory (GB)'] as const
type Col = (typeof COLS)[number]

const three = (): TaskSpec[] => [prefill('a', 3), prefill('b', 1, { weight: 10 }), prefill('c', 2, { arrivalS: 0.5 })]

function setup(tasks: readonly TaskSpec[] = three()) {
  const store = createAppStore({ scenario: scenario(tasks), scenarioLabel: 'lesson' })
  const user = setupUser()
  renderWithStore(<TaskTable />, store)
  return { store, user, tasks: () => store.getState().scenario.tasks }
}

const table = () => screen.getByRole('table', { name: 'Tasks' })
const bodyRows = () => within(table()).getAllByRole('row').slice(1)
const cell = (row: number, col: Col) => within(bodyRows()[row]!).getAllByRole('cell')[COLS.indexOf(col)]!
const cellButton = (row: number, col: Col) => within(cell(row, col)).getByRole('button')
const idsShown = () => bodyRows().map((r) => within(r).getAllByRole('cell')[1]!.textContent)

describe('task table: editing in place', () => {
  it('commits an edited cell to the scenario as one undo step, keeping the other tasks', async () => {
    const { store, user, tasks } = setup()
    const before = tasks()
    await user.click(cellButton(0, 'tokens'))
    const input = screen.getByRole('textbox', { name: 'tokens of a' })
    expect(input).toHaveValue('3000')
    await user.clear(input)
    await user.type(input, '2500{Enter}')
    expect(tasks()[0]).toEqual({ ...before[0], tokens: 2500 })
    expect(tasks()[1]).toBe(before[1])
    expect(store.getState().scenarioLabel).toBe('lesson (edited)')
    expect(cellButton(0, 'tokens')).toHaveTextContent('2500')
    // Enter leaves focus on the edited cell, and the edited task stays picked for the Gantt.
    expect(cellButton(0, 'tokens')).toHaveFocus()
    expect(store.getState().selectedTask).toBe(0)
    act(() => store.temporal.getState().undo())
    expect(tasks()).toBe(before)
  })

  it('Tab applies and moves to the next field; a cleared TP means the recommended one', async () => {
    const { user, tasks } = setup([prefill('a', 1, { tp: 2 })])
    await user.click(cellButton(0, 'TP'))
    await user.clear(screen.getByRole('textbox', { name: 'TP of a' }))
    await user.tab()
    expect(tasks()[0]).not.toHaveProperty('tp')
    expect(cellButton(0, 'TP')).toHaveTextContent('auto (1)')
    expect(cellButton(0, 'memory (GB)')).toHaveFocus()
  })

  it('keeps a negative token count on screen with its reason, and does not apply it', async () => {
    const { user, tasks } = setup()
    const before = tasks()
    await user.click(cellButton(1, 'tokens'))
    const input = screen.getByRole('textbox', { name: 'tokens of b' })
    await user.clear(input)
    await user.type(input, '-5')
    // Checked while typing...
    expect(input).toBeInvalid()
    expect(input).toHaveAccessibleDescription('tokens must not be negative')
    await user.keyboard('{Enter}')
    // ...and after Enter the scenario is unchanged, the draft stays visible with its reason.
    expect(tasks()).toBe(before)
    const shown = cellButton(1, 'tokens')
    expect(shown).toHaveTextContent('-5')
    expect(shown).toHaveAttribute('aria-invalid', 'true')
    expect(shown).toHaveAccessibleDescription(/^Error: tokens must not be negative \(not applied; Esc restores '1000'\)/)
    expect(screen.getByText(/3 tasks · 1 problem/)).toBeInTheDocument()
    // Editing again starts from what was typed; a valid value then applies.
    await user.click(shown)
    expect(screen.getByRole('textbox', { name: 'tokens of b' })).toHaveValue('-5')
    await user.keyboard('{Escape}')
    expect(cellButton(1, 'tokens')).toHaveTextContent('1000')
    expect(cellButton(1, 'tokens')).not.toHaveAttribute('aria-invalid')
    expect(screen.getByText(/3 tasks · 0 problems/)).toBeInTheDocument()
  })

  it("checks weight and arrival against the engine's limits as they are typed, in its words", async () => {
    const { user, tasks } = setup()
    const before = tasks()
    await user.click(cellButton(0, 'weight'))
    const weight = screen.getByRole('textbox', { name: 'weight of a' })
    await user.keyboard('{Control>}a{/Control}2e9')
    expect(weight).toBeInvalid()
    expect(weight).toHaveAccessibleDescription('weight must be at most 1,000,000,000')
    await user.keyboard('{Escape}')
    await user.click(cellButton(0, 'arrival (s)'))
    expect(screen.getByRole('textbox', { name: 'arrival (s) of a' })).toBeInTheDocument()
    await user.keyboard('{Control>}a{/Control}1e10{Enter}')
    expect(tasks()).toBe(before)
    expect(cellButton(0, 'arrival (s)')).toHaveAccessibleDescription(/^Error: arrival time must be at most 1,000,000,000 s/)
  })

  it('rejects text where a number belongs, naming the field', async () => {
    const { user, tasks } = setup()
    await user.click(cellButton(0, 'weight'))
    await user.keyboard('{Control>}a{/Control}heavy{Enter}')
    expect(tasks()[0]!.weight).toBe(1)
    expect(cellButton(0, 'weight')).toHaveAccessibleDescription(/weight must be a number, not 'heavy'/)
  })

  it('edits the model with catalog suggestions and the phase with a select', async () => {
    const { user, tasks } = setup()
    await user.click(cellButton(0, 'model'))
    const model = screen.getByRole('combobox', { name: 'model of a' })
    expect(model).toHaveAttribute('list', 'task-table-models')
    expect(document.querySelectorAll('#task-table-models option').length).toBeGreaterThan(5)
    await user.clear(model)
    await user.type(model, 'Llama3-70B{Enter}')
    expect(tasks()[0]!.model).toBe('Llama3-70B')
    await user.click(cellButton(2, 'phase'))
    await user.selectOptions(screen.getByRole('combobox', { name: 'phase of c' }), 'decode')
    expect(tasks()[2]!.phase).toBe('decode')
  })
})

describe('task table: problems', () => {
  it('marks duplicate ids as errors and an unknown model as a warning, with reasons', async () => {
    const { user } = setup([prefill('x', 1), prefill('x', 1), prefill('m', 1, { model: 'Mystery' })])
    for (const row of [0, 1]) {
      expect(cellButton(row, 'id')).toHaveAttribute('aria-invalid', 'true')
      expect(cellButton(row, 'id')).toHaveAccessibleDescription('Error: duplicate id: 2 tasks are called x')
    }
    const model = cellButton(2, 'model')
    expect(model).not.toHaveAttribute('aria-invalid')
    expect(model).toHaveAccessibleDescription(/^Warning: never runs on this cluster: unknown model 'Mystery'/)
    expect(cell(2, 'model')).toHaveClass('has-warning')
    expect(cell(0, 'id')).toHaveClass('has-error')
    expect(screen.getByText('3 tasks · 3 problems (2 errors, 1 warning)')).toBeInTheDocument()

    // "Next problem" walks the problem cells in view order, wrapping around.
    const next = screen.getByRole('button', { name: 'Next problem' })
    await user.click(next)
    expect(cellButton(0, 'id')).toHaveFocus()
    await user.click(next)
    expect(cellButton(1, 'id')).toHaveFocus()
    await user.click(next)
    expect(cellButton(2, 'model')).toHaveFocus()
    await user.click(next)
    expect(cellButton(0, 'id')).toHaveFocus()
  })

  it('flags a TP outside the model range on the TP cell', () => {
    setup([prefill('a', 1, { tp: 16 })])
    expect(cellButton(0, 'TP')).toHaveAccessibleDescription(/TP 16 is outside Llama3-8B's range 1–8/)
  })
})

describe('task table: rows', () => {
  it('adds a task with a fresh id', async () => {
    const { user, tasks, store } = setup([prefill('T1', 1), prefill('T7', 1)])
    await user.click(screen.getByRole('button', { name: 'Add task' }))
    expect(tasks().map((t) => t.id)).toEqual(['T1', 'T7', 'T8'])
    expect(tasks()[2]).toMatchObject({ model: 'Llama3-8B', phase: 'prefill', weight: 1 })
    expect(store.getState().selectedTask).toBe(2)
    expect(cellButton(2, 'id')).toHaveFocus()
  })

  it('duplicates the checked rows next to their originals, then deletes them, one undo step each', async () => {
    const { user, tasks, store } = setup()
    const duplicate = screen.getByRole('button', { name: 'Duplicate' })
    const remove = screen.getByRole('button', { name: 'Delete' })
    expect(duplicate).toBeDisabled()
    await user.click(screen.getByRole('checkbox', { name: 'Select a' }))
    await user.click(screen.getByRole('checkbox', { name: 'Select c' }))
    expect(screen.getByText('2 tasks selected')).toBeInTheDocument()
    await user.click(duplicate)
    expect(tasks().map((t) => t.id)).toEqual(['a', 'T1', 'b', 'c', 'T2'])
    expect(tasks()[1]).toEqual({ ...tasks()[0], id: 'T1' })
    // The copies are now the checked rows.
    expect(screen.getByRole('checkbox', { name: 'Select T1' })).toBeChecked()
    expect(screen.getByRole('checkbox', { name: 'Select a' })).not.toBeChecked()
    await user.click(remove)
    expect(tasks().map((t) => t.id)).toEqual(['a', 'b', 'c'])
    act(() => store.temporal.getState().undo())
    expect(tasks().map((t) => t.id)).toEqual(['a', 'T1', 'b', 'c', 'T2'])
    act(() => store.temporal.getState().undo())
    expect(tasks().map((t) => t.id)).toEqual(['a', 'b', 'c'])
  })

  it('clicking a row picks the task in the app; a task picked elsewhere is highlighted', async () => {
    const { user, store } = setup()
    await user.click(cell(1, 'select'))
    expect(store.getState().selectedTask).toBe(1)
    act(() => store.getState().actions.select(2))
    expect(bodyRows()[2]).toHaveAttribute('aria-current', 'true')
    expect(bodyRows()[1]).not.toHaveAttribute('aria-current')
  })
})

describe('task table: sorting and bulk edits', () => {
  it('sorts by a column as a view only, stable, cycling ascending, descending, scenario order', async () => {
    const { user, tasks } = setup([prefill('a', 3), prefill('b', 1), prefill('c', 3), prefill('d', 2)])
    const before = tasks()
    const header = screen.getByRole('columnheader', { name: 'tokens' })
    expect(header).toHaveAttribute('aria-sort', 'none')
    await user.click(within(header).getByRole('button'))
    expect(header).toHaveAttribute('aria-sort', 'ascending')
    expect(idsShown()).toEqual(['b', 'd', 'a', 'c'])
    await user.click(within(header).getByRole('button'))
    expect(header).toHaveAttribute('aria-sort', 'descending')
    // Ties (a and c) keep the scenario's order in both directions.
    expect(idsShown()).toEqual(['a', 'c', 'd', 'b'])
    expect(bodyRows().map((r) => r.getAttribute('aria-rowindex'))).toEqual(['2', '3', '4', '5'])
    await user.click(within(header).getByRole('button'))
    expect(idsShown()).toEqual(['a', 'b', 'c', 'd'])
    expect(tasks()).toBe(before)
  })

  it('sets a field for every checked row (shift-click checks a range) as one undo step', async () => {
    const { user, tasks, store } = setup([prefill('a', 1), prefill('b', 1), prefill('c', 1), prefill('d', 1)])
    const before = tasks()
    await user.click(screen.getByRole('checkbox', { name: 'Select b' }))
    await user.keyboard('{Shift>}')
    await user.click(screen.getByRole('checkbox', { name: 'Select d' }))
    await user.keyboard('{/Shift}')
    expect(screen.getByText('3 tasks selected')).toBeInTheDocument()
    const bulk = screen.getByRole('form', { name: 'Set field for selected' })
    await user.selectOptions(within(bulk).getByRole('combobox', { name: 'Field' }), 'weight')
    const value = within(bulk).getByRole('textbox', { name: 'Value' })
    await user.type(value, '-2')
    expect(within(bulk).getByText('weight must not be negative')).toBeInTheDocument()
    expect(within(bulk).getByRole('button', { name: 'Apply' })).toBeDisabled()
    await user.clear(value)
    await user.type(value, '5')
    await user.click(within(bulk).getByRole('button', { name: 'Apply' }))
    expect(tasks().map((t) => t.weight)).toEqual([1, 5, 5, 5])
    act(() => store.temporal.getState().undo())
    expect(tasks()).toBe(before)
  })

  it('"Select all" checks every task', async () => {
    const { user } = setup()
    await user.click(screen.getByRole('checkbox', { name: 'Select all tasks' }))
    expect(screen.getByText('3 tasks selected')).toBeInTheDocument()
    await user.click(screen.getByRole('checkbox', { name: 'Select all tasks' }))
    expect(screen.getByText('Check rows to duplicate, delete or edit together')).toBeInTheDocument()
  })
})

describe('task table: 10,000 tasks', () => {
  it('announces every row but renders only a window of them', async () => {
    const tasks = generateWorkload({ ...DEFAULT_GENERATOR, count: 10_000 })
    const { user } = setup(tasks)
    expect(table()).toHaveAttribute('aria-rowcount', '10001')
    const rows = bodyRows()
    expect(rows.length).toBeGreaterThan(5)
    expect(rows.length).toBeLessThan(60)
    expect(rows[0]).toHaveAttribute('aria-rowindex', '2')
    expect(screen.getByText(/^10,000 tasks · 0 problems/)).toBeInTheDocument()
    // Sorting reorders the window, still virtualized.
    await user.click(within(screen.getByRole('columnheader', { name: 'tokens' })).getByRole('button'))
    const smallest = Math.min(...tasks.map((t) => t.tokens))
    expect(cellButton(0, 'tokens')).toHaveTextContent(String(smallest))
    expect(bodyRows().length).toBeLessThan(60)
  })
})
