// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react'
import { setupUser, type User } from '../helpers/user.ts'
import { describe, expect, it } from 'vitest'
import { ServingSettings } from '../../src/components/ServingSettings.tsx'
import type { Scenario } from '../../src/engine/types.ts'
import { parseScenarioJson } from '../../src/engine/workloads/scenario-json.ts'
import { createAppStore } from '../../src/store/app-store.ts'
import { renderWithStore } from '../helpers/app.tsx'
import { readFixture } from '../helpers/scenario.ts'

/** preemption.json: one Tiny-Pool replica (its own model, 71.979 GB of weights) on h100_8gpu. */
const preemption = (): Scenario => parseScenarioJson(readFixture('serving/preemption.json'), 'preemption.json').scenario

function setup(sc: Scenario) {
  const store = createAppStore({ scenario: sc, scenarioLabel: 'preemption.json' })
  const user = setupUser()
  renderWithStore(<ServingSettings />, store)
  return { store, user }
}

const poolRows = () =>
  within(screen.getByRole('table', { name: 'KV pool per replica' }))
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))
const apply = () => screen.getByRole('button', { name: 'Apply serving settings' })
const box = (name: string) => screen.getByRole('textbox', { name })
const cells = () => within(screen.getByRole('figure', { name: 'GPU map' })).getAllByRole('img').map((c) => c.getAttribute('aria-label'))

async function retype(user: User, el: HTMLElement, text: string) {
  await user.clear(el)
  if (text !== '') await user.type(el, text)
}

describe('custom models in the serving editor', () => {
  it("shows the scenario's model by its fields; the KV pool follows an edit", async () => {
    const { user } = setup(preemption())
    expect(box('Name of model 1')).toHaveValue('Tiny-Pool')
    expect(box('kvHeads of model 1')).toHaveValue('8')
    expect(poolRows()).toEqual([['0', 'Tiny-Pool', '1', '0 (H100 SXM 80 GB)', '20', '320']])
    // 2 × 16 layers × 8 KV heads × 128 × 2 bytes × 16 tokens = 1,048,576 bytes a block;
    // 72e9 − 71.9e9 = 100e6 bytes left: floor(100e6 / 1,048,576) = 95 blocks, 1,520 tokens.
    await retype(user, box('weightsGB of model 1'), '71.9')
    expect(poolRows()).toEqual([['0', 'Tiny-Pool', '1', '0 (H100 SXM 80 GB)', '95', '1,520']])
  })

  it('names the field and value of a bad figure, and keeps the scenario', async () => {
    const { store, user } = setup(preemption())
    const before = store.getState().scenario.models
    await retype(user, box('kvHeads of model 1'), '0')
    expect(box('kvHeads of model 1')).toHaveAccessibleDescription('models[0].kvHeads = 0: must be a whole number >= 1')
    await retype(user, box('kvHeads of model 1'), 'eight')
    expect(box('kvHeads of model 1')).toHaveAccessibleDescription('models[0].kvHeads = eight: must be a whole number >= 1')
    await retype(user, box('weightsGB of model 1'), '')
    expect(box('weightsGB of model 1')).toHaveAccessibleDescription('models[0].weightsGB (empty): must be a number > 0')
    await retype(user, box('Name of model 1'), '')
    expect(box('Name of model 1')).toHaveAccessibleDescription('models[0].name (empty): must be a non-empty string')
    expect(apply()).toBeDisabled()
    expect(store.getState().scenario.models).toBe(before)
  })

  it('adds a model, deploys it, applies both as one undo step', async () => {
    const { store, user } = setup(preemption())
    await user.click(screen.getByRole('button', { name: 'Add model' }))
    expect(box('Name of model 2')).toHaveValue('Custom-1')
    const figures = { layers: '10', hidden: '2048', heads: '16', kvHeads: '4', headDim: '64', activeParamsB: '1', weightsGB: '2' }
    await retype(user, box('Name of model 2'), 'WhatIf-2B')
    for (const [f, v] of Object.entries(figures)) await retype(user, box(`${f} of model 2`), v)
    await user.click(screen.getByRole('button', { name: 'Add deployment' }))
    await retype(user, screen.getByRole('combobox', { name: 'Model of deployment 2' }), 'WhatIf-2B')
    await retype(user, box('TP of deployment 2'), '2')
    // 2 × 10 × (4 / 2) × 64 × 2 = 5,120 bytes a token per GPU; 0.9 × 80e9 − 2e9 / 2 = 71e9 bytes
    // left: floor(71e9 / (16 × 5,120)) = 866,699 blocks, 13,867,184 tokens.
    expect(poolRows()[1]).toEqual(['1', 'WhatIf-2B', '2', '1, 2 (H100 SXM 80 GB)', '866,699', '13,867,184'])
    expect(cells().slice(0, 4)).toEqual(['GPU 0: replica 0, Tiny-Pool TP 1', 'GPU 1: replica 1, WhatIf-2B TP 2', 'GPU 2: replica 1, WhatIf-2B TP 2', 'GPU 3: free'])
    const before = store.getState().scenario
    await user.click(apply())
    const after = store.getState().scenario
    expect(after.models!.map((m) => m.name)).toEqual(['Tiny-Pool', 'WhatIf-2B'])
    expect(after.models![1]).toEqual({ name: 'WhatIf-2B', layers: 10, hidden: 2048, heads: 16, kvHeads: 4, headDim: 64, activeParamsB: 1, weightsGB: 2 })
    expect(after.serving!.deployments).toEqual([{ model: 'Tiny-Pool', tp: 1, replicas: 1 }, { model: 'WhatIf-2B', tp: 2, replicas: 1 }])
    act(() => store.temporal.getState().undo())
    expect(store.getState().scenario).toEqual(before)
    expect(screen.queryByRole('textbox', { name: 'Name of model 2' })).toBeNull()
  })

  it('removing a deployed model refuses the deployment by name', async () => {
    const { user } = setup(preemption())
    await user.click(screen.getByRole('button', { name: 'Remove model 1' }))
    expect(screen.getByRole('combobox', { name: 'Model of deployment 1' })).toHaveAccessibleDescription(
      "deployments[0].model = Tiny-Pool: unknown model: define it in the scenario's models, or use a catalog model",
    )
    expect(apply()).toBeDisabled()
  })
})

describe('the GPU map', () => {
  it('shows each replica on its GPUs and the refusal of what does not fit', async () => {
    const { user } = setup(preemption())
    expect(cells()).toEqual(['GPU 0: replica 0, Tiny-Pool TP 1', ...[1, 2, 3, 4, 5, 6, 7].map((g) => `GPU ${g}: free`)])
    await retype(user, box('Replicas of deployment 1'), '9')
    // Tiny-Pool fits one per GPU: eight placed, the ninth refused in the engine's words.
    expect(cells()).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((g) => `GPU ${g}: replica ${g}, Tiny-Pool TP 1`))
    const legend = within(screen.getByRole('list', { name: 'Deployments on the GPU map' })).getAllByRole('listitem')
    expect(legend.map((l) => l.textContent)).toEqual([
      'Tiny-Pool TP 1: 8 of 9 replicas placed — refused: replica 9 of Tiny-Pool TP 1 does not fit: no GPU left in node 0, the one node it fits on',
    ])
    expect(screen.getByRole('group', { name: 'Node 0, H100 SXM 80 GB' })).toBeInTheDocument()
  })
})

describe('the step-time defaults', () => {
  it("shows the all-reduce bus bandwidth, its GPU type's default when empty, and refuses a bad one", async () => {
    const { store, user } = setup(preemption())
    const bus = box('allReduceBusGBs')
    expect(bus).toHaveValue('360')
    await retype(user, bus, '-1')
    expect(bus).toHaveAccessibleDescription('allReduceBusGBs = -1: must be a positive number of GB/s')
    expect(apply()).toBeDisabled()
    await retype(user, bus, '')
    // H100 SXM: NVLink4, 900 GB/s both ways: 450 GB/s of all-reduce bus bandwidth.
    expect(bus).toHaveAttribute('placeholder', '450')
    await user.click(apply())
    expect(store.getState().scenario.serving!.allReduceBusGBs).toBeUndefined()
    expect(store.getState().scenario.serving!.mfu).toBe(0.5)
  })
})
