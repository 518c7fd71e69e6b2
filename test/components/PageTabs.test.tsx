// @vitest-environment jsdom
import { screen } from '@testing-library/react'
import { setupUser } from '../helpers/user.ts'
import { afterEach, describe, expect, it } from 'vitest'
import { App } from '../../src/components/App.tsx'
import { createTestStore, renderWithStore, waitForRun } from '../helpers/app.tsx'

let disconnect = () => {}
afterEach(() => disconnect())

describe('the header’s page switch', () => {
  it('Sweep shows the Sweep region in place of the simulator, whose shortcuts rest; Simulator brings it back', async () => {
    const t = createTestStore()
    disconnect = t.disconnect
    renderWithStore(<App />, t.store)
    await waitForRun(t.store)
    const user = setupUser()
    const pages = screen.getByRole('navigation', { name: 'Pages' })
    expect(screen.getByRole('button', { name: 'Simulator' })).toHaveAttribute('aria-current', 'page')
    expect(screen.queryByRole('region', { name: 'Sweep' })).toBeNull()

    await user.click(screen.getByRole('button', { name: 'Sweep' }))
    expect(pages).toContainElement(screen.getByRole('button', { name: 'Sweep' }))
    expect(screen.getByRole('button', { name: 'Sweep' })).toHaveAttribute('aria-current', 'page')
    const sweep = screen.getByRole('region', { name: 'Sweep' })
    expect(sweep).toContainElement(screen.getByRole('button', { name: 'Run sweep' }))
    expect(screen.queryByRole('region', { name: 'Gantt chart' })).toBeNull()
    // Space and the arrows belong to the simulator's playback, which is not on screen.
    await user.keyboard(' {ArrowRight}{End}')
    expect(t.store.getState().playing).toBe(false)
    expect(t.store.getState().step).toBe(0)

    await user.click(screen.getByRole('button', { name: 'Simulator' }))
    expect(screen.getByRole('region', { name: 'Gantt chart' })).toBeInTheDocument()
    expect(screen.queryByRole('region', { name: 'Sweep' })).toBeNull()
    await user.keyboard('{ArrowRight}')
    expect(t.store.getState().step).toBe(1)
  })
})
