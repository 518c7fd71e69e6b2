import { describe, expect, it } from 'vitest'
import { readFixture } from '../helpers/scenario.ts'
import { SHOTS, useBuiltApp } from '../helpers/built-app.ts'

const app = useBuiltApp()

describe('serving mode in the scenario editor', () => {
  it("shows preemption.json's requests by their tokens and edits its deployment with the KV pool it gets", async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(app.url)
    await page.getByRole('combobox', { name: 'Mode', exact: true }).selectOption({ label: 'Serving' })
    await page.getByLabel('Import workload').setInputFiles({ name: 'preemption.json', mimeType: 'application/json', buffer: Buffer.from(readFixture('serving/preemption.json')) })
    await expect.poll(() => page.getByRole('combobox', { name: 'Scenario' }).textContent()).toContain('preemption.json')

    const tasks = page.getByRole('table', { name: 'Tasks', exact: true })
    expect(await tasks.getByRole('columnheader').allTextContents()).toEqual(['', 'id▲', 'model▲', 'weight▲', 'arrival (s)▲', 'Input tokens▲', 'Output tokens▲'])
    // Tiny-Pool is the scenario's own model: no warning.
    await expect.poll(() => page.getByText(/ tasks · 0 problems/).count()).toBe(1)
    const firstRow = tasks.getByRole('row').nth(1)
    expect(await firstRow.getByRole('cell').allTextContents()).toEqual(['', 'A', 'Tiny-Pool', '1', '0', '60', '100'])
    await firstRow.getByRole('cell').nth(6).getByRole('button').click()
    await page.getByRole('textbox', { name: 'Output tokens of A' }).fill('0')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByText(/ tasks · 1 problem$/).count()).toBe(1)
    await tasks.scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${SHOTS}/serving-task-table-1280.png` })
    await page.keyboard.press('Escape')

    await page.getByRole('tab', { name: 'Serving', exact: true }).click()
    const pool = page.getByRole('table', { name: 'KV pool per replica' })
    expect(await pool.getByRole('row').nth(1).getByRole('cell').allTextContents()).toEqual(['0', 'Tiny-Pool', '1', '0 (H100 SXM 80 GB)', '20', '320'])
    const replicas = page.getByRole('textbox', { name: 'Replicas of deployment 1' })
    await replicas.fill('9')
    await expect.poll(() => page.getByRole('alert', { name: 'Serving settings problems' }).textContent()).toContain('deployments[0].replicas = 9: replica 9 of Tiny-Pool TP 1 does not fit: no GPU left in node 0, the one node it fits on')
    await page.screenshot({ path: `${SHOTS}/serving-settings-error-1280.png` })
    await replicas.fill('2')
    await expect.poll(() => pool.getByRole('row').count()).toBe(3)
    await page.getByRole('button', { name: 'Apply serving settings' }).click()
    await expect.poll(() => page.getByRole('combobox', { name: 'Scenario' }).textContent()).toContain('preemption.json (edited)')
    await page.screenshot({ path: `${SHOTS}/serving-settings-1280.png` })
    expect(errors).toEqual([])
    await context.close()
  })
})
