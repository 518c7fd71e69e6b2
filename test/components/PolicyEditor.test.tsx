// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react'
import { setupUser } from '../helpers/user.ts'
import { afterEach, describe, expect, it } from 'vitest'
import { App } from '../../src/components/App.tsx'
import { CONSENT_QUESTION } from '../../src/components/ConsentDialog.tsx'
import { POLICY_EXAMPLES } from '../../src/engine/policies/custom-examples.ts'
import { policies } from '../../src/engine/policies/registry.ts'
import { createAppStore, type AppStore, type StoreOptions } from '../../src/store/app-store.ts'
import { showCustomPolicies } from '../../src/store/page-policies.ts'
import { connectRunner } from '../../src/store/runner.ts'
import { DECLINED_NOTICE } from '../../src/store/slices/sharing.ts'
import { createInThreadClient } from '../../src/worker/sim-client.ts'
import { nextTask, renderWithStore, waitForRun } from '../helpers/app.tsx'
import { testPolicyCompiler } from '../helpers/policies.ts'
import { prefill, scenario } from '../helpers/scenario.ts'

let disconnect = () => {}
afterEach(() => {
  disconnect()
  showCustomPolicies([])
})

function app(options: StoreOptions = {}): AppStore {
  const store = createAppStore(options)
  disconnect = connectRunner(store, {
    createClient: (onEvent) => createInThreadClient(onEvent, { compilePolicies: testPolicyCompiler, defer: nextTask }),
    schedule: nextTask,
    debounceMs: 0,
  })
  renderWithStore(<App />, store)
  return store
}

const resultOf = (name: string) => {
  const row = within(screen.getByRole('table', { name: 'Results' })).getByRole('cell', { name }).closest('tr')!
  return within(row).getAllByRole('cell')[1]!.textContent
}

describe('the policy editor', () => {
  it('checks a key on sample tasks, adds it, and the policy runs beside the built-ins', async () => {
    const user = setupUser()
    const store = app()
    await waitForRun(store)
    await user.click(screen.getByRole('button', { name: 'Write a policy…' }))
    const dialog = screen.getByRole('dialog', { name: 'Policy editor' })
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Heavy')
    await user.click(within(dialog).getByRole('switch', { name: 'Higher first' }))
    const key = within(dialog).getByRole('textbox', { name: 'Key' })
    await user.clear(key)
    await user.type(key, 't.weight')
    await user.click(within(dialog).getByRole('button', { name: 'Check' }))
    // The sample tasks' weights are 1, 3, 0.5 and 2.
    expect(await within(dialog).findByRole('status')).toHaveTextContent('OK. Keys of four sample tasks: 1, 3, 0.5, 2. A static key: ranked once per task.')
    await user.click(within(dialog).getByRole('button', { name: 'Add' }))
    await waitFor(() => expect(store.getState().customPolicies).toEqual([{ name: 'Heavy', higherFirst: true, key: 't.weight' }]))
    expect(within(screen.getByRole('group', { name: 'Algorithms' })).getByRole('checkbox', { name: 'Heavy' })).toBeChecked()
    await waitFor(() => expect(store.getState().run.metrics.Heavy).toBeDefined(), { timeout: 30_000 })
    await waitForRun(store)
    // WeightedFIFO's key on the discriminating workload: 102 (FIFO 336).
    expect(resultOf('Heavy')).toBe('102.000')
    expect(resultOf('WeightedFIFO')).toBe('102.000')
    expect(resultOf('FIFO')).toBe('336.000')

    // Edit: renamed and turned lowest first; then removed.
    await user.click(within(dialog).getByRole('button', { name: 'Edit Heavy' }))
    const name = within(dialog).getByRole('textbox', { name: 'Name' })
    await user.clear(name)
    await user.type(name, 'Light')
    await user.click(within(dialog).getByRole('switch', { name: 'Higher first' }))
    await user.click(within(dialog).getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(store.getState().customPolicies).toEqual([{ name: 'Light', higherFirst: false, key: 't.weight' }]))
    expect(policies.has('Heavy')).toBe(false)
    await user.click(within(dialog).getByRole('button', { name: 'Remove Light' }))
    expect(store.getState().customPolicies).toEqual([])
    expect(within(screen.getByRole('group', { name: 'Algorithms' })).queryByRole('checkbox', { name: 'Light' })).toBeNull()
  })

  it('shows a problem with its line and marks it, and refuses a built-in’s name', async () => {
    const user = setupUser()
    const store = app()
    await user.click(screen.getByRole('button', { name: 'Write a policy…' }))
    const dialog = screen.getByRole('dialog', { name: 'Policy editor' })
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Oops')
    const key = within(dialog).getByRole('textbox', { name: 'Key' })
    await user.clear(key)
    await user.type(key, 'const k = 2{Enter}{Enter}return t.weight *')
    await user.click(within(dialog).getByRole('button', { name: 'Add' }))
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Line 3: syntax error: Unexpected token')
    expect(dialog.querySelector('.key-gutter .bad')).toHaveTextContent('3')
    expect(store.getState().customPolicies).toEqual([])

    const name = within(dialog).getByRole('textbox', { name: 'Name' })
    await user.clear(name)
    await user.type(name, 'FIFO')
    await user.click(within(dialog).getByRole('button', { name: 'Add' }))
    expect(await within(dialog).findByRole('alert')).toHaveTextContent("Name FIFO is a built-in policy's; choose another.")
  })

  it('offers the shipped examples', async () => {
    const user = setupUser()
    app()
    await user.click(screen.getByRole('button', { name: 'Write a policy…' }))
    const dialog = screen.getByRole('dialog', { name: 'Policy editor' })
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Example' }), POLICY_EXAMPLES[1]!.label)
    expect(within(dialog).getByRole('textbox', { name: 'Name' })).toHaveValue('Aging')
    expect(within(dialog).getByRole('switch', { name: 'Higher first' })).toBeChecked()
    expect(within(dialog).getByRole('textbox', { name: 'Key' })).toHaveValue(POLICY_EXAMPLES[1]!.key)
    await user.click(within(dialog).getByRole('button', { name: 'Check' }))
    // weight × (1 + 0.5 × waited): the samples waited 0, 1.5, 0 and 60 s.
    expect(await within(dialog).findByRole('status')).toHaveTextContent('Keys of four sample tasks: 1, 5.25, 0.5, 62. It reads waited or now: a moving key')
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog', { name: 'Policy editor' })).toBeNull()
  })

  it('shows a moving key’s values in the queue, worked out in the worker', async () => {
    // One GPU. X holds it 0–2 s; at 1.9 s L (weight 1) has waited 1.7 s, H (weight 1.5) 0.4 s.
    const s = scenario([prefill('X', 2), prefill('L', 1, { arrivalS: 0.2 }), prefill('H', 1, { arrivalS: 1.5, weight: 1.5 })], { cluster: 'h100:1', maxTimeS: Infinity })
    const aging = { ...POLICY_EXAMPLES[1]! }
    const store = app({ scenario: s, algorithms: ['FIFO', 'Aging'], customPolicies: [{ name: aging.name, higherFirst: aging.higherFirst, key: aging.key }] })
    await waitForRun(store)
    act(() => store.getState().actions.setFocus('Aging'))
    act(() => store.getState().actions.setStep(190))
    const queue = await screen.findByRole('table', { name: 'Queue ranked by Aging' })
    await waitFor(() => {
      const rows = within(queue).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))
      expect(rows.map((r) => [r[1]!.replace('next pick', ''), r[4]])).toEqual([
        ['L', '1.850'],
        ['H', '1.800'],
      ])
    })
  })
})

describe('a link with a policy written by someone else', () => {
  const s = scenario([prefill('a', 1), prefill('b', 2, { weight: 3 })], { cluster: 'h100:1', maxTimeS: Infinity })
  const theirs = { name: 'Theirs', higherFirst: true, key: 'return t.weight' }
  const offered = { policies: [theirs], algorithms: ['FIFO', 'Theirs'] }

  it('asks first, showing the code; running it adds it', async () => {
    const user = setupUser()
    const store = app({ scenario: s, algorithms: ['FIFO'], offeredPolicies: offered })
    const ask = screen.getByRole('alertdialog')
    expect(ask).toHaveTextContent(CONSENT_QUESTION)
    expect(within(ask).getByText('return t.weight')).toBeInTheDocument()
    expect(policies.has('Theirs')).toBe(false)
    await user.click(within(ask).getByRole('button', { name: 'Run it' }))
    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(store.getState().algorithms).toEqual(['FIFO', 'Theirs'])
    await waitFor(() => expect(store.getState().run.metrics.Theirs).toBeDefined(), { timeout: 30_000 })
    // b (weight 3, 2 s) first: 3 × 2 + 1 × 3 = 9; FIFO: 1 × 1 + 3 × 3 = 10.
    expect(store.getState().run.metrics.Theirs!.weighted_waiting_time).toBeCloseTo(9, 12)
    expect(store.getState().run.metrics.FIFO!.weighted_waiting_time).toBeCloseTo(10, 12)
  })

  it('declining opens the scenario without it, and says so', async () => {
    const user = setupUser()
    const store = app({ scenario: s, algorithms: ['FIFO'], offeredPolicies: offered })
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Open without it' }))
    expect(store.getState().customPolicies).toEqual([])
    expect(screen.getByText(DECLINED_NOTICE)).toBeInTheDocument()
  })
})
