import { screen, within } from '@testing-library/react'
import { TaskTable } from '../../src/components/TaskTable.tsx'
import type { Scenario } from '../../src/engine/types.ts'
import { createAppStore } from '../../src/store/app-store.ts'
import { renderWithStore } from './app.tsx'
import { setupUser } from './user.ts'

/** The task table on a store of its own holding `sc`, a user to drive it, and the store's tasks at any moment. */
export function renderTaskTable(sc: Scenario, scenarioLabel: string) {
  const store = createAppStore({ scenario: sc, scenarioLabel })
  const user = setupUser()
  renderWithStore(<TaskTable />, store)
  return { store, user, tasks: () => store.getState().scenario.tasks }
}

/** Queries of the task table whose columns are `cols`, in order ('select' first). */
export function taskTableQueries<C extends string>(cols: readonly C[]) {
  const table = () => screen.getByRole('table', { name: 'Tasks' })
  const bodyRows = () => within(table()).getAllByRole('row').slice(1)
  const cell = (row: number, col: C) => within(bodyRows()[row]!).getAllByRole('cell')[cols.indexOf(col)]!
  const cellButton = (row: number, col: C) => within(cell(row, col)).getByRole('button')
  return { table, bodyRows, cell, cellButton }
}
