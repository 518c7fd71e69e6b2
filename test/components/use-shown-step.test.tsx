// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { PLAYING_REFRESH_MS, useShownStep } from '../../src/components/use-shown-step.ts'
import { createAppStore } from '../../src/store/app-store.ts'
import { StoreProvider } from '../../src/store/context.tsx'

// Fake clocks: the test says what happens at each moment, however slow the machine.
beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }))
afterEach(() => vi.useRealTimers())
const sleep = (ms: number) => act(() => vi.advanceTimersByTime(ms))

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
})
