// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { App } from '../../src/components/App.tsx'
import { policyColor } from '../../src/charts/palette.ts'
import { createTestStore, renderWithStore, waitForRun } from '../helpers/app.tsx'

let disconnect = () => {}
afterEach(() => {
  disconnect()
  cleanup()
})

describe('presentation mode', () => {
  it('hides the editor; the clicker keys turn lesson pages, never from a text field', async () => {
    const t = createTestStore()
    disconnect = t.disconnect
    renderWithStore(<App />, t.store)
    expect(screen.getByRole('region', { name: 'Scenario editor' })).toBeInTheDocument()
    fireEvent.click(screen.getByRole('switch', { name: 'Presentation' }))
    expect(t.store.getState().presentation).toBe(true)
    expect(screen.queryByRole('region', { name: 'Scenario editor' })).toBeNull()
    expect(document.querySelector('.app')!.classList.contains('presentation')).toBe(true)

    act(() => void t.store.getState().actions.startLesson('convoy'))
    const page = () => t.store.getState().lesson!.page
    fireEvent.keyDown(window, { key: 'PageDown' })
    expect(page()).toBe(1)
    fireEvent.keyDown(window, { key: 'ArrowRight' })
    expect(page()).toBe(2)
    // At the last page, further advances stay there.
    fireEvent.keyDown(window, { key: ' ' })
    expect(page()).toBe(2)
    fireEvent.keyDown(window, { key: 'PageUp' })
    fireEvent.keyDown(window, { key: 'ArrowLeft' })
    expect(page()).toBe(0)
    // Page 1's gate takes a number: typing a space or an arrow there is typing.
    const box = screen.getByRole('textbox')
    fireEvent.keyDown(box, { key: ' ' })
    fireEvent.keyDown(box, { key: 'ArrowRight' })
    expect(page()).toBe(0)
  })

  it('outside a lesson, → goes to the next scheduling decision of the focused algorithm', async () => {
    const t = createTestStore({ presentation: true })
    disconnect = t.disconnect
    renderWithStore(<App />, t.store)
    await waitForRun(t.store)
    // discriminating, FIFO: the first starts are at 0; the next decisions at 2 s (step 200), when the long tasks end.
    fireEvent.keyDown(window, { key: 'ArrowRight' })
    await waitFor(() => expect(t.store.getState().step).toBe(200))
    fireEvent.keyDown(window, { key: 'ArrowLeft' })
    expect(t.store.getState().step).toBe(0)
  })

  it('gives the policies the Okabe–Ito colours in presentation only', () => {
    expect(policyColor('SRPT', '#059669', 2, false)).toBe('#059669')
    expect(['FIFO', 'WeightedFIFO', 'SRPT', 'WSRPT'].map((p, i) => policyColor(p, '#111', i, true))).toEqual(['#000000', '#E69F00', '#0072B2', '#D55E00'])
  })
})
