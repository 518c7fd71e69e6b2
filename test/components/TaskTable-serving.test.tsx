// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react'
import { setupUser } from '../helpers/user.ts'
import { describe, expect, it } from 'vitest'
import { buildExport } from '../../src/components/exports.ts'
import { TaskTable } from '../../src/components/TaskTable.tsx'
import type { Scenario, TaskSpec } from '../../src/engine/types.ts'
import { parseRequestCsv } from '../../src/engine/workloads/request-csv.ts'
import { parseScenarioJson } from '../../src/engine/workloads/scenario-json.ts'
import { createAppStore } from '../../src/store/app-store.ts'
import { renderWithStore } from '../helpers/app.tsx'
import { prefill, readFixture, scenario } from '../helpers/scenario.ts'

const COLS = ['select', 'id', 'model', 'weight', 'arrival (s)', 'Input tokens', 'Output tokens'] as const
type Col = (typeof COLS)[number]

const preemption = (): Scenario => parseScenarioJson(readFixture('serving/preemption.json'), 'preemption.json').scenario

function setup(sc: Scenario) {
  const store = createAppStore({ scenario: sc, scenarioLabel: 'preemption.json' })
  const user = setupUser()
  renderWithStore(<TaskTable />, store)
  return { store, user, tasks: () => store.getState().scenario.tasks }
}

const table = () => screen.getByRole('table', { name: 'Tasks' })
const bodyRows = () => within(table()).getAllByRole('row').slice(1)
const cell = (row: number, col: Col) => within(bodyRows()[row]!).getAllByRole('cell')[COLS.indexOf(col)]!
const cellButton = (row: number, col: Col) => within(cell(row, col)).getByRole('button')

describe('task table in serving mode', () => {
  it("shows requests' input and output tokens; the scenario's own models are known", () => {
    const sc = preemption()
    setup(sc)
    const headers = within(table()).getAllByRole('columnheader').map((h) => h.textContent?.replace(/[▲▼]/g, ''))
    expect(headers).toEqual(['', 'id', 'model', 'weight', 'arrival (s)', 'Input tokens', 'Output tokens'])
    // preemption.json: A is 60 in, 100 out; C is 200 in, 20 out; all on the scenario's Tiny-Pool.
    expect(cellButton(0, 'Input tokens')).toHaveTextContent('60')
    expect(cellButton(0, 'Output tokens')).toHaveTextContent('100')
    expect(cellButton(2, 'Input tokens')).toHaveTextContent('200')
    expect(cellButton(2, 'Output tokens')).toHaveTextContent('20')
    expect(cellButton(0, 'model')).toHaveTextContent('Tiny-Pool')
    expect(cellButton(0, 'model')).not.toHaveAccessibleDescription()
    expect(screen.getByText(`${sc.tasks.length} tasks · 0 problems`)).toBeInTheDocument()
    // The model list offers the scenario's model first.
    expect(document.querySelector('#task-table-models option')).toHaveAttribute('value', 'Tiny-Pool')
  })

  it('warns about a model neither the catalog nor the scenario defines', () => {
    const sc = preemption()
    // Without its `models`, Tiny-Pool is unknown: every request of it is rejected at arrival.
    setup({ ...sc, tasks: sc.tasks.slice(0, 2), models: [] })
    const model = cellButton(0, 'model')
    expect(model).not.toHaveAttribute('aria-invalid')
    expect(model).toHaveAccessibleDescription(
      "Warning: unknown model 'Tiny-Pool': neither the catalog nor the scenario's models define it, so no deployment serves it and the request is rejected at arrival",
    )
    expect(screen.getByText('2 tasks · 2 problems (0 errors, 2 warnings)')).toBeInTheDocument()
  })

  it('edits input tokens as one undo step, keeping output tokens and the phase that maps back', async () => {
    const { store, user, tasks } = setup(preemption())
    const before = tasks()
    await user.click(cellButton(0, 'Input tokens'))
    const input = screen.getByRole('textbox', { name: 'Input tokens of A' })
    expect(input).toHaveValue('60')
    await user.clear(input)
    await user.type(input, '75{Enter}')
    expect(tasks()[0]).toEqual({ ...before[0], inputTokens: 75, outputTokens: 100, phase: 'decode', tokens: 100 })
    expect(tasks()[1]).toBe(before[1])
    expect(store.getState().scenarioLabel).toBe('preemption.json (edited)')
    // One output token: the request is a prefill of its prompt.
    await user.click(cellButton(0, 'Output tokens'))
    await user.keyboard('{Control>}a{/Control}1{Enter}')
    expect(tasks()[0]).toMatchObject({ inputTokens: 75, outputTokens: 1, phase: 'prefill', tokens: 75 })
    act(() => store.temporal.getState().undo())
    act(() => store.temporal.getState().undo())
    expect(tasks()).toBe(before)
  })

  it('refuses tokens that are not whole numbers from 1 to the limit, naming the field and value', async () => {
    const { user, tasks } = setup(preemption())
    const before = tasks()
    const cases: [string, string][] = [
      ['0', 'output tokens must be a whole number >= 1, not 0'],
      ['2.5', 'output tokens must be a whole number >= 1, not 2.5'],
      ['2000000000', 'output tokens must be at most 1,000,000,000, not 2,000,000,000'],
      ['many', "output tokens must be a number, not 'many'"],
    ]
    for (const [typed, message] of cases) {
      await user.click(cellButton(1, 'Output tokens'))
      const input = screen.getByRole('textbox', { name: 'Output tokens of B' })
      await user.clear(input)
      await user.type(input, typed)
      expect(input).toHaveAccessibleDescription(message)
      await user.keyboard('{Enter}')
      expect(tasks()).toBe(before)
      expect(cellButton(1, 'Output tokens')).toHaveAccessibleDescription(`Error: ${message} (not applied; Esc restores '100')`)
    }
  })

  it('reads a job task as serving does and adds requests of 512 in, 128 out', async () => {
    const { user, tasks } = setup(scenario([prefill('p', 3), { ...prefill('d', 0), phase: 'decode', tokens: 40 }], { mode: 'serving' }))
    expect(cellButton(0, 'Input tokens')).toHaveTextContent('3000')
    expect(cellButton(0, 'Output tokens')).toHaveTextContent('1')
    expect(cellButton(1, 'Input tokens')).toHaveTextContent('1')
    expect(cellButton(1, 'Output tokens')).toHaveTextContent('40')
    await user.click(screen.getByRole('button', { name: 'Add task' }))
    expect(tasks()[2]).toEqual({ id: 'T1', model: 'Llama3-8B', weight: 1, arrivalS: 0, phase: 'decode', tokens: 128, inputTokens: 512, outputTokens: 128 })
    // Tab walks the serving columns: from Output tokens, the last, to the next row's id.
    await user.click(cellButton(0, 'Output tokens'))
    await user.tab()
    expect(cellButton(1, 'id')).toHaveFocus()
  })

  it('sets output tokens for the checked requests as one step', async () => {
    const { user, tasks } = setup(preemption())
    await user.click(within(bodyRows()[0]!).getByRole('checkbox'))
    await user.click(within(bodyRows()[1]!).getByRole('checkbox'))
    const bulk = screen.getByRole('form', { name: 'Set field for selected' })
    const fields = within(within(bulk).getByRole('combobox', { name: 'Field' })).getAllByRole('option').map((o) => o.textContent)
    expect(fields).toEqual(['model', 'weight', 'arrival (s)', 'Input tokens', 'Output tokens'])
    await user.selectOptions(within(bulk).getByRole('combobox', { name: 'Field' }), 'outputTokens')
    await user.type(within(bulk).getByRole('textbox', { name: 'Value' }), '7')
    await user.click(within(bulk).getByRole('button', { name: 'Apply' }))
    expect(tasks().slice(0, 3).map((t) => [t.inputTokens, t.outputTokens])).toEqual([
      [60, 7],
      [60, 7],
      [200, 20],
    ])
  })
})

describe('request CSV export', () => {
  it("writes the README's request CSV, which imports back to the same requests", () => {
    const store = createAppStore({ scenario: preemption() })
    const file = buildExport(store.getState(), 'request-csv', 'preemption')!
    expect(file.fileName).toBe('preemption-requests.csv')
    expect(file.text.split('\n').slice(0, 4)).toEqual([
      'Task,Workload,Weight,ArrivalTime,InputTokens,OutputTokens',
      'A,Tiny-Pool,1,0,60,100',
      'B,Tiny-Pool,5,0,60,100',
      'C,Tiny-Pool,1,0.05,200,20',
    ])
    const back: TaskSpec[] = parseRequestCsv(file.text)
    expect(back.map((t) => [t.id, t.inputTokens, t.outputTokens, t.weight, t.arrivalS])).toEqual(
      store.getState().scenario.tasks.map((t) => [t.id, t.inputTokens, t.outputTokens, t.weight, t.arrivalS]),
    )
  })
})
