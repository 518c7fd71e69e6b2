import { afterEach, describe, expect, it, vi } from 'vitest'
import { presetCluster } from '../../src/engine/catalog/clusters.ts'
import { DEFAULT_GENERATOR, generateWorkload } from '../../src/engine/workloads/generator.ts'
import { createAppStore } from '../../src/store/app-store.ts'
import { STORAGE_KEY, type KeyValueStore } from '../../src/store/persistence.ts'
import { encodeScenarioHash } from '../../src/sharing/share-link.ts'
import { formatScenarioJson } from '../../src/engine/workloads/scenario-json.ts'
import { bootOptions, connectSync, openLink, QUICK_LINK_TASKS } from '../../src/store/sync.ts'
import type { ScenarioEncoder } from '../../src/worker/encode-client.ts'
import { prefill, scenario } from '../helpers/scenario.ts'

// Polled every 5 ms, not vi.waitFor's 50: the saves it waits on come within a few milliseconds.
const POLL = { interval: 5 }

/**
 * Encodes at once (a promise already settled): with the timers faked, everything the sync does
 * then runs within vi.runAllTimersAsync, so "nothing happened" is checked after all of it, not
 * after a wait that a slow machine might outlast. Any valid encoding will do: tests decode it.
 */
const encodeNow: ScenarioEncoder = (s, algorithms, label, custom = []) =>
  Promise.resolve({ stored: { json: formatScenarioJson(s, algorithms, 0, custom) }, hash: encodeScenarioHash(s, algorithms, label, custom) })

/** Fakes the timers the sync waits on (its debounce, and idle time where there is no requestIdleCallback). */
const fakeTimers = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
/** Runs all the sync's pending work: timers, and the promises between them. */
const settle = () => vi.runAllTimersAsync()

afterEach(() => {
  vi.useRealTimers()
})

function memory(): KeyValueStore & { data: Record<string, string> } {
  const data: Record<string, string> = {}
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v) }
}

describe('boot and sync', () => {
  it('a link wins over saved state; saved state over the default', async () => {
    const s = scenario([prefill('a', 1)], { cluster: 'h100_8gpu' })
    const storage = memory()
    const store = createAppStore({ scenario: s, scenarioLabel: 'mine', algorithms: ['SRPT'] })
    let hash: string | null = null
    const stop = connectSync(store, { storage, replaceHash: (h) => (hash = h) })
    await vi.waitFor(() => expect(storage.data[STORAGE_KEY]).toBeDefined(), POLL)
    stop()
    expect(hash).toMatch(/^#s=1\./)
    expect(storage.data[STORAGE_KEY]).toBeDefined()
    // A fresh browser with only the link.
    expect(bootOptions(hash!, null)).toMatchObject({ scenario: s, algorithms: ['SRPT'], scenarioLabel: 'mine' })
    // The same browser without a link: what it saved.
    expect(bootOptions('', storage)).toMatchObject({ scenario: s, algorithms: ['SRPT'], scenarioLabel: 'mine', colorBy: 'weight' })
    // A link to another scenario wins.
    const other = encodeScenarioHash(scenario([prefill('z', 2)]), ['FIFO'], 'other')!
    expect(bootOptions(other, storage).scenarioLabel).toBe('other')
    expect(bootOptions('', memory())).toEqual({})
  })

  it('a link pasted into an open tab opens its scenario; a malformed one keeps the scenario shown, worded as at boot', () => {
    const store = createAppStore()
    const before = store.getState().scenario
    openLink(store, '#s=1.garbage')
    expect(store.getState().scenario).toBe(before)
    // Not "This link could not be opened: link: link: is damaged ...".
    expect(store.getState().notice).toBe('This link could not be opened: it is damaged (it may have been cut short when copied). The scenario shown stays.')
    openLink(store, '#s=9.abc')
    expect(store.getState().notice).toBe(
      'This link could not be opened: it was made by another version of SchedScope (link format 9, this one reads 1). The scenario shown stays.',
    )
    const s = scenario([prefill('a', 1)], { cluster: 'h100_8gpu' })
    openLink(store, encodeScenarioHash(s, ['SRPT'], 'pasted')!)
    expect(store.getState()).toMatchObject({ scenario: s, algorithms: ['SRPT'], scenarioLabel: 'pasted' })
  })

  it('a link and the saved state carry the preemptive option', async () => {
    const s = scenario([prefill('a', 8), prefill('b', 1, { arrivalS: 1 })], { cluster: 'h100:1', preemptive: true })
    const storage = memory()
    const store = createAppStore({ scenario: s, scenarioLabel: 'pre' })
    let hash: string | null = null
    const stop = connectSync(store, { storage, replaceHash: (h) => (hash = h) })
    await vi.waitFor(() => expect(storage.data[STORAGE_KEY]).toBeDefined(), POLL)
    stop()
    expect(bootOptions(hash!, null).scenario?.preemptive).toBe(true)
    expect(bootOptions('', storage).scenario?.preemptive).toBe(true)
  })

  it('a link’s policy not yet answered keeps the address and the saved state as they were; answering writes them', async () => {
    const s = scenario([prefill('a', 1), prefill('b', 2, { weight: 3 })], { cluster: 'h100_8gpu' })
    const theirs = { name: 'Theirs', higherFirst: true, key: 'return t.weight' }
    const link = encodeScenarioHash(s, ['FIFO', 'Theirs'], 'shared', [theirs])!
    const opened = bootOptions(link, null)
    expect(opened.offeredPolicies?.policies).toEqual([theirs])
    const storage = memory()
    const store = createAppStore(opened)
    const hashes: (string | null)[] = []
    fakeTimers()
    const stop = connectSync(store, { storage, replaceHash: (h) => hashes.push(h), encode: encodeNow }, 0)
    await settle()
    // A reload now reopens the link, so the policy is offered again rather than lost unasked.
    expect(hashes).toEqual([])
    expect(storage.data[STORAGE_KEY]).toBeUndefined()
    store.getState().actions.declinePolicies()
    await settle()
    expect(storage.data[STORAGE_KEY]).toBeDefined()
    stop()
    const after = bootOptions(hashes.at(-1)!, null)
    expect(after.offeredPolicies).toBeUndefined()
    expect(after.algorithms).toEqual(['FIFO'])
  })

  it('a malformed link falls back to the default scenario with a clear notice', () => {
    const boot = bootOptions('#s=1.garbage', memory())
    expect(boot.scenario).toBeUndefined()
    expect(boot.notice).toBe('This link could not be opened: it is damaged (it may have been cut short when copied). Showing the default scenario instead.')
    expect(bootOptions('#s=7.abc', null).notice).toMatch(/another version of SchedScope/)
  })

  it('updates the link and the saved state as the user edits, and says when the scenario is too large', async () => {
    const storage = memory()
    const store = createAppStore()
    const hashes: (string | null)[] = []
    const stop = connectSync(store, { storage, replaceHash: (h) => hashes.push(h) }, 0)
    store.getState().actions.setCluster(presetCluster('h100_32gpu')!)
    // Writing is debounced and saving runs in its own task: wait for both, however slow the machine.
    await vi.waitFor(() => expect(bootOptions('', storage).scenario!.cluster.name).toBe('h100_32gpu'), POLL)
    expect(bootOptions(hashes[hashes.length - 1]!, null).scenario!.cluster.name).toBe('h100_32gpu')
    // A view setting is saved, but the link (the same) is not put in the address again.
    const written = hashes.length
    store.getState().actions.setColorBy('model')
    await vi.waitFor(() => expect(bootOptions('', storage).colorBy).toBe('model'), POLL)
    expect(hashes).toHaveLength(written)
    store.getState().actions.setScenario({ ...store.getState().scenario, tasks: generateWorkload({ ...DEFAULT_GENERATOR, count: 20_000 }) }, 'huge')
    await vi.waitFor(() => expect(hashes[hashes.length - 1]).toBeNull(), { ...POLL, timeout: 30_000 })
    expect(store.getState().linkStatus).toBe('too-large')
    stop()
  })

  it('keeps what the latest edit encodes when an older encoding finishes last', async () => {
    const storage = memory()
    const store = createAppStore()
    const hashes: (string | null)[] = []
    const waiting: { label: string; finish: () => void }[] = []
    const encode: ScenarioEncoder = (scenario, algorithms, label) =>
      new Promise((resolve) => waiting.push({ label, finish: () => void encodeNow(scenario, algorithms, label).then(resolve) }))
    fakeTimers()
    const stop = connectSync(store, { storage, replaceHash: (h) => hashes.push(h), encode }, 0)
    await settle()
    expect(waiting).toHaveLength(1)
    store.getState().actions.setScenario(scenario([prefill('a', 1)]), 'first edit')
    await settle()
    expect(waiting).toHaveLength(2)
    store.getState().actions.setScenario(scenario([prefill('b', 2)]), 'second edit')
    await settle()
    expect(waiting).toHaveLength(3)
    // The newest encoding finishes first, the older ones after it: they must not win.
    waiting[2]!.finish()
    waiting[1]!.finish()
    waiting[0]!.finish()
    await settle()
    expect(storage.data[STORAGE_KEY]).toBeDefined()
    expect(hashes).toHaveLength(1)
    expect(bootOptions(hashes[0]!, null).scenarioLabel).toBe('second edit')
    expect(bootOptions('', storage).scenarioLabel).toBe('second edit')
    stop()
  })

  it('saves only once no run streams in, then the latest; a large scenario is encoded after its run unless its link is asked for', async () => {
    const storage = memory()
    const store = createAppStore()
    const hashes: (string | null)[] = []
    const encoded: string[] = []
    const encode: ScenarioEncoder = (scenario, algorithms, label) => {
      encoded.push(label)
      return encodeNow(scenario, algorithms, label)
    }
    store.setState((s) => ({ run: { ...s.run, status: 'running' } }))
    fakeTimers()
    const stop = connectSync(store, { storage, replaceHash: (h) => hashes.push(h), encode }, 0)
    store.getState().actions.setScenario(scenario([prefill('a', 1)]), 'first')
    await settle()
    expect(bootOptions(hashes[hashes.length - 1]!, null).scenarioLabel).toBe('first')
    store.getState().actions.setScenario(scenario([prefill('b', 2)]), 'second')
    // A small scenario's link follows at once; the saved state waits for the run.
    await settle()
    expect(bootOptions(hashes[hashes.length - 1]!, null).scenarioLabel).toBe('second')
    expect(store.getState().linkStatus).toBe('ok')
    expect(storage.data[STORAGE_KEY]).toBeUndefined()
    // A large one (its link still fits): its link is pending, and nothing is encoded, while
    // its run streams in.
    const large = scenario(generateWorkload({ ...DEFAULT_GENERATOR, count: QUICK_LINK_TASKS + 1, seed: 5 }))
    const shown = hashes.length
    store.getState().actions.setScenario(large, 'large')
    expect(store.getState()).toMatchObject({ linkStatus: 'pending', linkHash: null })
    await settle()
    expect(encoded).not.toContain('large')
    expect(store.getState().linkStatus).toBe('pending')
    expect(hashes).toHaveLength(shown)
    expect(storage.data[STORAGE_KEY]).toBeUndefined()
    // The run over: encoded (in idle time, not in the frame that shows the run's end), then
    // saved and put in the address, once each.
    store.setState((s) => ({ run: { ...s.run, status: 'done' } }))
    expect(encoded).not.toContain('large')
    await settle()
    expect(bootOptions('', storage).scenarioLabel).toBe('large')
    expect(hashes).toHaveLength(shown + 1)
    expect(store.getState().linkStatus).toBe('ok')
    expect(bootOptions(store.getState().linkHash!, null).scenarioLabel).toBe('large')
    expect(hashes[shown]).toBe(store.getState().linkHash)
    expect(encoded.filter((l) => l === 'large')).toHaveLength(1)
    // Another large one while a run streams in, its link asked for (Copy link): encoded at
    // once and known to the store, but put in the address only after the run.
    store.setState((s) => ({ run: { ...s.run, status: 'running' } }))
    store.getState().actions.setScenario(scenario(generateWorkload({ ...DEFAULT_GENERATOR, count: QUICK_LINK_TASKS + 1, seed: 6 })), 'large again')
    await settle()
    expect(store.getState().linkStatus).toBe('pending')
    store.getState().actions.wantLink()
    await settle()
    expect(store.getState().linkStatus).toBe('ok')
    expect(bootOptions(store.getState().linkHash!, null).scenarioLabel).toBe('large again')
    expect(hashes).toHaveLength(shown + 1)
    // Then a small edit: the small one's link goes in at once, and the large one's never after it.
    store.getState().actions.setScenario(scenario([prefill('c', 3)]), 'small again')
    await settle()
    expect(bootOptions(hashes[hashes.length - 1]!, null).scenarioLabel).toBe('small again')
    // A large edit left waiting for the run, then a small one: the large one is never encoded.
    store.getState().actions.setScenario(scenario(generateWorkload({ ...DEFAULT_GENERATOR, count: QUICK_LINK_TASKS + 1, seed: 8 })), 'large, dropped')
    await settle()
    store.getState().actions.setScenario(scenario([prefill('d', 4)]), 'small last')
    await settle()
    expect(bootOptions(hashes[hashes.length - 1]!, null).scenarioLabel).toBe('small last')
    store.setState((s) => ({ run: { ...s.run, status: 'done' } }))
    await settle()
    expect(bootOptions('', storage).scenarioLabel).toBe('small last')
    expect(bootOptions(hashes[hashes.length - 1]!, null).scenarioLabel).toBe('small last')
    expect(encoded).not.toContain('large, dropped')
    stop()
  })

  it('says so when the link cannot be made, and keeps the address and the saved state as they were', async () => {
    const storage = memory()
    const store = createAppStore()
    const hashes: (string | null)[] = []
    const encode: ScenarioEncoder = () => Promise.reject(new Error('a background worker failed'))
    const stop = connectSync(store, { storage, replaceHash: (h) => hashes.push(h), encode }, 0)
    await vi.waitFor(() => expect(store.getState().notice).toBe('The link could not be made (a background worker failed): use Export → Scenario (JSON) to keep this scenario.'), POLL)
    expect(store.getState().linkStatus).toBe('pending')
    expect(hashes).toEqual([])
    expect(storage.data[STORAGE_KEY]).toBeUndefined()
    stop()
  })
})
