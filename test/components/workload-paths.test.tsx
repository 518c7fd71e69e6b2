// @vitest-environment jsdom
import { act, screen, waitFor } from '@testing-library/react'
import { setupUser } from '../helpers/user.ts'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { GeneratorForm } from '../../src/components/GeneratorForm.tsx'
import { ImportExport } from '../../src/components/ImportExport.tsx'
import { ImportProblemDialog } from '../../src/components/ImportProblemDialog.tsx'
import { ScenarioBar } from '../../src/components/ScenarioBar.tsx'
import { DEFAULT_GENERATOR, generateWorkload } from '../../src/engine/workloads/generator.ts'
import { createAppStore } from '../../src/store/app-store.ts'
import { createTestStore, renderWithStore, waitForRun } from '../helpers/app.tsx'
import { readFixture } from '../helpers/scenario.ts'
import { coloringFor } from '../../src/charts/colors.ts'

// The shipped samples are the reference's CSVs (test/fixtures/workloads/ holds the same files).
const SAMPLE = 'algo_comparison.csv'
const sampleText = readFixture(`workloads/${SAMPLE}`)

let disconnect = () => {}
afterEach(() => disconnect())

function serveSamples() {
  const fetched: string[] = []
  vi.stubGlobal('fetch', async (url: string) => {
    fetched.push(url)
    return new Response(url.endsWith(`/${SAMPLE}`) ? sampleText : 'Task\n', { status: 200 })
  })
  return fetched
}

describe('one path for every workload: picked sample, imported file, generator', () => {
  it('a sample picked from the scenario list is imported exactly as the same file would be', async () => {
    const fetched = serveSamples()
    const picked = createAppStore()
    renderWithStore(<ScenarioBar />, picked)
    await setupUser().selectOptions(screen.getByRole('combobox', { name: 'Scenario' }), SAMPLE)
    await waitFor(() => expect(picked.getState().scenario.tasks).toHaveLength(80))
    expect(fetched).toEqual([`./samples/${SAMPLE}`])
    // Its 80 tasks arrive until 97.31 s: a 5 s horizon would start a handful of them.
    expect(picked.getState().scenario.maxTimeS).toBe(Infinity)
    expect(picked.getState().notice).toBe(
      'algo_comparison.csv: its last task arrives at 97.31 s, after the max time of 5 s, so the run now goes on until every task completes. Set a max time under Cluster & time; Ctrl/⌘+Z undoes the import.',
    )

    const imported = createAppStore()
    renderWithStore(<ImportExport />, imported)
    await setupUser().upload(screen.getByLabelText('Import workload'), new File([sampleText], SAMPLE, { type: 'text/csv' }))
    await waitFor(() => expect(imported.getState().scenario.tasks).toHaveLength(80))
    const { scenario, scenarioLabel, notice } = imported.getState()
    expect({ scenario, scenarioLabel, notice }).toEqual({ scenario: picked.getState().scenario, scenarioLabel: picked.getState().scenarioLabel, notice: picked.getState().notice })
    expect(scenarioLabel).toBe(SAMPLE)
  })

  it("the generator's defaults make a run every algorithm completes: the horizon follows the workload", async () => {
    const t = createTestStore()
    disconnect = t.disconnect
    renderWithStore(<GeneratorForm />, t.store)
    await waitForRun(t.store)
    const tasks = generateWorkload(DEFAULT_GENERATOR)
    const lastArrivalS = Math.max(...tasks.map((x) => x.arrivalS))
    // 200 tasks at 20 per second arrive over about 10 s, past the default max time of 5 s.
    expect(lastArrivalS).toBeGreaterThan(5)
    await setupUser().click(screen.getByRole('button', { name: 'Generate' }))
    expect(t.store.getState().scenario.maxTimeS).toBe(Infinity)
    expect(t.store.getState().notice).toBe(
      `The generated workload (seed 42): its last task arrives at ${Number(lastArrivalS.toFixed(3))} s, after the max time of 5 s, so the run now goes on until every task completes. Set a max time under Cluster & time; Ctrl/⌘+Z undoes it.`,
    )
    await waitFor(() => expect(t.store.getState().run.scenario.tasks).toBe(t.store.getState().scenario.tasks))
    await waitForRun(t.store)
    const { metrics } = t.store.getState().run
    expect(Object.values(metrics).map((m) => [m.completed_count, m.unfinished_count])).toEqual([
      [200, 0],
      [200, 0],
      [200, 0],
      [200, 0],
    ])
  })

  it('a workload that ends before the max time keeps it, with no notice', () => {
    const store = createAppStore()
    const early = generateWorkload({ ...DEFAULT_GENERATOR, count: 20, arrivals: { kind: 'all-at-once', atS: 1 } })
    act(() => store.getState().actions.setWorkload(early, 'generated', 'generated (seed 42)', { name: 'x', undoes: 'it' }))
    expect(store.getState().scenario.maxTimeS).toBe(5)
    expect(store.getState().notice).toBeNull()
    // The list it was given, not a copy: what was worked out for it as it came (an import's
    // colouring, use-import.ts) holds for the views that show it.
    expect(store.getState().scenario.tasks).toBe(early)
    expect(coloringFor(store.getState().scenario.tasks, 'weight')).toBe(coloringFor(early, 'weight'))
  })
})

describe('a refused import', () => {
  const broken = 'Task,Workload,Memory,Weight,ArrivalTime,Phase,Tokens\nA,Qwen3,30,1,0,1,-5\n'

  it('is explained in a dialog over the page, which switching scenario takes away', async () => {
    serveSamples()
    const store = createAppStore()
    renderWithStore(
      <>
        <ScenarioBar />
        <ImportExport />
        <ImportProblemDialog />
      </>,
      store,
    )
    const user = setupUser()
    await user.upload(screen.getByLabelText('Import workload'), new File([broken], 'broken.csv', { type: 'text/csv' }))
    const dialog = await screen.findByRole('dialog', { name: 'Import refused' })
    expect(screen.getByRole('alert')).toHaveTextContent("broken.csv was not imported; the scenario on screen is unchanged. Problem:broken.csv: line 2, Tokens = '-5': tokens must not be negative")
    expect(dialog).toContainElement(screen.getByRole('button', { name: 'Dismiss' }))
    expect(screen.getByRole('button', { name: 'Dismiss' })).toHaveFocus()
    // Not inside the editor's Import/Export group: showing it moves no button there.
    expect(screen.getByRole('group', { name: 'Export' }).closest('.import-export')).not.toContainElement(dialog)

    await user.selectOptions(screen.getByRole('combobox', { name: 'Scenario' }), 'staggered')
    await waitFor(() => expect(store.getState().scenarioLabel).toBe('staggered'))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(screen.queryByRole('alert')).toBeNull()

    await user.upload(screen.getByLabelText('Import workload'), new File([broken], 'broken.csv', { type: 'text/csv' }))
    await screen.findByRole('dialog', { name: 'Import refused' })
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).toBeNull()
  })
})
