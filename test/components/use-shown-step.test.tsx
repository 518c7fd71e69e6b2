// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { PLAYING_REFRESH_MS, SPLIT_FRAME_TASKS, useShownStep } from '../../src/components/use-shown-step.ts'
import { createAppStore } from '../../src/store/app-store.ts'
import { StoreProvider } from '../../src/store/context.tsx'

// Fake clocks: the test says what happens at each moment, however slow the machine.
beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'requestAnimationFrame', 'cancelAnimationFrame'] }))
afterEach(() => vi.useRealTimers())
const sleep = (ms: number) => act(() => vi.advanceTimersByTime(ms))
const nextFrame = () => act(() => vi.advanceTimersToNextFrame())

describe('useShownStep', () => {
  it('follows the step at once when set by hand, at most every 100 ms while playing, and at once on pause', () => {
    const store = createAppStore()
    const wrapper = ({ children }: { children: ReactNode }) => <StoreProvider store={store}>{children}</StoreProvider>
    const { result } = renderHook(() => useShownStep(), { wrapper })
    // setStep clamps to the run's end: give the run some steps.
    act(() => store.setState((s) => ({ run: { ...s.run, endStep: 100 } })))
    act(() => store.getState().actions.setStep(3))
    expect(result.current).toBe(3)

    act(() => store.setState({ playing: true }))
    act(() => store.setState({ step: 5 }))
    // 3 was shown just now: 5 waits for its turn.
    expect(result.current).toBe(3)
    sleep(PLAYING_REFRESH_MS + 10)
    expect(result.current).toBe(5)
    act(() => store.setState({ step: 6 }))
    act(() => store.setState({ step: 7 }))
    sleep(PLAYING_REFRESH_MS / 3)
    expect(result.current).toBe(5)
    sleep(PLAYING_REFRESH_MS)
    expect(result.current).toBe(7)

    act(() => store.setState({ step: 9, playing: false }))
    expect(result.current).toBe(9)
  })

  it('refreshes at most every 100 ms while the slider is dragged, and shows the exact step when it is let go', () => {
    const store = createAppStore()
    const wrapper = ({ children }: { children: ReactNode }) => <StoreProvider store={store}>{children}</StoreProvider>
    const { result } = renderHook(() => useShownStep(), { wrapper })
    act(() => store.setState((s) => ({ run: { ...s.run, endStep: 100 } })))
    act(() => store.getState().actions.setDragging(true))
    act(() => store.getState().actions.setStep(10))
    // The drag's first move is shown in the next task.
    sleep(0)
    expect(result.current).toBe(10)
    for (const step of [11, 12, 13]) act(() => store.getState().actions.setStep(step))
    sleep(PLAYING_REFRESH_MS / 2)
    expect(result.current).toBe(10)
    sleep(PLAYING_REFRESH_MS / 2 + 1)
    expect(result.current).toBe(13)
    act(() => store.getState().actions.setStep(40))
    act(() => store.getState().actions.setDragging(false))
    expect(result.current).toBe(40)
    // Once let go, a single change is shown at once again.
    act(() => store.getState().actions.setStep(41))
    expect(result.current).toBe(41)
  })

  it('panels with different turns refresh in different moments while playing', () => {
    const store = createAppStore()
    const wrapper = ({ children }: { children: ReactNode }) => <StoreProvider store={store}>{children}</StoreProvider>
    const changes: [string, number][] = []
    const watch = (name: string, turn: number) => {
      const { result } = renderHook(() => useShownStep(turn), { wrapper })
      let seen = result.current
      return () => {
        if (result.current !== seen) changes.push([name, performance.now()])
        seen = result.current
      }
    }
    const checks = [watch('queue', 0), watch('decisions', PLAYING_REFRESH_MS / 2)]
    act(() => store.setState((s) => ({ run: { ...s.run, endStep: 1000 }, playing: true })))
    for (let step = 1; step <= 60; step++) {
      act(() => store.setState({ step }))
      sleep(10)
      for (const check of checks) check()
    }
    const at = (name: string) => changes.filter(([n]) => n === name).map(([, t]) => t)
    // The first change shows at once, in both; after that each keeps to its turn, 100 ms apart.
    const [queue, decisions] = [at('queue'), at('decisions')]
    expect(queue.length).toBeGreaterThanOrEqual(5)
    expect(decisions.length).toBeGreaterThanOrEqual(5)
    const phase = (t: number) => (t - queue[1]!) % PLAYING_REFRESH_MS
    expect(queue.slice(1).map(phase)).toEqual(queue.slice(1).map(() => 0))
    expect(decisions.slice(1).map(phase)).toEqual(decisions.slice(1).map(() => PLAYING_REFRESH_MS / 2))
  })

  it('in a large run, shows a single move a frame after the cursor (the queue) or two (later turns), the latest move when due', () => {
    const store = createAppStore()
    const wrapper = ({ children }: { children: ReactNode }) => <StoreProvider store={store}>{children}</StoreProvider>
    const queue = renderHook(() => useShownStep(), { wrapper }).result
    const decisions = renderHook(() => useShownStep(PLAYING_REFRESH_MS / 2), { wrapper }).result
    const grow = (count: number) =>
      act(() => store.setState((s) => ({ run: { ...s.run, endStep: 100, scenario: { ...s.run.scenario, tasks: Array.from({ length: count }, () => s.run.scenario.tasks[0]!) } } })))
    grow(SPLIT_FRAME_TASKS)
    act(() => store.getState().actions.setStep(3))
    // The first frame shows the cursor: the panels still show the time before.
    expect([queue.current, decisions.current]).toEqual([0, 0])
    nextFrame()
    expect([queue.current, decisions.current]).toEqual([0, 0])
    nextFrame()
    expect([queue.current, decisions.current]).toEqual([3, 0])
    nextFrame()
    expect([queue.current, decisions.current]).toEqual([3, 3])

    // A move before the panels caught up is shown when they were due: moves every other frame
    // (a held key) do not put them off.
    for (let k = 0; k < 6; k++) {
      act(() => store.getState().actions.setStep(10 + k))
      nextFrame()
      nextFrame()
      expect(queue.current).toBe(10 + k)
    }
    act(() => store.getState().actions.setStep(20))
    nextFrame()
    act(() => store.getState().actions.setStep(21))
    nextFrame()
    expect(queue.current).toBe(21)
    for (let k = 0; k < 3; k++) nextFrame()
    expect([queue.current, decisions.current]).toEqual([21, 21])

    // One task fewer: at once again.
    grow(SPLIT_FRAME_TASKS - 1)
    act(() => store.getState().actions.setStep(12))
    expect([queue.current, decisions.current]).toEqual([12, 12])
  })
})
