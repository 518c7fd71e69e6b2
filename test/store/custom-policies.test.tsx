// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { CustomPolicySource } from '../../src/engine/policies/custom.ts'
import type { Scenario } from '../../src/engine/types.ts'
import { buildExport } from '../../src/components/exports.ts'
import { policies } from '../../src/engine/policies/registry.ts'
import { parseScenarioJson } from '../../src/engine/workloads/scenario-json.ts'
import { prepareScenario } from '../../src/engine/sim-task.ts'
import { runSimulation } from '../../src/engine/simulation.ts'
import { runPolicies } from '../../src/policy-code/run-policies.ts'
import { rankingFor } from '../../src/run-view/ranking.ts'
import { servingQueueAt } from '../../src/run-view/serving-queue.ts'
import { stepTimes } from '../../src/run-view/time.ts'
import { encodeScenarioHash, decodeScenarioHash } from '../../src/sharing/share-link.ts'
import { createAppStore, type AppStore } from '../../src/store/app-store.ts'
import { showCustomPolicies } from '../../src/store/page-policies.ts'
import { loadSaved, save, DEFAULT_VIEW, type KeyValueStore } from '../../src/store/persistence.ts'
import { connectRunner, WATCHDOG_MS } from '../../src/store/runner.ts'
import { DECLINED_NOTICE } from '../../src/store/slices/sharing.ts'
import { linkOptions } from '../../src/store/sync.ts'
import type { SimClient } from '../../src/worker/sim-client.ts'
import { createInThreadClient } from '../../src/worker/sim-client.ts'
import { nextTask, renderWithStore, waitForRun } from '../helpers/app.tsx'
import { act, screen } from '@testing-library/react'
import { mountTurnsPending } from '../../src/components/use-mount-turn.ts'
import type { ReactElement } from 'react'
import { QueuePanel } from '../../src/components/QueuePanel.tsx'
import { ServingQueuePanel } from '../../src/components/ServingQueuePanel.tsx'
import { testPolicyCompiler } from '../helpers/policies.ts'
import { prefill, readFixture, scenario } from '../helpers/scenario.ts'

const heaviest: CustomPolicySource = { name: 'Heaviest', higherFirst: true, key: 'return t.weight' }
const aged: CustomPolicySource = { name: 'Aged', higherFirst: true, key: 't.weight * (1 + 0.5 * t.waited)' }

let disconnect = () => {}
afterEach(() => {
  disconnect()
  // The app's registry is shared by every test file in this thread.
  showCustomPolicies([])
  vi.useRealTimers()
})

function connect(store: AppStore) {
  disconnect = connectRunner(store, {
    createClient: (onEvent) => createInThreadClient(onEvent, { compilePolicies: testPolicyCompiler, defer: nextTask }),
    schedule: nextTask,
    debounceMs: 0,
  })
}

/** A store running `scenario` with `algorithms` (the user's `customPolicies` among them), connected and run to the end. */
async function runStore(scenario: Scenario, algorithms: string[], customPolicies: CustomPolicySource[]): Promise<AppStore> {
  const store = createAppStore({ scenario, algorithms, customPolicies })
  connect(store)
  await waitForRun(store)
  return store
}

/** One GPU: X (2 s) at 0, L (1 s) at 0.2 s, H (1 s, weight 1.5) at 1.5 s; L and H wait for X. */
const xlh = () => scenario([prefill('X', 2), prefill('L', 1, { arrivalS: 0.2 }), prefill('H', 1, { arrivalS: 1.5, weight: 1.5 })], { cluster: 'h100:1', maxTimeS: Infinity })

const preemptionJson = () => parseScenarioJson(readFixture('serving/preemption.json'), 'preemption.json').scenario

/** Shows `panel` with the focus on `algorithm` and the cursor at `step`. */
/**
 * Renders `panel` at the step and runs animation frames by hand until its mount turn has come
 * (components/use-mount-turn.ts), so that what it shows before the worker answers can be read.
 */
function showAt(store: AppStore, algorithm: string, step: number, panel: ReactElement) {
  store.getState().actions.setFocus(algorithm)
  store.getState().actions.setStep(step)
  const frames: FrameRequestCallback[] = []
  vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f))
  vi.stubGlobal('cancelAnimationFrame', () => {})
  try {
    renderWithStore(panel, store)
    for (let k = 0; k < 10 && mountTurnsPending() > 0; k++) act(() => frames.splice(0).forEach((f) => f(0)))
  } finally {
    vi.unstubAllGlobals()
  }
  expect(mountTurnsPending()).toBe(0)
}

/** The text of each cell of each body row of a table. */
const bodyRows = (table: Element) => [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent))

const settle = async (store: AppStore) => {
  await new Promise((r) => setTimeout(r, 10))
  await waitForRun(store)
}

describe('policies written by the user, on the page', () => {
  it('are added to the registry and the run, and removed again; undo brings one back', async () => {
    const store = createAppStore()
    connect(store)
    await waitForRun(store)
    store.getState().actions.savePolicy(heaviest)
    expect(policies.names()).toEqual(['FIFO', 'WeightedFIFO', 'SRPT', 'WSRPT', 'Heaviest'])
    expect(policies.get('Heaviest').userCode).toBe(true)
    expect(store.getState().algorithms).toEqual(['FIFO', 'WeightedFIFO', 'SRPT', 'WSRPT', 'Heaviest'])
    await settle(store)
    const { run } = store.getState()
    // WeightedFIFO's key: the discriminating workload's 102 (FIFO: 336).
    expect(run.metrics.Heaviest!.weighted_waiting_time).toBeCloseTo(102, 9)
    expect(run.metrics.FIFO!.weighted_waiting_time).toBe(336)
    // Found static in the worker: ranked once, like a built-in; no questions to the worker.
    expect(run.prepared!.rankOrders.Heaviest).toBeDefined()
    expect(run.prepared!.remoteKeys).toBeUndefined()

    store.getState().actions.savePolicy({ ...heaviest, name: 'Lightest', higherFirst: false }, 'Heaviest')
    expect(policies.names().at(-1)).toBe('Lightest')
    expect(policies.has('Heaviest')).toBe(false)
    store.getState().actions.removePolicy('Lightest')
    expect(policies.has('Lightest')).toBe(false)
    expect(store.getState().algorithms).toEqual(['FIFO', 'WeightedFIFO', 'SRPT', 'WSRPT'])
    store.temporal.getState().undo()
    expect(store.getState().customPolicies.map((p) => p.name)).toEqual(['Lightest'])
    expect(policies.has('Lightest')).toBe(true)
  })

  it('rank a moving key in the worker for the queue, at the step shown', async () => {
    const s = xlh()
    const heavyNow: CustomPolicySource = { name: 'HeavyNow', higherFirst: true, key: 't.weight + 0 * t.now' }
    const store = await runStore(s, ['WeightedFIFO', 'Aged', 'HeavyNow'], [aged, heavyNow])
    const { run } = store.getState()
    const prepared = run.prepared!
    expect(prepared.remoteKeys).toBeDefined()
    // The engine's own run of the same key, compiled alike.
    const engine = runSimulation(prepareScenario(s), 'Aged', { policies: runPolicies(testPolicyCompiler([aged]), prepareScenario(s).tasks).lookup })
    expect(run.metrics.Aged).toEqual(engine.metrics)
    // At 1.9 s (step 190) L has waited 1.7 s (key 1.85), H 0.4 s (key 1.8): L before H.
    const aging = rankingFor(prepared, 'Aged', s.tasks, stepTimes(s))!
    const heavy = rankingFor(prepared, 'HeavyNow', s.tasks, stepTimes(s))!
    // Not known yet: queue order (L arrived first), and the worker is asked.
    expect(heavy.sort([2, 1], 190)).toEqual([1, 2])
    expect(aging.sort([2, 1], 190)).toEqual([1, 2])
    const before = run.keysVersion
    await vi.waitFor(() => expect(store.getState().run.keysVersion).toBe(before + 2))
    expect(aging.keyAt(1, 190)).toBeCloseTo(1 + 0.5 * 1.7, 12)
    expect(aging.keyAt(2, 190)).toBeCloseTo(1.5 * (1 + 0.5 * 0.4), 12)
    expect(aging.sort([2, 1], 190)).toEqual([1, 2])
    // Known: the heavier H (1.5) before L (1), against queue order.
    expect(heavy.keyAt(2, 190)).toBe(1.5)
    expect(heavy.sort([1, 2], 190)).toEqual([2, 1])
  })

  it('say in words where a moving key failed in the job queue, and rank those tasks last', async () => {
    // HeavyNow's key, but it throws for H between 1.85 s and 1.95 s: no pick happens then (X ends at 2 s).
    const s = xlh()
    const touchy: CustomPolicySource = { name: 'Touchy', higherFirst: true, key: 'if (t.now > 1.85 && t.now < 1.95 && t.weight > 1) throw new Error("not now")\nreturn t.weight + 0 * t.now' }
    const store = await runStore(s, ['WeightedFIFO', 'Touchy'], [touchy])
    expect(store.getState().run.metrics.Touchy).toEqual(store.getState().run.metrics.WeightedFIFO)
    showAt(store, 'Touchy', 190, <QueuePanel />)
    const note = await screen.findByRole('note')
    expect(note).toHaveTextContent('The key failed at t = 1.90 s for the tasks marked “failed” (listed last): policy Touchy, line 1: Error: not now')
    const rows = bodyRows(screen.getByRole('table', { name: 'Queue ranked by Touchy' }))
    expect(rows.map((r) => [r[0], r[4]])).toEqual([
      ['1', '1'],
      ['2', 'failed'],
    ])
    // At 2 s the key no longer throws: H, the heavier, is what the run started next.
    expect(rows.map((r) => r[1])).toEqual(['Lnext pick', 'Hstarts next'])
  })

  it('are in the exports, keyed by their name', async () => {
    // One GPU: a (1 s) and b (2 s, weight 3) at 0. Heaviest: b 0–2, a 2–3: 3 × 2 + 1 × 3 = 9.
    const s = scenario([prefill('a', 1), prefill('b', 2, { weight: 3 })], { cluster: 'h100:1', maxTimeS: Infinity })
    const store = await runStore(s, ['FIFO', 'Heaviest'], [heaviest])
    const results = JSON.parse(buildExport(store.getState(), 'results-json', 'x')!.text) as Record<string, { weighted_waiting_time: number }>
    expect(Object.keys(results)).toEqual(['test_FIFO', 'test_Heaviest'])
    expect(results.test_Heaviest!.weighted_waiting_time).toBeCloseTo(9, 12)
    expect(results.test_FIFO!.weighted_waiting_time).toBeCloseTo(1 + 3 * 3, 12)
    const trace = buildExport(store.getState(), 'trace-csv', 'x')!.text.trim().split('\n')
    expect(trace.filter((l) => l.startsWith('Heaviest,')).map((l) => l.split(',').slice(1, 2).concat(l.split(',').slice(5, 7)))).toEqual([
      ['a', '2', '3'],
      ['b', '0', '2'],
    ])
    // The scenario file keeps the policy, and reads back with it.
    const doc = parseScenarioJson(buildExport(store.getState(), 'scenario-json', 'x')!.text, 'x.json')
    expect(doc.policies).toEqual([heaviest])
    expect(doc.algorithms).toEqual(['FIFO', 'Heaviest'])
  })

  it('a run whose policy loops is stopped with its line', async () => {
    const loops: CustomPolicySource = { name: 'Stuck', higherFirst: false, key: 'let n = 0\nwhile (true) n++\nreturn n' }
    const store = createAppStore({ algorithms: ['FIFO', 'Stuck'], customPolicies: [loops] })
    connect(store)
    await vi.waitFor(() => expect(store.getState().run.status).toBe('error'), { timeout: 30_000 })
    expect(store.getState().run.error).toBe('policy Stuck, line 2: stopped after 1,000,000 steps for one task (an endless loop?). The run was stopped.')
  })

  it('the watchdog ends a worker that stops answering, and the next run gets a new one', () => {
    vi.useFakeTimers()
    const sent: string[] = []
    let made = 0
    const silent = (): SimClient => {
      made += 1
      return { send: (cmd) => void sent.push(cmd.type), inWorker: true, dispose: () => void sent.push('disposed') }
    }
    const store = createAppStore({ algorithms: ['FIFO', 'Aged'], customPolicies: [aged] })
    disconnect = connectRunner(store, { createClient: silent, later: (f) => f(), debounceMs: 0, watchdogMs: 5000 })
    expect(sent).toEqual(['run'])
    vi.advanceTimersByTime(4999)
    expect(store.getState().run.status).toBe('running')
    vi.advanceTimersByTime(1)
    expect(store.getState().run.status).toBe('error')
    expect(store.getState().run.error).toMatch(/^The simulation stopped answering for 5 s while running a policy written in the browser, so it was ended\./)
    expect(sent).toEqual(['run', 'disposed'])
    expect(made).toBe(2)
    // A run without user code is not watched: a slow worker is only slow.
    store.getState().actions.removePolicy('Aged')
    vi.advanceTimersByTime(1)
    expect(sent).toEqual(['run', 'disposed', 'cancel', 'run'])
    vi.advanceTimersByTime(10 * WATCHDOG_MS)
    expect(store.getState().run.status).toBe('running')
  })
})

describe('policies written by the user, in serving mode', () => {
  it('run in the worker: WeightedFIFO’s key gives its serving numbers exactly, preemptions included (preemption.json)', async () => {
    const store = await runStore(preemptionJson(), ['WeightedFIFO', 'Heaviest', 'Aged'], [heaviest, aged])
    const { run } = store.getState()
    expect(run.error).toBeNull()
    expect(run.servingMetrics.Heaviest).toEqual(run.servingMetrics.WeightedFIFO)
    // expected.json: WeightedFIFO preempts 21 times on preemption.json.
    expect(run.servingMetrics.Heaviest!.preemption_count).toBe(21)
    // A key that reads the waiting time is ranked at every look, and runs to the end too.
    expect(run.servingMetrics.Aged!.completed_count).toBe(5)
  })

  it('rank the queue in the worker, with the tokens a preempted request kept: as the built-in of the same key (preemption.json)', async () => {
    // WSRPT's serving key: weight / output tokens left (O − g), larger first.
    const dense: CustomPolicySource = { name: 'Dense', higherFirst: true, key: 't.weight / t.remaining' }
    const store = await runStore(preemptionJson(), ['WSRPT', 'Dense'], [dense])
    const { run } = store.getState()
    expect(run.servingMetrics.Dense).toEqual(run.servingMetrics.WSRPT)
    expect(run.servingMetrics.Dense!.preemption_count).toBe(5)
    // At t = 0.22 s (step 22) E (weight 1, 5 out) has just arrived; A (weight 1, 100 out) waits
    // again having kept 3 tokens, B (weight 5, 100 out) 7: keys 1/5, 5/93 and 1/97.
    const info = run.prepared!.serving!
    expect(servingQueueAt(run.timelines.WSRPT!, info, 0, 22, 0.22, policies.get('WSRPT'))).toEqual({
      head: [
        { request: 4, key: 0.2 },
        { request: 1, key: 5 / 93 },
        { request: 0, key: 1 / 97 },
      ],
      length: 3,
    })
    showAt(store, 'Dense', 22, <ServingQueuePanel />)
    // Asked of the worker: no order until it answers.
    expect(screen.getByText('Tiny-Pool: ranking at t = 0.22 s…')).toBeInTheDocument()
    expect(screen.queryByRole('table', { name: 'Tiny-Pool queue' })).toBeNull()
    const table = await screen.findByRole('table', { name: 'Tiny-Pool queue' })
    const rows = bodyRows(table)
    expect(rows).toEqual([
      ['1', 'E', '0.200'],
      ['2', 'B', '0.054'],
      ['3', 'A', '0.010'],
    ])
    expect(screen.getByText('Tiny-Pool: 3 waiting at t = 0.22 s')).toBeInTheDocument()
    // The worker's keys to the bit, equal to WSRPT's.
    const remote = store.getState().run.prepared!.remoteKeys!
    expect(remote.keysAt('Dense', 22, [4, 1, 0])).toEqual([0.2, 5 / 93, 1 / 97])
  })

  it('say in words where a key failed in the queue, and rank those requests last', async () => {
    // WeightedFIFO's key, but C (220 tokens) makes it throw at times on the 10 ms grid past 1 s:
    // never at the run's looks (its iterations end off the grid), so the run ends as WeightedFIFO's.
    const fussy: CustomPolicySource = {
      name: 'Fussy',
      higherFirst: true,
      key: 'if (t.now > 1 && Math.abs(t.now * 100 - Math.round(t.now * 100)) < 1e-6 && t.tokens === 220) throw new Error("not C")\nreturn t.weight',
    }
    const store = await runStore(preemptionJson(), ['WeightedFIFO', 'Fussy'], [fussy])
    const { run } = store.getState()
    expect(run.servingMetrics.Fussy).toEqual(run.servingMetrics.WeightedFIFO)
    // At 1.5 s A (kept 53 tokens), C and E wait, all of weight 1: queue order A, C, E.
    const info = run.prepared!.serving!
    expect(servingQueueAt(run.timelines.WeightedFIFO!, info, 0, 150, 1.5, policies.get('WeightedFIFO')).head.map((q) => q.request)).toEqual([0, 2, 4])
    showAt(store, 'Fussy', 150, <ServingQueuePanel />)
    const table = await screen.findByRole('table', { name: 'Tiny-Pool queue' })
    const rows = bodyRows(table)
    expect(rows).toEqual([
      ['1', 'A', '1'],
      ['2', 'E', '1'],
      ['3', 'C', 'failed'],
    ])
    expect(screen.getByRole('note')).toHaveTextContent('The key failed at t = 1.50 s for the requests marked “failed” (listed last): policy Fussy, line 1: Error: not C')
  })
})

describe('policies in links and saved state', () => {
  const s = scenario([prefill('a', 1), prefill('b', 2, { weight: 3 })], { cluster: 'h100_8gpu' })

  it('a link’s policy is offered, not run, until accepted; declining says so', () => {
    const hash = encodeScenarioHash(s, ['FIFO', 'Aged'], 'shared', [aged])!
    const opened = linkOptions(decodeScenarioHash(hash)!, [])
    expect(opened.algorithms).toEqual(['FIFO'])
    expect(opened.customPolicies).toBeUndefined()
    expect(opened.offeredPolicies).toEqual({ policies: [aged], algorithms: ['FIFO', 'Aged'] })

    const store = createAppStore(opened)
    expect(policies.has('Aged')).toBe(false)
    store.getState().actions.acceptPolicies()
    expect(store.getState().customPolicies).toEqual([aged])
    expect(store.getState().algorithms).toEqual(['FIFO', 'Aged'])
    expect(policies.has('Aged')).toBe(true)
    showCustomPolicies([])

    const other = createAppStore(opened)
    other.getState().actions.declinePolicies()
    expect(other.getState().customPolicies).toEqual([])
    expect(other.getState().algorithms).toEqual(['FIFO'])
    expect(other.getState().offeredPolicies).toBeNull()
    expect(other.getState().notice).toBe(DECLINED_NOTICE)
  })

  it('the user’s own policy, word for word, is not asked about again; a changed one is', () => {
    const hash = encodeScenarioHash(s, ['FIFO', 'Aged'], 'mine', [aged])!
    const shared = decodeScenarioHash(hash)!
    expect(linkOptions(shared, [aged])).toMatchObject({ algorithms: ['FIFO', 'Aged'], customPolicies: [aged] })
    expect(linkOptions(shared, [aged]).offeredPolicies).toBeUndefined()
    expect(linkOptions(shared, [{ ...aged, key: 't.weight' }]).offeredPolicies?.policies).toEqual([aged])
  })

  it('saved state keeps the policies and the focus on one', () => {
    const data: Record<string, string> = {}
    const storage: KeyValueStore = { getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v) }
    save(storage, { scenario: s, algorithms: ['SRPT', 'Aged'], customPolicies: [aged], label: 'kept', view: { ...DEFAULT_VIEW, focus: 'Aged' } })
    const { saved } = loadSaved(storage)
    expect(saved).toEqual({ scenario: s, algorithms: ['SRPT', 'Aged'], customPolicies: [aged], label: 'kept', view: { ...DEFAULT_VIEW, focus: 'Aged' } })
  })
})
