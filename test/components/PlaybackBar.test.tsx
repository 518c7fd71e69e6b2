// @vitest-environment jsdom
import { act, fireEvent, screen } from '@testing-library/react'
import { setupUser } from '../helpers/user.ts'
import { afterEach, describe, expect, it } from 'vitest'
import { App } from '../../src/components/App.tsx'
import { PlaybackBar } from '../../src/components/PlaybackBar.tsx'
import { createTestStore, renderWithStore, waitForRun } from '../helpers/app.tsx'
import { teachingScenario } from '../../src/engine/workloads/scenarios.ts'
import { AUTO_SPEED, autoSpeed, DEFAULT_SPEED, playSpeed } from '../../src/store/defaults.ts'

let disconnect = () => {}
afterEach(() => disconnect())

async function setup() {
  const t = createTestStore()
  disconnect = t.disconnect
  renderWithStore(<PlaybackBar />, t.store)
  await waitForRun(t.store)
  return t.store
}

describe('playback controls', () => {
  it('has the stable names: Play, Step forward, Step back, Run to end, Reset and the Time slider', async () => {
    await setup()
    for (const name of ['Play', 'Step forward', 'Step back', 'Run to end', 'Reset']) {
      expect(screen.getByRole('button', { name })).toBeInTheDocument()
    }
    expect(screen.getByRole('slider', { name: 'Time' })).toHaveAttribute('max', '300')
  })

  it('steps, runs to the end and resets, moving the shared cursor', async () => {
    const store = await setup()
    const user = setupUser()
    await user.click(screen.getByRole('button', { name: 'Step forward' }))
    await user.click(screen.getByRole('button', { name: 'Step forward' }))
    expect(store.getState().step).toBe(2)
    expect(screen.getByText(/t = 0\.02 s/)).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Step back' }))
    expect(store.getState().step).toBe(1)
    await user.click(screen.getByRole('button', { name: 'Run to end' }))
    expect(store.getState().step).toBe(300)
    expect(screen.getByRole('slider', { name: 'Time' })).toHaveValue('300')
    await user.click(screen.getByRole('button', { name: 'Step forward' }))
    expect(store.getState().step).toBe(300)
    await user.click(screen.getByRole('button', { name: 'Reset' }))
    expect(store.getState().step).toBe(0)
  })

  it('Play becomes Pause and back', async () => {
    const store = await setup()
    const user = setupUser()
    await user.click(screen.getByRole('button', { name: 'Play' }))
    expect(store.getState().playing).toBe(true)
    expect(screen.getByRole('button', { name: 'Pause' })).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Pause' }))
    expect(store.getState().playing).toBe(false)
  })

  it('the slider scrubs to any step', async () => {
    const store = await setup()
    fireEvent.change(screen.getByRole('slider', { name: 'Time' }), { target: { value: '150' } })
    expect(store.getState().step).toBe(150)
    expect(screen.getByRole('slider', { name: 'Time' })).toHaveAttribute('aria-valuetext', '1.50 s (step 150)')
  })

  it('a drag lasts from pressing the slider to letting go anywhere on the page', async () => {
    const store = await setup()
    const slider = screen.getByRole('slider', { name: 'Time' })
    fireEvent.pointerDown(slider)
    expect(store.getState().dragging).toBe(true)
    fireEvent.change(slider, { target: { value: '40' } })
    expect(store.getState().dragging).toBe(true)
    fireEvent.pointerUp(document.body)
    expect(store.getState().dragging).toBe(false)
    fireEvent.pointerDown(slider)
    fireEvent.pointerCancel(window)
    expect(store.getState().dragging).toBe(false)
    fireEvent.pointerDown(slider)
    fireEvent.blur(window)
    expect(store.getState().dragging).toBe(false)
  })
})

describe('keyboard shortcuts', () => {
  async function app() {
    const t = createTestStore()
    disconnect = t.disconnect
    renderWithStore(<App />, t.store)
    await waitForRun(t.store)
    return t.store
  }

  it('Space toggles play, arrows step, Home/End jump, ? lists the shortcuts', async () => {
    const store = await app()
    const user = setupUser()
    await user.keyboard(' ')
    expect(store.getState().playing).toBe(true)
    await user.keyboard(' ')
    expect(store.getState().playing).toBe(false)
    act(() => store.getState().actions.reset())
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}{ArrowLeft}')
    expect(store.getState().step).toBe(2)
    await user.keyboard('{End}')
    expect(store.getState().step).toBe(300)
    await user.keyboard('{Home}')
    expect(store.getState().step).toBe(0)
    await user.keyboard('?')
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveTextContent('Previous / next scheduling decision')
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('Shift+→ and Shift+← jump between scheduling decisions of the focused algorithm', async () => {
    const store = await app()
    const user = setupUser()
    // FIFO on discriminating (h100_16gpu): starts at 0, 2.0 s and 2.5 s.
    await user.keyboard('{Shift>}{ArrowRight}{/Shift}')
    expect(store.getState().step).toBe(200)
    await user.keyboard('{Shift>}{ArrowRight}{/Shift}')
    expect(store.getState().step).toBe(250)
    await user.keyboard('{Shift>}{ArrowLeft}{/Shift}')
    expect(store.getState().step).toBe(200)
  })

  it('W/S zoom and A/D pan the shared time window; F fits', async () => {
    const store = await app()
    const user = setupUser()
    await user.keyboard('w')
    expect(store.getState().viewS).toEqual([0.5, 2.5])
    await user.keyboard('a')
    const [t0, t1] = store.getState().viewS!
    expect(t0).toBeCloseTo(0.1, 12)
    expect(t1).toBeCloseTo(2.1, 12)
    await user.keyboard('f')
    expect(store.getState().viewS).toBeNull()
  })
})

describe('decision buttons and the auto speed', () => {
  it('Previous decision and Next decision move between the steps where the focused algorithm starts a task', async () => {
    // smith-rule under SRPT on one GPU: B (1 s) at 0, C (2 s) at 1 s, D (3 s) at 3 s, A (4 s) at 6 s.
    const t = createTestStore({ scenario: teachingScenario('smith-rule')!.scenario(), scenarioLabel: 'smith-rule' })
    disconnect = t.disconnect
    act(() => t.store.getState().actions.setFocus('SRPT'))
    renderWithStore(<PlaybackBar />, t.store)
    await waitForRun(t.store)
    const user = setupUser()
    const next = screen.getByRole('button', { name: 'Next decision' })
    const seen: number[] = []
    for (let k = 0; k < 4; k++) {
      await user.click(next)
      seen.push(t.store.getState().step)
    }
    expect(seen).toEqual([100, 300, 600, 600])
    await user.click(screen.getByRole('button', { name: 'Previous decision' }))
    expect(t.store.getState().step).toBe(300)
    act(() => t.store.getState().actions.setStep(250))
    await user.click(screen.getByRole('button', { name: 'Previous decision' }))
    expect(t.store.getState().step).toBe(100)
    // The speed control says what Auto picks for this 10-second run: 0.5× (20 s).
    expect(screen.getByRole('combobox', { name: 'Speed' })).toHaveDisplayValue('Auto (0.5×, run in ~20 s)')
  })

  it('auto speed plays a run in about 20 s, slower than real time for a short one', () => {
    expect(autoSpeed(3)).toBe(0.1)
    expect(autoSpeed(10)).toBe(0.5)
    expect(autoSpeed(40)).toBe(2)
    expect(autoSpeed(1e6)).toBe(64)
    expect(playSpeed(AUTO_SPEED, 3)).toBe(0.1)
    expect(playSpeed(4, 3)).toBe(4)
    expect(DEFAULT_SPEED).toBe(AUTO_SPEED)
  })
})
