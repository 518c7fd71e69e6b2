import { describe, expect, it } from 'vitest'
import { encodeScenarioHash } from '../../src/sharing/share-link.ts'
import { composeHash, formatViewParams, readViewParams, splitHash } from '../../src/sharing/view-params.ts'
import { createAppStore, startFromOptions } from '../../src/store/app-store.ts'
import { bootOptions, linkHashOf } from '../../src/store/sync.ts'
import { DEFAULT_VIEW, loadSaved, save, type KeyValueStore } from '../../src/store/persistence.ts'
import { teachingScenario } from '../../src/engine/workloads/scenarios.ts'

const lessons = (id: string) => (id === 'convoy' ? { title: 'The convoy effect', pages: 3 } : undefined)
const known = (name: string) => ['FIFO', 'SRPT'].includes(name)

function memory(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>()
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) }
}

describe('link view parameters', () => {
  it('round-trip a lesson page, a time, a focus and presentation', () => {
    const view = { lesson: { id: 'convoy', page: 1 }, atS: 0.99, focus: 'SRPT', presentation: true }
    const hash = composeHash('#s=1.abc', view)
    // A lesson's link needs no scenario: the page sets it. Pages count from 1 in the link.
    expect(hash).toBe('#lesson=convoy&page=2&t=0.99&focus=SRPT&present=1')
    expect(readViewParams(splitHash(hash!).params, lessons, known)).toEqual({ view, problems: [] })
    expect(composeHash('#s=1.abc', { atS: 2.5 })).toBe('#s=1.abc&t=2.5')
    expect(splitHash('#s=1.abc&t=2.5')).toMatchObject({ scenario: '#s=1.abc' })
    expect(composeHash('#s=1.abc', {})).toBe('#s=1.abc')
    expect(formatViewParams({ atS: 0 })).toBe('')
  })

  it('refuses an unknown lesson or algorithm with a message, clamps a page past the end', () => {
    expect(readViewParams(new URLSearchParams('lesson=nope&page=2'), lessons, known)).toEqual({
      view: {},
      problems: ['This link names a lesson “nope” that this version of SchedScope does not have; open Lessons to pick one.'],
    })
    expect(readViewParams(new URLSearchParams('lesson=convoy&page=9'), lessons, known)).toEqual({
      view: { lesson: { id: 'convoy', page: 2 } },
      problems: ['“The convoy effect” has 3 pages, not 9: showing its last page.'],
    })
    const bad = readViewParams(new URLSearchParams('lesson=convoy&page=x&t=-1&focus=LIFO'), lessons, known)
    expect(bad.view).toEqual({ lesson: { id: 'convoy', page: 0 } })
    expect(bad.problems).toEqual([
      'This link\'s page “x” is not a page number; showing page 1 of “The convoy effect”.',
      'This link\'s time “-1” is not a time in seconds (t=2.5); the cursor starts at 0.',
      'This link focuses “LIFO”, which is not a registered algorithm; focusing the first one instead.',
    ])
  })

  it('a lesson link opens that page, at its time, focus and presentation, and the page gives the same link back', () => {
    const options = bootOptions('#lesson=starvation&page=1&t=3.5&focus=FIFO&present=1', null)
    const store = createAppStore(options)
    startFromOptions(store, options)
    const s = store.getState()
    expect(s.lesson).toEqual({ id: 'starvation', page: 0 })
    expect(s.scenarioLabel).toBe('starvation-2')
    expect(s.focus).toBe('FIFO')
    expect(s.presentation).toBe(true)
    expect(s.pendingCursorS).toBe(3.5)
    expect(s.hideResults).toBe(true)
    // Once the cursor is there (350 steps of 0.01 s), the page's link is the one opened.
    store.setState({ step: 350 })
    expect(linkHashOf(store.getState())).toBe('#lesson=starvation&page=1&t=3.5&focus=FIFO&present=1')
  })

  it('an unknown lesson opens the default view with a clear notice', () => {
    const options = bootOptions('#lesson=quantum&page=1', null)
    expect(options.notice).toBe('This link names a lesson “quantum” that this version of SchedScope does not have; open Lessons to pick one.')
    expect(options.lesson).toBeUndefined()
  })

  it('a scenario link carries the cursor and focus too', () => {
    const scenario = teachingScenario('convoy')!.scenario()
    const hash = `${encodeScenarioHash(scenario, ['FIFO', 'SRPT'], 'convoy')!}&t=2&focus=SRPT`
    const options = bootOptions(hash, null)
    expect(options).toMatchObject({ scenarioLabel: 'convoy', algorithms: ['FIFO', 'SRPT'], focus: 'SRPT', cursorS: 2 })
    const store = createAppStore(options)
    expect(store.getState().focus).toBe('SRPT')
    expect(store.getState().pendingCursorS).toBe(2)
  })

  it('saved state keeps the lesson page, the time and presentation; a stale lesson is dropped', () => {
    const storage = memory()
    const scenario = teachingScenario('convoy')!.scenario()
    save(storage, { scenario, algorithms: ['FIFO'], label: 'convoy', view: { ...DEFAULT_VIEW, lesson: { id: 'convoy', page: 2 }, atS: 1.5, presentation: true } })
    expect(loadSaved(storage).saved!.view).toEqual({ ...DEFAULT_VIEW, lesson: { id: 'convoy', page: 2 }, atS: 1.5, presentation: true })
    expect(bootOptions('', storage)).toMatchObject({ lesson: { id: 'convoy', page: 2 }, cursorS: 1.5, presentation: true })
    const stale = JSON.parse(storage.data.get('schedscope')!)
    stale.view.lesson = { id: 'gone', page: 0 }
    storage.setItem('schedscope', JSON.stringify(stale))
    expect(loadSaved(storage).saved!.view.lesson).toBeUndefined()
  })
})
