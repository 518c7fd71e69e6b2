// @vitest-environment jsdom
import { screen, within } from '@testing-library/react'
import { setupUser } from '../helpers/user.ts'
import { afterEach, describe, expect, it } from 'vitest'
import { App } from '../../src/components/App.tsx'
import { focusablesIn } from '../../src/components/use-modal-focus.ts'
import { createAppStore, type AppStore, type StoreOptions } from '../../src/store/app-store.ts'
import { showCustomPolicies } from '../../src/store/page-policies.ts'
import { DECLINED_NOTICE } from '../../src/store/slices/sharing.ts'
import { renderWithStore } from '../helpers/app.tsx'
import { prefill, scenario } from '../helpers/scenario.ts'

afterEach(() => showCustomPolicies([]))

function app(options: StoreOptions = {}): AppStore {
  const store = createAppStore(options)
  renderWithStore(<App />, store)
  return store
}

/** The dialogs are modal: the keyboard stays in them and comes back to where it was. */
describe('modal dialogs keep the keyboard', () => {
  it('the consent dialog: Tab cycles between its two answers, Escape declines', async () => {
    const user = setupUser()
    const offered = { policies: [{ name: 'Theirs', higherFirst: true, key: 'return t.weight' }], algorithms: ['FIFO', 'Theirs'] }
    const store = app({ scenario: scenario([prefill('a', 1)], { cluster: 'h100:1' }), algorithms: ['FIFO'], offeredPolicies: offered })
    const dialog = screen.getByRole('alertdialog')
    const run = within(dialog).getByRole('button', { name: 'Run it' })
    const decline = within(dialog).getByRole('button', { name: 'Open without it' })
    expect(run).toHaveFocus()
    // Without the trap, Tab from the last button walked into the page behind the backdrop.
    await user.tab()
    expect(decline).toHaveFocus()
    await user.tab({ shift: true })
    expect(run).toHaveFocus()
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(store.getState().notice).toBe(DECLINED_NOTICE)
    expect(store.getState().customPolicies).toEqual([])
  })

  it('the shortcuts dialog: Tab stays on Close, and closing gives focus back to the ? button', async () => {
    const user = setupUser()
    app()
    const opener = screen.getByRole('button', { name: 'Keyboard shortcuts' })
    await user.click(opener)
    const close = within(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).getByRole('button', { name: 'Close' })
    expect(close).toHaveFocus()
    await user.tab()
    expect(close).toHaveFocus()
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull()
    expect(opener).toHaveFocus()
  })

  it('the policy editor: Shift+Tab from its first control goes to its last button, Tab from there back; Tab in the key indents', async () => {
    const user = setupUser()
    app()
    await user.click(screen.getByRole('button', { name: 'Write a policy…' }))
    const dialog = screen.getByRole('dialog', { name: 'Policy editor' })
    const name = within(dialog).getByRole('textbox', { name: 'Name' })
    expect(name).toHaveFocus()
    const controls = focusablesIn(dialog)
    const [first, last] = [controls[0]!, controls[controls.length - 1]!]
    expect(last).toHaveAccessibleName('Close')
    first.focus()
    await user.tab({ shift: true })
    expect(last).toHaveFocus()
    await user.tab()
    expect(first).toHaveFocus()
    const key = within(dialog).getByRole('textbox', { name: 'Key' })
    const before = (key as HTMLTextAreaElement).value
    await user.click(key)
    await user.keyboard('{Tab}')
    expect(key).toHaveFocus()
    expect((key as HTMLTextAreaElement).value.length).toBe(before.length + 2)
  })
})
