import { describe, expect, it } from 'vitest'
import { formatScenarioJson } from '../../src/engine/workloads/scenario-json.ts'
import { discriminatingWorkload } from '../../src/engine/workloads/presets.ts'
import { DEFAULT_GENERATOR, generateWorkload } from '../../src/engine/workloads/generator.ts'
import { DEFAULT_VIEW, loadSaved, migrate, save, STORAGE_KEY, type KeyValueStore } from '../../src/store/persistence.ts'
import { encodeScenario, ZIP_STORED_FROM_CHARS } from '../../src/sharing/share-link.ts'
import { prefill, scenario } from '../helpers/scenario.ts'

function memory(initial: Record<string, string> = {}): KeyValueStore & { data: Record<string, string> } {
  const data = { ...initial }
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v) }
}

const s = scenario([prefill('a', 1), prefill('b', 2, { weight: 3 })], { cluster: 'h100_8gpu', mode: 'reference' })

describe('saved state in localStorage', () => {
  it('saves and restores the scenario, algorithms, label and view', () => {
    const store = memory()
    const view = { colorBy: 'model' as const, dimFuture: true, speed: 8, focus: 'SRPT' as const }
    expect(save(store, { scenario: s, algorithms: ['FIFO', 'SRPT'], label: 'lesson 1', view })).toBeNull()
    expect(JSON.parse(store.data[STORAGE_KEY]!).version).toBe(2)
    expect(loadSaved(store)).toEqual({ saved: { scenario: s, algorithms: ['FIFO', 'SRPT'], label: 'lesson 1', view }, notice: null })
  })

  it('migrates a version 1 record (scenario only) to version 2 with default view settings', () => {
    const v1 = { version: 1, scenarioJson: formatScenarioJson(scenario(discriminatingWorkload())), label: 'old' }
    expect(migrate(v1)).toMatchObject({ label: 'old', view: DEFAULT_VIEW })
    const { saved, notice } = loadSaved(memory({ [STORAGE_KEY]: JSON.stringify(v1) }))
    expect(notice).toBeNull()
    expect(saved!.scenario.tasks).toHaveLength(20)
    expect(saved!.view).toEqual(DEFAULT_VIEW)
  })

  it('ignores unreadable storage with a notice, never throwing', () => {
    expect(loadSaved(memory())).toEqual({ saved: null, notice: null })
    expect(loadSaved(null)).toEqual({ saved: null, notice: null })
    for (const bad of ['{oops', '42', JSON.stringify({ version: 9 }), JSON.stringify({ version: 2, scenario: '{"version":1,"tasks":[]}' })]) {
      const r = loadSaved(memory({ [STORAGE_KEY]: bad }))
      expect(r.saved).toBeNull()
      expect(r.notice).toMatch(/could not be read .*starting from the default/)
    }
    const throwing: KeyValueStore = {
      getItem: () => {
        throw new Error('SecurityError')
      },
      setItem: () => {
        throw new Error('QuotaExceededError')
      },
    }
    expect(loadSaved(throwing).notice).toMatch(/does not let SchedScope read/)
    expect(save(throwing, { scenario: s, algorithms: ['FIFO'], label: 'x', view: DEFAULT_VIEW })).toMatch(/too large to keep/)
  })

  it('keeps a small scenario as readable JSON and a large one zipped, and restores both exactly', async () => {
    const small = await encodeScenario(s, ['FIFO'], 'small')
    expect(small.stored).toEqual({ json: formatScenarioJson(s, ['FIFO'], 0) })
    const smallStore = memory()
    expect(save(smallStore, { scenario: s, algorithms: ['FIFO'], label: 'small', view: DEFAULT_VIEW }, small.stored)).toBeNull()
    expect(JSON.parse(smallStore.data[STORAGE_KEY]!).scenario.tasks[1]).toMatchObject({ id: 'b', weight: 3 })

    const big = scenario(generateWorkload({ ...DEFAULT_GENERATOR, count: 3000, seed: 3 }), { cluster: 'h100_64gpu' })
    const json = formatScenarioJson(big, ['SRPT', 'WSRPT'], 0)
    expect(json.length).toBeGreaterThan(ZIP_STORED_FROM_CHARS)
    const encoded = await encodeScenario(big, ['SRPT', 'WSRPT'], 'big')
    expect('zipped' in encoded.stored).toBe(true)
    const bigStore = memory()
    const view = { ...DEFAULT_VIEW, speed: 4 }
    expect(save(bigStore, { scenario: big, algorithms: ['SRPT', 'WSRPT'], label: 'big', view }, encoded.stored)).toBeNull()
    const record = JSON.parse(bigStore.data[STORAGE_KEY]!)
    expect(record).toMatchObject({ version: 2, label: 'big', view })
    expect(record.scenario).toBeUndefined()
    // Several times smaller than the JSON it holds.
    expect(bigStore.data[STORAGE_KEY]!.length).toBeLessThan(json.length / 3)
    expect(loadSaved(bigStore)).toEqual({ saved: { scenario: big, algorithms: ['SRPT', 'WSRPT'], label: 'big', view }, notice: null })

    // Damaged on disk: the default, with a notice saying why.
    const damaged = memory({ [STORAGE_KEY]: JSON.stringify({ ...record, scenarioZip: record.scenarioZip.slice(0, 100) }) })
    expect(loadSaved(damaged)).toEqual({ saved: null, notice: 'The scenario saved in this browser could not be read (its compressed scenario is damaged); starting from the default.' })
  })

  it('sanitises view settings it does not understand', () => {
    const record = { version: 2, scenario: formatScenarioJson(s), label: 'x', view: { colorBy: 'rainbow', speed: 1e9, focus: 'LIFO', dimFuture: 'yes' } }
    expect(loadSaved(memory({ [STORAGE_KEY]: JSON.stringify(record) })).saved!.view).toEqual(DEFAULT_VIEW)
  })
})
