// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react'
import { setupUser, type User } from '../helpers/user.ts'
import { describe, expect, it } from 'vitest'
import { GeneratorForm } from '../../src/components/GeneratorForm.tsx'
import { DEFAULT_SERVING_GENERATOR, generateServingWorkload, SERVING_PRESETS } from '../../src/engine/workloads/serving-generator.ts'
import { createAppStore } from '../../src/store/app-store.ts'
import { renderWithStore } from '../helpers/app.tsx'

function setup(prepare?: (store: ReturnType<typeof createAppStore>) => void) {
  const store = createAppStore()
  act(() => store.getState().actions.setMode('serving'))
  prepare?.(store)
  const user = setupUser()
  renderWithStore(<GeneratorForm />, store)
  return { store, user }
}

const generateButton = () => screen.getByRole('button', { name: 'Generate' })
async function retype(user: User, input: HTMLElement, text: string) {
  await user.clear(input)
  if (text !== '') await user.type(input, text)
  return input
}

describe('the Generate tab in serving mode', () => {
  it('generates the Chat preset’s requests, the engine’s for the same options, in serving mode, as one undo step', async () => {
    const { store, user } = setup()
    expect(screen.getByRole('form', { name: 'Request generator' })).toBeInTheDocument()
    expect(screen.getByLabelText('Preset')).toHaveValue('Chat')
    const before = store.getState().scenario
    await user.click(generateButton())
    const s = store.getState()
    expect(s.scenario.tasks).toEqual(generateServingWorkload(DEFAULT_SERVING_GENERATOR))
    expect(s.scenario.tasks).toHaveLength(200)
    expect(s.scenario.mode).toBe('serving')
    expect(s.scenarioLabel).toBe('generated (seed 42)')
    act(() => store.temporal.getState().undo())
    expect(store.getState().scenario).toBe(before)
  })

  it('fills the lengths and arrivals from a preset, and says Custom once they are edited', async () => {
    const { store, user } = setup()
    await user.selectOptions(screen.getByLabelText('Preset'), 'Reasoning')
    const output = screen.getByRole('group', { name: 'Output tokens' })
    expect(within(output).getByLabelText('Median')).toHaveValue('4000')
    expect(within(screen.getByRole('group', { name: 'Input tokens' })).getByLabelText('Median')).toHaveValue('200')
    await retype(user, screen.getByLabelText('Seed'), '7')
    await user.click(generateButton())
    const reasoning = SERVING_PRESETS.find((p) => p.name === 'Reasoning')!
    expect(store.getState().scenario.tasks).toEqual(
      generateServingWorkload({ ...DEFAULT_SERVING_GENERATOR, seed: 7, arrivals: reasoning.arrivals, inputTokens: reasoning.inputTokens, outputTokens: reasoning.outputTokens }),
    )
    await retype(user, within(output).getByLabelText('Median'), '3000')
    expect(screen.getByLabelText('Preset')).toHaveValue('Custom')
    await user.selectOptions(screen.getByLabelText('Preset'), 'Long-context RAG')
    expect(within(output).getByLabelText('Median')).toHaveValue('150')
  })

  it('names each bad field, keeps the text and blocks Generate until fixed', async () => {
    const { user } = setup()
    const input = screen.getByRole('group', { name: 'Input tokens' })
    await user.selectOptions(within(input).getByLabelText('Distribution'), 'fixed')
    const tokens = await retype(user, within(input).getByLabelText('Tokens'), '0')
    expect(tokens).toHaveValue('0')
    expect(tokens).toHaveAccessibleDescription('must be at least 1 token')
    const count = await retype(user, screen.getByLabelText('Request count'), 'x')
    expect(count).toHaveAccessibleDescription('must be a whole number from 1 to 1000000')
    expect(generateButton()).toBeDisabled()
    expect(screen.getByText('Fix the 2 marked fields to generate')).toBeInTheDocument()
    await retype(user, tokens, '500')
    await retype(user, count, '20')
    expect(generateButton()).toBeEnabled()
  })

  it('mixes models among the scenario’s deployed ones and the catalog’s', async () => {
    const { store, user } = setup((s) =>
      act(() => s.getState().actions.setScenario({ ...s.getState().scenario, serving: { deployments: [{ model: 'Qwen3-8B', tp: 1, replicas: 2 }] } }, 'test')),
    )
    expect(screen.getByLabelText('Model 1')).toHaveValue('Qwen3-8B')
    await user.click(screen.getByRole('button', { name: 'Add model' }))
    await user.selectOptions(screen.getByLabelText('Model 2'), 'Llama3-8B')
    await retype(user, screen.getByLabelText('Share of model 2'), '1')
    await user.click(generateButton())
    const tasks = store.getState().scenario.tasks
    expect(new Set(tasks.map((t) => t.model))).toEqual(new Set(['Qwen3-8B', 'Llama3-8B']))
    expect(tasks).toEqual(generateServingWorkload({ ...DEFAULT_SERVING_GENERATOR, models: [{ value: 'Qwen3-8B', share: 1 }, { value: 'Llama3-8B', share: 1 }] }))
  })
})
