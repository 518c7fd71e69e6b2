// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/cli.ts'
import { App } from '../../src/components/App.tsx'
import { policies, type Registration } from '../../src/engine/policies/registry.ts'
import { runSimulation } from '../../src/engine/simulation.ts'
import { discriminatingWorkload } from '../../src/engine/workloads/presets.ts'
import { formatScenarioJson, parseScenarioJson } from '../../src/engine/workloads/scenario-json.ts'
import { decodeScenarioHash, encodeScenarioHash } from '../../src/sharing/share-link.ts'
import { createSimHandler } from '../../src/worker/handler.ts'
import type { WorkerEvent } from '../../src/worker/protocol.ts'
import { aging } from '../fixtures/policies/aging.ts'
import { edf } from '../fixtures/policies/edf.ts'
import { createTestStore, renderWithStore, waitForRun } from '../helpers/app.tsx'
import { prefill, scenario } from '../helpers/scenario.ts'

// A policy is registered at run time, as a fifth built-in would be at start-up (one file and
// one line, docs/adding-a-policy.md); nothing else knows of it. With isolate off, every
// registration is disposed after its test.
let registered: Registration[] = []
let disconnect = () => {}
afterEach(() => {
  disconnect()
  for (const r of registered) r.dispose()
  registered = []
})

// One GPU. X holds it 0–1 s; then A (deadline 0.1 + 3), B (0.5 + 2) and C (0.9 + 1.8) wait.
// FIFO takes A, SRPT would take C, EDF takes B (2.5), then C (2.7), then A (3.1).
const s = scenario(
  [prefill('X', 1), prefill('A', 3, { arrivalS: 0.1 }), prefill('B', 2, { arrivalS: 0.5 }), prefill('C', 1.8, { arrivalS: 0.9 })],
  { cluster: 'h100:1', maxTimeS: Infinity },
)

function cli(argv: string[]) {
  let out = ''
  const written: Record<string, string> = {}
  const code = runCli(argv, { out: (t) => (out += t), err: (t) => (out += t), readFile: () => '', writeFile: (p, t) => (written[p] = t), outputProblem: () => undefined })
  return { code, out, written }
}

describe('a policy registered at run time', () => {
  it('runs in the engine and in the worker handler', () => {
    registered.push(policies.register(edf))
    expect(runSimulation(s, 'EDF').tasks.map((t) => t.completionS)).toEqual([1, 7.8, 3, 4.8])
    expect(runSimulation(s, 'FIFO').tasks.map((t) => t.completionS)).toEqual([1, 4, 6, 7.8])

    const events: WorkerEvent[] = []
    let clock = 0
    const handle = createSimHandler((e) => events.push(e), { chunkMs: 4, now: () => (clock += 1) })
    handle({ type: 'run', runId: 1, scenario: s, algorithms: ['FIFO', 'EDF'] })
    while (!events.some((e) => e.type === 'done')) handle({ type: 'ack', runId: 1 })
    const prepared = events[0] as Extract<WorkerEvent, { type: 'prepared' }>
    // Deadlines 1, 3.1, 2.5, 2.7: X, B, C, A.
    expect(Array.from(prepared.rankOrders.EDF!)).toEqual([0, 2, 3, 1])
    expect(Array.from(prepared.keys.EDF!)).toEqual([1, 3.1, 2.5, 2.7])
    const done = events.find((e) => e.type === 'done') as Extract<WorkerEvent, { type: 'done' }>
    expect(done.metrics.EDF).toEqual(runSimulation(s, 'EDF').metrics)
    expect(done.metrics.EDF!.weighted_waiting_time).toBeCloseTo(1 + 7.7 + 2.5 + 3.9, 12)
  })

  it('is in the CLI help and --algorithms, with its explanation, and keys its results', () => {
    registered.push(policies.register(edf))
    const help = cli(['--help']).out
    expect(help).toContain("Runs FIFO, WeightedFIFO, SRPT, WSRPT and EDF on a workload and prints the reference's table.")
    expect(help).toContain('any of FIFO WeightedFIFO SRPT WSRPT EDF (default: all five)')
    expect(help).toContain('  EDF                    Earliest deadline first: arrival plus one second per 1,000 tokens.')
    const { code, written } = cli(['--workload', 'discriminating', '--algorithms', 'EDF,FIFO', '--output', 'o.json'])
    expect(code).toBe(0)
    const results = JSON.parse(written['o.json']!) as Record<string, { weighted_waiting_time: number }>
    expect(Object.keys(results)).toEqual(['discriminating_EDF', 'discriminating_FIFO'])
    expect(results.discriminating_EDF).toEqual(runSimulation(scenario(discriminatingWorkload()), 'EDF').metrics)
  })

  it('is kept in scenario files and links while registered, and refused by name once gone', () => {
    const reg = policies.register(edf)
    const json = formatScenarioJson(s, ['FIFO', 'EDF'])
    expect(parseScenarioJson(json, 'file').algorithms).toEqual(['FIFO', 'EDF'])
    expect(decodeScenarioHash(encodeScenarioHash(s, ['EDF'], 'edf demo')!)!.algorithms).toEqual(['EDF'])
    reg.dispose()
    expect(() => parseScenarioJson(json, 'file')).toThrow(/algorithms\[1\].*unknown algorithm \(known: FIFO, WeightedFIFO, SRPT, WSRPT\)/)
  })

  it('appears in the app: the algorithm list with its colour and explanation, the results, the queue and the decisions', async () => {
    registered.push(policies.register(edf))
    const t = createTestStore({ scenario: s, scenarioLabel: 'edf' })
    disconnect = t.disconnect
    renderWithStore(<App />, t.store)
    const list = screen.getByRole('group', { name: 'Algorithms' })
    const box = within(list).getByRole('checkbox', { name: 'EDF' })
    expect(box).toBeChecked()
    // No colour given: the registry's first spare one.
    const chip = box.closest('label')!
    expect(chip.querySelector<HTMLElement>('.swatch')!.style.background).toBe('rgb(37, 99, 235)')
    expect(chip).toHaveAttribute('title', 'Earliest deadline first: Earliest deadline first: arrival plus one second per 1,000 tokens.')
    await waitForRun(t.store)
    const results = screen.getByRole('table', { name: 'Results' })
    const row = within(results).getByRole('cell', { name: 'EDF' })
    expect(row.style.borderLeftColor).toBe('rgb(37, 99, 235)')
    expect(within(row.closest('tr')!).getAllByRole('cell')[1]).toHaveTextContent((1 + 7.7 + 2.5 + 3.9).toFixed(3))
    // At 1 s X is done and EDF starts B, the earliest deadline; C and A wait in deadline order.
    act(() => t.store.getState().actions.setFocus('EDF'))
    act(() => t.store.getState().actions.setStep(100))
    await waitFor(() => expect(screen.getByRole('list', { name: 'Decision explanations' })).toHaveTextContent('t = 1.00 s: 1 GPU free; EDF starts B (deadline 2.50 s, earliest in queue).'))
    const queue = screen.getByRole('table', { name: 'Queue ranked by EDF' })
    expect(within(queue).getByRole('columnheader', { name: 'deadline (s)' })).toHaveAttribute('title', edf.summary)
    const rows = within(queue).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))
    expect(rows.map((r) => [r[1]!.replace('next pick', ''), r[4]])).toEqual([
      ['C', '2.700'],
      ['A', '3.100'],
    ])
  })

  it('whose key moves while tasks wait is ranked at the step shown, in the engine and on the page', async () => {
    registered.push(policies.register(aging))
    // One GPU. X holds it 0–2 s; L (weight 1) waits from 0.2 s, H (weight 1.5) from 1.5 s.
    // At 2 s L has aged to 2.8 and H to 2.0: L goes first, although H is heavier.
    const aged = scenario([prefill('X', 2), prefill('L', 1, { arrivalS: 0.2 }), prefill('H', 1, { arrivalS: 1.5, weight: 1.5 })], {
      cluster: 'h100:1',
      maxTimeS: Infinity,
    })
    expect(runSimulation(aged, 'Aging').tasks.map((t) => t.completionS)).toEqual([2, 3, 4])
    expect(runSimulation(aged, 'WeightedFIFO').tasks.map((t) => t.completionS)).toEqual([2, 4, 3])
    const t = createTestStore({ scenario: aged, scenarioLabel: 'aging', algorithms: ['WeightedFIFO', 'Aging'], focus: 'Aging' })
    disconnect = t.disconnect
    renderWithStore(<App />, t.store)
    await waitForRun(t.store)
    expect(t.store.getState().run.prepared!.rankOrders.Aging).toBeUndefined()
    const keysAt = (step: number) => {
      act(() => t.store.getState().actions.setStep(step))
      const queue = screen.getByRole('table', { name: 'Queue ranked by Aging' })
      return within(queue).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent)).map((r) => [r[1]!.replace('next pick', ''), r[4]])
    }
    // The keys at 1.5 s and at 1.9 s: each task's weight plus what it has waited by then.
    expect(keysAt(150)).toEqual([
      ['L', '2.300'],
      ['H', '1.500'],
    ])
    expect(keysAt(190)).toEqual([
      ['L', '2.700'],
      ['H', '1.900'],
    ])
    act(() => t.store.getState().actions.setStep(200))
    await waitFor(() =>
      expect(screen.getByRole('list', { name: 'Decision explanations' })).toHaveTextContent('t = 2.00 s: 1 GPU free; Aging starts L (weight + waited 2.800, highest in queue).'),
    )
  })
})
