// @vitest-environment jsdom
import { act, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { HeldOffscreen } from '../../src/components/HeldOffscreen.tsx'
import { createAppStore } from '../../src/store/app-store.ts'
import { StoreProvider, useApp } from '../../src/store/context.tsx'

// Fake frames: the test says which frame each change shows in.
beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'requestAnimationFrame', 'cancelAnimationFrame'] }))
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})
const nextFrame = () => act(() => vi.advanceTimersToNextFrame())

/** An IntersectionObserver the test reports through. */
function fakeObserver() {
  const observers: ((entries: { isIntersecting: boolean }[]) => void)[] = []
  vi.stubGlobal(
    'IntersectionObserver',
    class {
      constructor(callback: (entries: { isIntersecting: boolean }[]) => void) {
        observers.push(callback)
      }
      observe() {}
      disconnect() {}
    },
  )
  return (isIntersecting: boolean) => act(() => observers.forEach((report) => report([{ isIntersecting }])))
}

let renders = 0
function Probe() {
  renders += 1
  const task = useApp((s) => s.selectedTask)
  return <p>selected {task ?? 'none'}</p>
}

function setup() {
  const store = createAppStore()
  // A run done for the scenario being edited: the run is still.
  store.setState((s) => ({ run: { ...s.run, scenario: s.scenario, status: 'done' } }))
  renders = 0
  render(
    <StoreProvider store={store}>
      <HeldOffscreen turn={2}>
        <Probe />
      </HeldOffscreen>
    </StoreProvider>,
  )
  return { store, actions: store.getState().actions }
}

describe('HeldOffscreen', () => {
  it('off screen, does not render while the run moves, and catches up in its turn once still', () => {
    const report = fakeObserver()
    const { actions } = setup()
    report(false)
    const before = renders
    act(() => actions.setDragging(true))
    act(() => actions.select(4))
    nextFrame()
    nextFrame()
    nextFrame()
    expect(screen.getByText('selected none')).toBeTruthy()
    expect(renders).toBe(before)
    act(() => actions.setDragging(false))
    nextFrame()
    expect(screen.getByText('selected none')).toBeTruthy()
    nextFrame()
    expect(screen.getByText('selected 4')).toBeTruthy()
    expect(renders).toBe(before + 1)
  })

  it('off screen, waits for the run an edit is owed (the runner waits for typing to pause)', () => {
    const report = fakeObserver()
    const { store } = setup()
    report(false)
    act(() => store.setState((s) => ({ scenario: { ...s.scenario }, selectedTask: 2 })))
    nextFrame()
    nextFrame()
    nextFrame()
    expect(screen.getByText('selected none')).toBeTruthy()
    act(() => store.setState((s) => ({ run: { ...s.run, scenario: s.scenario } })))
    nextFrame()
    nextFrame()
    expect(screen.getByText('selected 2')).toBeTruthy()
  })

  it('catches up a frame after it comes on screen, and then follows at once', () => {
    const report = fakeObserver()
    const { actions } = setup()
    report(false)
    act(() => actions.setDragging(true))
    act(() => actions.select(5))
    report(true)
    expect(screen.getByText('selected none')).toBeTruthy()
    nextFrame()
    expect(screen.getByText('selected 5')).toBeTruthy()
    act(() => actions.select(6))
    expect(screen.getByText('selected 6')).toBeTruthy()
  })

  it('stays held when it passes through the window for less than a frame', () => {
    const report = fakeObserver()
    const { actions } = setup()
    report(false)
    act(() => actions.setDragging(true))
    act(() => actions.select(7))
    report(true)
    report(false)
    nextFrame()
    nextFrame()
    expect(screen.getByText('selected none')).toBeTruthy()
  })

  it('follows the store at once where no IntersectionObserver tells where it is', () => {
    const { actions } = setup()
    act(() => actions.setDragging(true))
    act(() => actions.select(8))
    expect(screen.getByText('selected 8')).toBeTruthy()
  })
})
