// @vitest-environment jsdom
import { act, fireEvent, screen } from '@testing-library/react'
import { setupUser } from '../helpers/user.ts'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CopyLinkButton } from '../../src/components/CopyLinkButton.tsx'
import { createAppStore } from '../../src/store/app-store.ts'
import { renderWithStore } from '../helpers/app.tsx'

afterEach(() => vi.restoreAllMocks())

function setup() {
  const store = createAppStore()
  const user = setupUser()
  // userEvent puts its own clipboard on navigator: watch what is written to it.
  const written = vi.spyOn(navigator.clipboard, 'writeText')
  renderWithStore(<CopyLinkButton />, store)
  return { store, user, written }
}

describe('CopyLinkButton', () => {
  it('copies the encoded link, not the address bar, when they differ', async () => {
    const { store, user, written } = setup()
    act(() => store.getState().actions.setLinkStatus('ok', '#s=1.abc'))
    await user.click(screen.getByRole('button', { name: 'Copy link' }))
    expect(written).toHaveBeenCalledWith(`${location.origin}${location.pathname}${location.search}#s=1.abc`)
    expect(screen.getByRole('status').textContent).toBe('Link copied: it opens this exact scenario.')
  })

  it('asks for a pending link, waits for it, then copies it', async () => {
    const { store, user, written } = setup()
    act(() => store.getState().actions.setLinkStatus('pending'))
    await user.click(screen.getByRole('button', { name: 'Copy link' }))
    expect(store.getState().linkWanted).toBe(true)
    expect(screen.getByRole('status').textContent).toBe('Preparing the link…')
    expect(written).not.toHaveBeenCalled()
    await act(async () => store.getState().actions.setLinkStatus('ok', '#s=1.late'))
    await vi.waitFor(() => expect(written).toHaveBeenCalledWith(`${location.origin}${location.pathname}${location.search}#s=1.late`))
    expect(store.getState().linkWanted).toBe(false)
  })

  it('says so when the pending link turns out too large', async () => {
    const { store, user, written } = setup()
    act(() => store.getState().actions.setLinkStatus('pending'))
    await user.click(screen.getByRole('button', { name: 'Copy link' }))
    await act(async () => store.getState().actions.setLinkStatus('too-large'))
    await vi.waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/too large for a link: use Export/))
    expect(written).not.toHaveBeenCalled()
  })

  it('gives up after ten seconds and says to try again', async () => {
    const { store, written } = setup()
    vi.useFakeTimers()
    try {
      act(() => store.getState().actions.setLinkStatus('pending'))
      fireEvent.click(screen.getByRole('button', { name: 'Copy link' }))
      await act(async () => vi.advanceTimersByTime(9_999))
      expect(screen.getByRole('status').textContent).toBe('Preparing the link…')
      await act(async () => vi.advanceTimersByTime(1))
      expect(screen.getByRole('status').textContent).toBe('The link is not ready yet: try again in a moment.')
      expect(written).not.toHaveBeenCalled()
    } finally {
      vi.useRealTimers()
    }
  })
})
