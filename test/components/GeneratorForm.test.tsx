// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react'
import { setupUser, type User } from '../helpers/user.ts'
import { describe, expect, it } from 'vitest'
import { GeneratorForm } from '../../src/components/GeneratorForm.tsx'
import { DEFAULT_GENERATOR, generateWorkload } from '../../src/engine/workloads/generator.ts'
import { createAppStore } from '../../src/store/app-store.ts'
import { renderWithStore } from '../helpers/app.tsx'

function setup() {
  const store = createAppStore()
  const user = setupUser()
  const view = renderWithStore(<GeneratorForm />, store)
  return { store, user, view }
}

const generateButton = () => screen.getByRole('button', { name: 'Generate' })

async function retype(user: User, label: string | HTMLElement, text: string) {
  const input = typeof label === 'string' ? screen.getByLabelText(label) : label
  await user.clear(input)
  if (text !== '') await user.type(input, text)
  return input
}

describe('generator form', () => {
  it('Generate replaces the tasks with the workload the options describe, as one undo step', async () => {
    const { store, user } = setup()
    const before = store.getState().scenario
    await user.click(generateButton())
    const s = store.getState()
    expect(s.scenario.tasks).toEqual(generateWorkload(DEFAULT_GENERATOR))
    expect(s.scenario.name).toBe('generated')
    expect(s.scenarioLabel).toBe('generated (seed 42)')
    // The tasks change (and the horizon follows them: see workload-paths.test.tsx); the cluster stays.
    expect(s.scenario.cluster).toBe(before.cluster)
    act(() => store.temporal.getState().undo())
    expect(store.getState().scenario).toBe(before)
  })

  it('is deterministic: the same form and seed give the same tasks, another seed others', async () => {
    const { store, user } = setup()
    await retype(user, 'Task count', '300')
    await user.selectOptions(screen.getByLabelText('Arrival process'), 'bursts')
    await retype(user, 'Seed', '7')
    await user.click(generateButton())
    const first = store.getState().scenario.tasks
    expect(first).toHaveLength(300)
    await retype(user, 'Seed', '8')
    await user.click(generateButton())
    expect(store.getState().scenario.tasks).not.toEqual(first)
    await retype(user, 'Seed', '7')
    await user.click(generateButton())
    expect(store.getState().scenario.tasks).toEqual(first)
    expect(store.getState().scenarioLabel).toBe('generated (seed 7)')
  })

  it('checks every field as it is typed, keeps the text and blocks Generate until fixed', async () => {
    const { user } = setup()
    const rate = await retype(user, 'Rate (tasks/s)', 'abc')
    expect(rate).toHaveValue('abc')
    expect(rate).toBeInvalid()
    expect(rate).toHaveAccessibleDescription('must be a positive number')
    const count = await retype(user, 'Task count', '-3')
    expect(count).toHaveAccessibleDescription('must be a whole number from 1 to 1000000')
    expect(generateButton()).toBeDisabled()
    expect(screen.getByText('Fix the 2 marked fields to generate')).toBeInTheDocument()

    const prefill = screen.getByRole('group', { name: 'Prefill tokens' })
    await user.selectOptions(within(prefill).getByLabelText('Distribution'), 'uniform')
    await retype(user, within(prefill).getByLabelText('Min'), '500')
    const max = await retype(user, within(prefill).getByLabelText('Max'), '100')
    expect(max).toHaveAccessibleDescription('must be at least the minimum')

    const share = await retype(user, 'Prefill tasks (%)', '150')
    expect(share).toHaveAccessibleDescription('must be between 0 and 100')

    await retype(user, 'Rate (tasks/s)', '5')
    await retype(user, 'Task count', '50')
    await retype(user, max, '900')
    await retype(user, share, '100')
    expect(generateButton()).toBeEnabled()
  })

  it('"New seed" picks another whole-number seed, named in the scenario label', async () => {
    const { store, user } = setup()
    await user.click(screen.getByRole('button', { name: 'New seed' }))
    const seed = (screen.getByLabelText('Seed') as HTMLInputElement).value
    expect(seed).toMatch(/^\d+$/)
    await user.click(generateButton())
    expect(store.getState().scenarioLabel).toBe(`generated (seed ${seed})`)
    expect(store.getState().scenario.tasks).toEqual(generateWorkload({ ...DEFAULT_GENERATOR, seed: Number(seed) }))
  })

  it('keeps what was typed for a process while another one is picked', async () => {
    const { user } = setup()
    await retype(user, 'Rate (tasks/s)', '33')
    await user.selectOptions(screen.getByLabelText('Arrival process'), 'uniform')
    expect(screen.queryByLabelText('Rate (tasks/s)')).not.toBeInTheDocument()
    expect(screen.getByLabelText('To (s)')).toHaveValue('10')
    await user.selectOptions(screen.getByLabelText('Arrival process'), 'poisson')
    expect(screen.getByLabelText('Rate (tasks/s)')).toHaveValue('33')
  })

  it('edits weight classes and the model mix, with shares shown as percentages', async () => {
    const { store, user } = setup()
    await user.click(screen.getByRole('button', { name: 'Add weight class' }))
    expect(screen.getByLabelText('Weight of class 3')).toHaveValue('100')
    await user.click(screen.getByRole('button', { name: 'Remove weight class 1' }))
    await retype(user, 'Share of weight class 1', '1')
    await retype(user, 'Share of weight class 2', '1')
    await user.click(screen.getByRole('button', { name: 'Remove model 3' }))
    await user.click(screen.getByRole('button', { name: 'Remove model 2' }))
    expect(screen.getByRole('button', { name: 'Remove model 1' })).toBeDisabled()
    await user.selectOptions(screen.getByLabelText('Model 1'), 'Mistral-7B')
    await user.click(generateButton())
    const tasks = store.getState().scenario.tasks
    expect(new Set(tasks.map((t) => t.weight))).toEqual(new Set([10, 100]))
    expect(new Set(tasks.map((t) => t.model))).toEqual(new Set(['Mistral-7B']))
  })

  it('previews the workload it would generate: summary and histograms, updated as the form changes', async () => {
    const { user } = setup()
    const preview = screen.getByRole('region', { name: 'Preview' })
    expect(within(preview).getByText('Tasks').nextSibling).toHaveTextContent(/^200/)
    expect(within(preview).getByRole('img', { name: /^Histogram of arrival times: 200 tasks/ })).toBeInTheDocument()
    expect(within(preview).getByRole('img', { name: /Histogram of token counts/ }).querySelectorAll('rect').length).toBeGreaterThan(5)
    const expected = generateWorkload(DEFAULT_GENERATOR)
    const tens = expected.filter((t) => t.weight === 10).length / expected.length
    expect(preview).toHaveTextContent(`10: ${Number((100 * tens).toFixed(1))} %`)

    await retype(user, 'Task count', '1000')
    expect(await within(preview).findByRole('img', { name: /^Histogram of arrival times: 1,000 tasks/ })).toBeInTheDocument()
    expect(within(preview).getByText('Tasks').nextSibling).toHaveTextContent(/^1,000/)
  })

  it('keeps the form when it is unmounted and shown again (switching editor tabs)', async () => {
    const { store, user, view } = setup()
    await retype(user, 'Task count', '12x')
    view.unmount()
    renderWithStore(<GeneratorForm />, store)
    expect(screen.getByLabelText('Task count')).toHaveValue('12x')
  })
})
