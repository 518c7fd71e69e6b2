// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react'
import { setupUser } from '../helpers/user.ts'
import { afterEach, describe, expect, it } from 'vitest'
import { DecisionLog } from '../../src/components/DecisionLog.tsx'
import { DivergencePanel } from '../../src/components/DivergencePanel.tsx'
import { PredictPanel } from '../../src/components/PredictPanel.tsx'
import { TeachBar } from '../../src/components/TeachBar.tsx'
import { teachingScenario } from '../../src/engine/workloads/scenarios.ts'
import { selectResultsHidden } from '../../src/store/slices/teaching.ts'
import { createTestStore, renderWithStore, waitForRun } from '../helpers/app.tsx'

let disconnect = () => {}
afterEach(() => disconnect())

async function setup(name?: string, focus?: string) {
  const t = createTestStore(name === undefined ? {} : { scenario: teachingScenario(name)!.scenario(), scenarioLabel: name })
  disconnect = t.disconnect
  if (focus !== undefined) act(() => t.store.getState().actions.setFocus(focus))
  renderWithStore(
    <>
      <TeachBar />
      <PredictPanel />
      <DivergencePanel />
      <DecisionLog />
    </>,
    t.store,
  )
  await waitForRun(t.store)
  return { store: t.store, user: setupUser() }
}

const prediction = () => screen.getByRole('region', { name: 'Prediction' })
const choices = () => within(prediction()).getAllByRole('button').filter((b) => b.classList.contains('predict-choice'))

describe('Predict next', () => {
  it('asks which task SRPT starts next on smith-rule, checks the answer against the run and says why', async () => {
    const { store, user } = await setup('smith-rule', 'SRPT')
    await user.click(screen.getByRole('button', { name: 'Predict next' }))
    expect(within(prediction()).getByRole('heading').textContent).toBe('Predict: which task does SRPT start next, at t = 0.00 s?')
    // Queue order (arrival, then input), never the policy's: A 4 s, B 1 s, C 2 s, D 3 s.
    expect(choices().map((b) => b.textContent)).toEqual([
      'Aarrived 0.00 s · weight 1 · work 4.00 s · TP 1',
      'Barrived 0.00 s · weight 1 · work 1.00 s · TP 1',
      'Carrived 0.00 s · weight 4 · work 2.00 s · TP 1',
      'Darrived 0.00 s · weight 9 · work 3.00 s · TP 1',
    ])
    // Until answered, the step's decisions and the results are hidden.
    expect(screen.getByRole('list', { name: 'Decision explanations' }).textContent).toBe('Hidden until you answer the prediction above.')
    expect(selectResultsHidden(store.getState())).toBe(true)

    await user.click(choices()[0]!)
    const answer = within(prediction()).getAllByRole('status')[0]!
    expect(answer.querySelector('.predict-wrong')?.textContent).toBe('Not this time: SRPT starts B, not A.')
    expect(answer.textContent).toContain('t = 0.00 s: 1 GPU free; SRPT starts B (1.00 s remaining, shortest in queue).')
    expect(answer.querySelector('.predict-ranking')?.textContent).toBe('SRPT’s order by remaining (s): B 1.00 s · C 2.00 s · D 3.00 s · A 4.00 s')
    expect(selectResultsHidden(store.getState())).toBe(false)
    expect(screen.getByRole('list', { name: 'Decision explanations' }).textContent).toContain('SRPT starts B')

    // The next start is at 1 s, when B completes: C (2 s) is the shortest of A, C, D.
    await user.click(within(prediction()).getByRole('button', { name: 'Next question' }))
    expect(store.getState().step).toBe(100)
    expect(choices().map((b) => b.textContent!.slice(0, 1))).toEqual(['A', 'C', 'D'])
    await user.click(choices()[1]!)
    expect(prediction().querySelector('.predict-right')?.textContent).toBe('Right: SRPT starts C.')
  })

  it('asks on which node where two nodes could hold the group, and explains best fit', async () => {
    // Discriminating on h100_16gpu (two nodes of 8) under FIFO: T_low_1 (TP 2) starts first.
    const { user } = await setup()
    await user.click(screen.getByRole('button', { name: 'Predict next' }))
    expect(choices()).toHaveLength(20)
    await user.click(within(prediction()).getByRole('button', { name: /^T_low_1/ }))
    expect(prediction().querySelector('.predict-right')?.textContent).toBe('Right: FIFO starts T_low_1.')
    await user.click(within(prediction()).getByRole('button', { name: 'Node 1 (8 free)' }))
    expect(prediction().querySelector('.predict-nodes .predict-wrong')?.textContent).toBe(
      'Not this time: node 0 (GPU 0, GPU 1). The engine places by best fit: the node with the fewest free GPUs that still holds a group of 2, which keeps whole nodes free for large groups; nodes 0 and 1 tie at 8 free, and ties go to the lower node.',
    )
  })

  it('shows work left and preemption in a preemptive run', async () => {
    // preemption: A(0, 8 s), B(1, 1 s), C(2, 1 s) on one GPU, preemptive SRPT.
    const { store, user } = await setup('preemption', 'SRPT')
    act(() => store.getState().actions.setStep(50))
    await user.click(screen.getByRole('button', { name: 'Predict next' }))
    expect(store.getState().step).toBe(100)
    await user.click(choices()[0]!)
    expect(prediction().textContent).toContain('To make room it preempts A: it waits again with the work left.')
    await user.click(within(prediction()).getByRole('button', { name: 'Next question' }))
    // At 2 s B is done, A has 7 s of its 8 left, C has just arrived with 1 s.
    expect(choices().map((b) => b.textContent)).toEqual(['Aarrived 0.00 s · weight 10 · work 7.00 s · TP 1', 'Carrived 2.00 s · weight 3 · work 1.00 s · TP 1'])
  })
})

describe('First divergence', () => {
  it('jumps to where FIFO and SRPT first differ on smith-rule and shows both queues with their reasons', async () => {
    const { store, user } = await setup('smith-rule')
    act(() => store.getState().actions.setStep(700))
    await user.selectOptions(screen.getByRole('combobox', { name: 'with' }), 'SRPT')
    await user.click(screen.getByRole('button', { name: 'First divergence' }))
    expect(store.getState().step).toBe(0)
    const panel = screen.getByRole('region', { name: 'First divergence' })
    expect(within(panel).getByRole('heading', { level: 3 }).textContent).toBe('First divergence of FIFO and SRPT: t = 0.00 s')
    const fifo = within(panel).getByRole('group', { name: 'FIFO at the divergence' })
    const srpt = within(panel).getByRole('group', { name: 'SRPT at the divergence' })
    expect(within(fifo).getByRole('heading').textContent).toBe('FIFO starts A')
    expect(fifo.textContent).toContain('t = 0.00 s: 1 GPU free; FIFO starts A (all 4 waiting arrived at 0.00 s; FIFO takes queue order).')
    expect(within(srpt).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Bremaining (s) 1', 'Cremaining (s) 2', 'Dremaining (s) 3', 'Aremaining (s) 4'])
    expect(srpt.querySelector('li.picked')?.textContent).toBe('Bremaining (s) 1')
    expect(store.getState().highlight).toEqual({ tasks: [0, 1], label: 'First divergence' })
  })
})
