// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react'
import { setupUser } from '../helpers/user.ts'
import { describe, expect, it } from 'vitest'
import { buildExport } from '../../src/components/exports.ts'
import { ImportExport } from '../../src/components/ImportExport.tsx'
import { ImportProblemDialog } from '../../src/components/ImportProblemDialog.tsx'
import { parseWorkloadCsv } from '../../src/engine/workloads/csv.ts'
import { parseScenarioJson } from '../../src/engine/workloads/scenario-json.ts'
import { createAppStore } from '../../src/store/app-store.ts'
import { readFixture } from '../helpers/scenario.ts'
import { createTestStore, renderWithStore, waitForRun } from '../helpers/app.tsx'

const file = (text: string, name: string) => new File([text], name, { type: name.endsWith('.json') ? 'application/json' : 'text/csv' })

describe('import', () => {
  it('imports a reference CSV through "Import workload", keeping the cluster and settings', async () => {
    const store = createAppStore()
    renderWithStore(<ImportExport />, store)
    await setupUser().upload(screen.getByLabelText('Import workload'), file(readFixture('workloads/overload_test.csv'), 'overload_test.csv'))
    await waitFor(() => expect(store.getState().scenario.tasks).toHaveLength(15))
    expect(store.getState()).toMatchObject({ scenarioLabel: 'overload_test.csv' })
    expect(store.getState().scenario).toMatchObject({ name: 'overload_test', dtS: 0.01, maxTimeS: 5 })
    expect(store.getState().scenario.cluster.name).toBe('h100_16gpu')
  })

  it('a CSV whose tasks arrive after the max time runs until every task completes, and says so', async () => {
    const store = createAppStore()
    const before = store.getState().scenario
    renderWithStore(<ImportExport />, store)
    const csv = 'Task,Workload,Memory,Weight,ArrivalTime,Phase,Tokens\nA,Qwen3,30,1,0,1,100\nB,Qwen3,30,2,12.5,0,500\n'
    await setupUser().upload(screen.getByLabelText('Import workload'), file(csv, 'late.csv'))
    await waitFor(() => expect(store.getState().scenario.tasks).toHaveLength(2))
    expect(store.getState().scenario.maxTimeS).toBe(Infinity)
    expect(store.getState().notice).toBe(
      'late.csv: its last task arrives at 12.5 s, after the max time of 5 s, so the run now goes on until every task completes. Set a max time under Cluster & time; Ctrl/⌘+Z undoes the import.',
    )
    // One undo restores the scenario as it was, horizon included.
    store.temporal.getState().undo()
    expect(store.getState().scenario).toBe(before)
    expect(before.maxTimeS).toBe(5)
  })

  it('imports a scenario JSON with its own cluster, settings and algorithms', async () => {
    const store = createAppStore()
    renderWithStore(<ImportExport />, store)
    const json = JSON.stringify({ version: 1, cluster: 'h100_8gpu', maxTime: null, algorithms: ['SRPT'], tasks: [{ id: 'a', model: 'Qwen3', weight: 1, arrival: 0, phase: 'decode', tokens: 10 }] })
    await setupUser().upload(screen.getByLabelText('Import workload'), file(json, 'lesson.json'))
    await waitFor(() => expect(store.getState().scenarioLabel).toBe('lesson.json'))
    expect(store.getState().algorithms).toEqual(['SRPT'])
    expect(store.getState().scenario.maxTimeS).toBe(Infinity)
  })

  it('refuses a broken CSV with every problem listed; the scenario stays as it was', async () => {
    const store = createAppStore()
    const before = store.getState().scenario
    renderWithStore(
      <>
        <ImportExport />
        <ImportProblemDialog />
      </>,
      store,
    )
    const broken = 'Task,Workload,Memory,Weight,ArrivalTime,Phase,Tokens\nA,Qwen3,30,1,0,1,-5\nB,Qwen3,30,heavy,0,1,10\n'
    await setupUser().upload(screen.getByLabelText('Import workload'), file(broken, 'broken.csv'))
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('broken.csv was not imported; the scenario on screen is unchanged. 2 problems')
    expect(alert).toHaveTextContent("broken.csv: line 2, Tokens = '-5': tokens must not be negative")
    expect(alert).toHaveTextContent("broken.csv: line 3, Weight = 'heavy': not a number")
    expect(store.getState().scenario).toBe(before)
  })
})

describe('exports', () => {
  it('scenario JSON and workload CSV read back to the same scenario', () => {
    const s = createAppStore().getState()
    const json = buildExport(s, 'scenario-json', 'x')!
    expect(json.fileName).toBe('x.json')
    expect(parseScenarioJson(json.text).scenario).toEqual(s.scenario)
    expect(parseWorkloadCsv(buildExport(s, 'workload-csv', 'x')!.text)).toEqual(s.scenario.tasks)
  })

  it('results JSON in the CLI --output shape, trace CSV with the CLI --trace columns', async () => {
    const { store, disconnect } = createTestStore()
    expect(buildExport(store.getState(), 'results-json', 'x')).toBeNull()
    await waitForRun(store)
    const results = JSON.parse(buildExport(store.getState(), 'results-json', 'x')!.text)
    expect(Object.keys(results)).toEqual(['discriminating_FIFO', 'discriminating_WeightedFIFO', 'discriminating_SRPT', 'discriminating_WSRPT'])
    expect(results.discriminating_FIFO.weighted_waiting_time).toBe(336)
    const trace = buildExport(store.getState(), 'trace-csv', 'x')!.text.trim().split('\n')
    expect(trace[0]).toBe('algorithm,task,model,weight,arrival,start,completion,gpus')
    expect(trace).toHaveLength(1 + 4 * 20)
    expect(trace[1]).toBe('FIFO,T_low_1,Qwen3,1,0,0,2,0;1')
    disconnect()
  })
})
