// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { App } from '../../src/components/App.tsx'
import { createTestStore, renderWithStore, waitForRun } from '../helpers/app.tsx'
import { generatedServing, squeeze, squeezeFirstS } from '../helpers/serving.ts'
import { replicaAt } from '../../src/run-view/serving.ts'
import { BATCH_SHOWN } from '../../src/components/ServingQueuePanel.tsx'

let disconnect = () => {}
afterEach(() => disconnect())

const rows = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))

// The squeeze (test/helpers/serving.ts), dt = a tenth of the first iteration: A and B prefill
// in steps 0-9; at step 10 (the first iteration's end, t = 0.02887 s) A's first decode takes
// the free block (17 tokens: 2 blocks), so B's needs one more with none free: B, last in FIFO
// order, is itself the victim. C (arrived at 1 ms) keeps waiting.
async function start(algorithm: string) {
  const t = createTestStore({ scenario: squeeze(squeezeFirstS / 10), algorithms: [algorithm] })
  disconnect = t.disconnect
  renderWithStore(<App />, t.store)
  await waitForRun(t.store)
  return t.store
}

describe('serving queue and decisions panels', () => {
  it('list each model’s queue in the policy’s order with keys, and each replica’s batch (FIFO, step 11)', async () => {
    const store = await start('FIFO')
    act(() => store.getState().actions.setStep(11))
    const queue = screen.getByRole('region', { name: 'Queue' })
    expect(queue).toHaveTextContent('Tiny: 2 waiting at t = 0.03 s')
    // FIFO's key is the arrival: B (0, back after its preemption) before C (0.001).
    expect(rows(within(queue).getByRole('table', { name: 'Tiny queue' }))).toEqual([
      ['1', 'B', '0'],
      ['2', 'C', '0.001'],
    ])
    expect(queue).toHaveTextContent('Replica 0 (Tiny): batch of 1, 1 tokens this iteration')
    expect(rows(within(queue).getByRole('table', { name: 'Replica 0 batch' }))).toEqual([['A', 'decode', '1']])

    act(() => store.getState().actions.setStep(5))
    expect(rows(within(queue).getByRole('table', { name: 'Replica 0 batch' }))).toEqual([
      ['A', 'prefill', '16'],
      ['B', 'prefill', '16'],
    ])
    expect(rows(within(queue).getByRole('table', { name: 'Tiny queue' }))).toEqual([['1', 'C', '0.001']])
  })

  it('lists the first entries of a large batch and counts the rest, in a box of its own', async () => {
    // 60 requests arriving within 0.06 s on two replicas: batches of up to 30.
    const t = createTestStore({ scenario: generatedServing(11, 60, 1000), algorithms: ['FIFO'] })
    disconnect = t.disconnect
    renderWithStore(<App />, t.store)
    await waitForRun(t.store)
    const { run } = t.store.getState()
    const tl = run.timelines.FIFO!
    const info = run.prepared!.serving!
    let step = 0
    while (step < run.endStep && replicaAt(tl, info, 0, step).requests.length <= BATCH_SHOWN + 2) step++
    const batch = replicaAt(tl, info, 0, step)
    expect(batch.requests.length).toBeGreaterThan(BATCH_SHOWN + 2)
    act(() => t.store.getState().actions.setStep(step))
    const box = within(screen.getByRole('region', { name: 'Queue' })).getByRole('group', { name: 'Running batches' })
    expect(box).toHaveTextContent(`Replica 0 (Llama3-8B): batch of ${batch.requests.length}, `)
    expect(rows(within(box).getByRole('table', { name: 'Replica 0 batch' })).map((r) => r[0])).toEqual(batch.requests.slice(0, BATCH_SHOWN).map((q) => run.scenario.tasks[q]!.id))
    expect(box).toHaveTextContent(`and ${batch.requests.length - BATCH_SHOWN} more in the batch`)
  })

  it('ranks by the focused policy’s key: SRPT by output tokens left', async () => {
    const store = await start('SRPT')
    act(() => store.getState().actions.setStep(5))
    // C has 3 output tokens left (none generated).
    expect(rows(within(screen.getByRole('region', { name: 'Queue' })).getByRole('table', { name: 'Tiny queue' }))).toEqual([['1', 'C', '3']])
  })

  it('say each decision with its time and reason', async () => {
    const store = await start('FIFO')
    act(() => store.getState().actions.setStep(0))
    const log = within(screen.getByRole('region', { name: 'Decisions' })).getByRole('list', { name: 'Decision explanations' })
    expect(within(log).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      't = 0 s: A joins replica 0: head of the Tiny queue in FIFO order, with KV blocks free for its first chunk (1 still waiting)',
      't = 0 s: B joins replica 0: head of the Tiny queue in FIFO order, with KV blocks free for its first chunk (0 still waiting)',
    ])
    act(() => store.getState().actions.setStep(10))
    expect(within(log).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      't = 0.029 s: B is preempted on replica 0: ranked last in FIFO order among the running requests when it needed more KV blocks itself; its blocks are freed and it will recompute its tokens (1 generated so far)',
    ])
  })
})
