// @vitest-environment jsdom
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { screen, waitFor } from '@testing-library/react'
import { setupUser } from '../helpers/user.ts'
import { describe, expect, it } from 'vitest'
import { ImportExport } from '../../src/components/ImportExport.tsx'
import { ScenarioBar } from '../../src/components/ScenarioBar.tsx'
import { decodeScenarioHash, encodeScenarioHash } from '../../src/sharing/share-link.ts'
import { createAppStore } from '../../src/store/app-store.ts'
import { renderWithStore } from '../helpers/app.tsx'

const file = (text: string, name: string) => new File([text], name, { type: name.endsWith('.json') ? 'application/json' : 'text/csv' })

describe('the Mode select', () => {
  it('offers Exact, Reference and Serving and sets the scenario’s mode; the Reference mode switch follows', async () => {
    const store = createAppStore()
    renderWithStore(<ScenarioBar />, store)
    const mode = screen.getByRole('combobox', { name: 'Mode' })
    expect([...(mode as HTMLSelectElement).options].map((o) => o.text)).toEqual(['Exact', 'Reference', 'Serving'])
    expect(mode).toHaveValue('exact')
    const user = setupUser()
    await user.selectOptions(mode, 'Serving')
    expect(store.getState().scenario.mode).toBe('serving')
    expect(screen.getByRole('switch', { name: 'Reference mode' })).not.toBeChecked()
    await user.selectOptions(mode, 'Reference')
    expect(store.getState().scenario.mode).toBe('reference')
    expect(screen.getByRole('switch', { name: 'Reference mode' })).toBeChecked()
    await user.click(screen.getByRole('switch', { name: 'Reference mode' }))
    expect(store.getState().scenario.mode).toBe('exact')
    expect(mode).toHaveValue('exact')
  })

  it('the share link carries serving mode with its deployments and knobs', () => {
    const text = readFileSync(join(process.cwd(), 'test/fixtures/serving/preemption.json'), 'utf8')
    const store = createAppStore()
    const parsed = JSON.parse(text) as { serving: object }
    store.getState().actions.setMode('serving')
    const scenario = { ...store.getState().scenario, serving: parsed.serving }
    const back = decodeScenarioHash(encodeScenarioHash(scenario, ['FIFO'], 'x')!)!
    expect(back.scenario.mode).toBe('serving')
    expect(back.scenario.serving).toMatchObject({ maxNumSeqs: 8, maxBatchedTokens: 128 })
  })

  it('importing a request CSV switches to Serving; a reference CSV keeps the mode', async () => {
    const store = createAppStore()
    renderWithStore(<ImportExport />, store)
    const user = setupUser()
    const requests = 'Task,Workload,Weight,ArrivalTime,InputTokens,OutputTokens\nq1,Llama3-8B,1,0,100,20\nq2,Llama3-8B,2,0.5,300,5\n'
    await user.upload(screen.getByLabelText('Import workload'), file(requests, 'requests.csv'))
    await waitFor(() => expect(store.getState().scenarioLabel).toBe('requests.csv'))
    expect(store.getState().scenario.mode).toBe('serving')
    expect(store.getState().scenario.tasks.map((t) => [t.inputTokens, t.outputTokens])).toEqual([
      [100, 20],
      [300, 5],
    ])
    store.getState().actions.setMode('reference')
    const jobs = 'Task,Workload,Memory,Weight,ArrivalTime,Phase,Tokens\nA,Qwen3,30,1,0,1,100\n'
    await user.upload(screen.getByLabelText('Import workload'), file(jobs, 'jobs.csv'))
    await waitFor(() => expect(store.getState().scenarioLabel).toBe('jobs.csv'))
    expect(store.getState().scenario.mode).toBe('reference')
  })

  it('the Scenario picker offers the three serving scenarios, which come whole and in Serving', async () => {
    const store = createAppStore()
    renderWithStore(<ScenarioBar />, store)
    const picker = screen.getByRole('combobox', { name: 'Scenario' })
    const group = picker.querySelector('optgroup[label="Serving"]')!
    expect([...group.querySelectorAll('option')].map((o) => o.textContent)).toEqual(['KV pressure: preemption thrash', 'Chunked prefill: TTFT vs TPOT', 'Two models on 16 GPUs'])
    await setupUser().selectOptions(picker, 'Two models on 16 GPUs')
    const s = store.getState()
    expect(s.scenarioLabel).toBe('Two models on 16 GPUs')
    expect(s.scenario.mode).toBe('serving')
    expect(s.scenario.cluster.name).toBe('h100_16gpu')
    expect(s.scenario.tasks).toHaveLength(600)
    expect(screen.getByRole('combobox', { name: 'Mode' })).toHaveValue('serving')
  })
})
