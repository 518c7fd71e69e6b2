// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react'
import { setupUser, type User } from '../helpers/user.ts'
import { describe, expect, it } from 'vitest'
import { ScenarioEditor } from '../../src/components/ScenarioEditor.tsx'
import { ServingSettings } from '../../src/components/ServingSettings.tsx'
import { prepareServing } from '../../src/engine/serving/prepare.ts'
import type { Scenario } from '../../src/engine/types.ts'
import { parseScenarioJson } from '../../src/engine/workloads/scenario-json.ts'
import { createAppStore } from '../../src/store/app-store.ts'
import { renderWithStore } from '../helpers/app.tsx'
import { prefill, readFixture, scenario } from '../helpers/scenario.ts'

const preemption = (): Scenario => parseScenarioJson(readFixture('serving/preemption.json'), 'preemption.json').scenario

function setup(sc: Scenario) {
  const store = createAppStore({ scenario: sc, scenarioLabel: 'preemption.json' })
  const user = setupUser()
  renderWithStore(<ServingSettings />, store)
  return { store, user, serving: () => store.getState().scenario.serving }
}

const poolRows = () =>
  within(screen.getByRole('table', { name: 'KV pool per replica' }))
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))
const apply = () => screen.getByRole('button', { name: 'Apply serving settings' })

async function retype(user: User, el: HTMLElement, text: string) {
  await user.clear(el)
  if (text !== '') await user.type(el, text)
}

describe('serving settings', () => {
  it("shows the scenario's deployment and each replica's KV pool as the engine computes it", () => {
    setup(preemption())
    expect(screen.getByRole('combobox', { name: 'Model of deployment 1' })).toHaveValue('Tiny-Pool')
    expect(screen.getByRole('textbox', { name: 'TP of deployment 1' })).toHaveValue('1')
    expect(screen.getByRole('textbox', { name: 'Replicas of deployment 1' })).toHaveValue('1')
    // 0.9 × 80 GB − 71.979 GB of weights = 21e6 bytes; a block of 16 tokens × 2 (K, V) × 16 layers
    // × 8 KV heads × 128 × 2 bytes = 1,048,576 bytes: 20 blocks, 320 tokens.
    expect(poolRows()).toEqual([['0', 'Tiny-Pool', '1', '0 (H100 SXM 80 GB)', '20', '320']])
    expect(screen.getByRole('textbox', { name: 'mfu' })).toHaveValue('0.5')
    expect(apply()).toBeDisabled()
  })

  it('shows the defaults as placeholders and the default placement when the scenario gives none', () => {
    const sc = scenario([prefill('a', 1), prefill('b', 1)], { mode: 'serving', cluster: 'h100_8gpu' })
    setup(sc)
    expect(screen.getByRole('textbox', { name: 'maxNumSeqs' })).toHaveAttribute('placeholder', '256')
    expect(screen.getByRole('textbox', { name: 'maxBatchedTokens' })).toHaveAttribute('placeholder', '8192')
    expect(screen.getByRole('textbox', { name: 'mfu' })).toHaveAttribute('placeholder', '0.44')
    expect(screen.getByRole('textbox', { name: 'iterationOverheadS' })).toHaveAttribute('placeholder', '0.0025')
    expect(screen.getByRole('textbox', { name: 'ttftS' })).toHaveAttribute('placeholder', '0.5')
    expect(screen.getByRole('textbox', { name: 'mfu' })).toHaveValue('')
    const engine = prepareServing(sc).replicas
    expect(engine).toHaveLength(8)
    // Llama3-8B: 0.9 × 80 GB less ~16.06 GB of weights, over 2 × 32 layers × 8 × 128 × 2 bytes × 16
    // tokens = 2,097,152 bytes a block: 26,674 blocks, 426,784 tokens on each of the 8 GPUs.
    expect(poolRows()[0]).toEqual(['0', 'Llama3-8B', '1', '0 (H100 SXM 80 GB)', '26,674', '426,784'])
    expect(poolRows()).toEqual(engine.map((r) => [String(r.index), 'Llama3-8B', '1', `${r.gpus[0]} (H100 SXM 80 GB)`, r.blocks.toLocaleString('en-US'), (r.blocks * 16).toLocaleString('en-US')]))
  })

  it('refuses replicas that do not fit with the reason on the field; the scenario keeps its settings', async () => {
    const { store, user, serving } = setup(preemption())
    const before = serving()
    const replicas = screen.getByRole('textbox', { name: 'Replicas of deployment 1' })
    await retype(user, replicas, '9')
    const message = 'deployments[0].replicas = 9: replica 9 of Tiny-Pool TP 1 does not fit: no GPU left in node 0, the one node it fits on'
    expect(replicas).toBeInvalid()
    expect(replicas).toHaveAccessibleDescription(message)
    expect(apply()).toBeDisabled()
    expect(serving()).toBe(before)
    await retype(user, replicas, '8')
    expect(replicas).toBeValid()
    expect(poolRows()).toHaveLength(8)
    expect(poolRows()[7]).toEqual(['7', 'Tiny-Pool', '1', '7 (H100 SXM 80 GB)', '20', '320'])
    await user.click(apply())
    expect(serving()!.deployments).toEqual([{ model: 'Tiny-Pool', tp: 1, replicas: 8 }])
    expect(serving()!.mfu).toBe(0.5)
    expect(store.getState().scenarioLabel).toBe('preemption.json (edited)')
    act(() => store.temporal.getState().undo())
    expect(serving()).toBe(before)
    expect(screen.getByRole('textbox', { name: 'Replicas of deployment 1' })).toHaveValue('1')
  })

  it("names the field and value of a bad knob, with the engine's reason", async () => {
    const { user } = setup(preemption())
    const mfu = screen.getByRole('textbox', { name: 'mfu' })
    await retype(user, mfu, '1.5')
    expect(mfu).toHaveAccessibleDescription('mfu = 1.5: must be in (0, 1]')
    await retype(user, mfu, 'fast')
    expect(mfu).toHaveAccessibleDescription('mfu = fast: must be a number')
    await retype(user, mfu, '')
    expect(mfu).toBeValid()
    // Less memory share: Tiny-Pool's 71.979 GB of weights no longer fit in 0.85 × 80 GB.
    await retype(user, screen.getByRole('textbox', { name: 'gpuMemoryUtilization' }), '0.85')
    expect(screen.getByRole('textbox', { name: 'TP of deployment 1' })).toHaveAccessibleDescription(
      "deployments[0].tp = 1: Tiny-Pool's weights need 71.98 GB per GPU at TP 1, over the 68 GB that gpuMemoryUtilization 0.85 leaves of a H100 SXM 80 GB",
    )
    expect(screen.getByRole('alert', { name: 'Serving settings problems' })).toHaveTextContent('deployments[0].tp = 1')
    expect(apply()).toBeDisabled()
  })

  it('sets an SLO with the other at its default', async () => {
    const { user, serving } = setup({ ...preemption(), serving: {} })
    await retype(user, screen.getByRole('textbox', { name: 'tpotS' }), '0.02')
    await user.click(apply())
    expect(serving()).toEqual({ slo: { ttftS: 0.5, tpotS: 0.02 } })
  })
})

describe('scenario editor', () => {
  it('has a Serving tab in serving mode only', () => {
    const store = createAppStore({ scenario: preemption() })
    renderWithStore(<ScenarioEditor />, store)
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['Tasks', 'Generate', 'Cluster & time', 'Serving'])
    act(() => store.getState().actions.setMode('exact'))
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['Tasks', 'Generate', 'Cluster & time'])
  })
})
