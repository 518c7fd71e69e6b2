// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { shallow } from 'zustand/shallow'
import { ganttPublished } from '../../src/components/gantt-draw-inputs.ts'
import { REQUESTS_PUBLISHED } from '../../src/components/RequestView.tsx'
import { publishedAlone, useAfterPublish } from '../../src/components/use-after-publish.ts'
import { SPLIT_FRAME_TASKS } from '../../src/components/use-shown-step.ts'
import { createAppStore, type AppState, type AppStore } from '../../src/store/app-store.ts'
import { StoreProvider } from '../../src/store/context.tsx'

// Fake frames: the test says which frame each change shows in.
beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'requestAnimationFrame', 'cancelAnimationFrame'] }))
afterEach(() => vi.useRealTimers())
const nextFrame = () => act(() => vi.advanceTimersToNextFrame())

const published = (s: AppState) => [s.run.version, s.run.endStep] as const

function setup(tasks: number) {
  const store = createAppStore()
  act(() => store.setState((s) => ({ run: { ...s.run, scenario: { ...s.run.scenario, tasks: Array.from({ length: tasks }, () => s.run.scenario.tasks[0]!) } } })))
  const wrapper = ({ children }: { children: ReactNode }) => <StoreProvider store={store}>{children}</StoreProvider>
  let renders = 0
  const { result } = renderHook(() => {
    renders += 1
    return useAfterPublish(published, shallow)
  }, { wrapper })
  return { store, result, renders: () => renders }
}

const publish = (store: AppStore, version: number, endStep: number) => act(() => store.setState((s) => ({ run: { ...s.run, version, endStep } })))

describe('useAfterPublish', () => {
  it('takes a publication at once in a run under SPLIT_FRAME_TASKS tasks', () => {
    const { store, result } = setup(SPLIT_FRAME_TASKS - 1)
    publish(store, 7, 40)
    expect(result.current).toEqual([7, 40])
  })

  it('takes it in the next frame in a larger run, the latest of several, and keeps it', () => {
    const { store, result, renders } = setup(SPLIT_FRAME_TASKS)
    const before = result.current
    publish(store, 7, 40)
    publish(store, 8, 55)
    // The publishing frame is the Gantt's: this view still shows what it showed, unrendered.
    expect(result.current).toBe(before)
    const rendered = renders()
    act(() => vi.advanceTimersByTime(1))
    expect(renders()).toBe(rendered)
    nextFrame()
    expect(result.current).toEqual([8, 55])
    const shown = result.current
    nextFrame()
    expect(result.current).toBe(shown)
  })

  it('ignores changes the selector does not read', () => {
    const { store, result, renders } = setup(SPLIT_FRAME_TASKS)
    const shown = result.current
    const rendered = renders()
    act(() => store.setState({ step: 3 }))
    nextFrame()
    expect(result.current).toBe(shown)
    expect(renders()).toBe(rendered)
  })
})

describe('the request view drawing a publication a frame late', () => {
  it('only for a publication alone, in a run of SPLIT_FRAME_TASKS or more', () => {
    // As RequestView's inputs: timeline, run version, step, dim future, window, selected, hovered.
    const tl = {}
    const at = (version: number, step: number) => [tl, version, step, false, 0, 7, null, null]
    expect(publishedAlone(at(2, 5), at(1, 5), SPLIT_FRAME_TASKS, REQUESTS_PUBLISHED)).toBe(true)
    expect(publishedAlone(at(2, 5), at(1, 5), SPLIT_FRAME_TASKS - 1, REQUESTS_PUBLISHED)).toBe(false)
    // The cursor moved with it: at once.
    expect(publishedAlone(at(2, 6), at(1, 5), SPLIT_FRAME_TASKS, REQUESTS_PUBLISHED)).toBe(false)
    // Another timeline (a new run or focus): at once.
    expect(publishedAlone([{}, 2, 5, false, 0, 7, null, null], at(1, 5), SPLIT_FRAME_TASKS, REQUESTS_PUBLISHED)).toBe(false)
  })
})

describe('a small multiple drawing a publication a frame late', () => {
  // As ganttDrawInputs: timeline, version, window start and end, step, dim future, selected,
  // hovered, highlight, pending step, dt.
  const tl = {}
  const at = (version: number, t1S: number, step = 0) => [tl, version, 0, t1S, step, false, null, null, null, null, 0.01]
  it('for the run’s version and the window’s end it follows, in a run of SPLIT_FRAME_TASKS or more', () => {
    expect(publishedAlone(at(2, 10), at(1, 10), SPLIT_FRAME_TASKS, ganttPublished(true))).toBe(true)
    expect(publishedAlone(at(2, 20), at(1, 10), SPLIT_FRAME_TASKS, ganttPublished(true))).toBe(true)
    expect(publishedAlone(at(2, 20), at(1, 10), SPLIT_FRAME_TASKS - 1, ganttPublished(true))).toBe(false)
    // A zoomed window's end is the user's: at once.
    expect(publishedAlone(at(1, 20), at(1, 10), SPLIT_FRAME_TASKS, ganttPublished(false))).toBe(false)
    // The cursor moved: at once.
    expect(publishedAlone(at(2, 10, 5), at(1, 10, 4), SPLIT_FRAME_TASKS, ganttPublished(true))).toBe(false)
  })
})
