import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { discriminatingWorkload } from '../../src/engine/workloads/presets.ts'
import { encodeScenarioHash } from '../../src/sharing/share-link.ts'
import { readFixture, scenario } from '../helpers/scenario.ts'
import { resultsCells, SHOTS, useBuiltApp, resultsRowText } from '../helpers/built-app.ts'

const app = useBuiltApp()

async function open(url = app.url): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(url)
  return { context, page, errors }
}

/** Writes a policy in the editor and adds it (the dialog stays open). */
async function writePolicy(page: Page, name: string, key: string, higherFirst: boolean) {
  await page.getByRole('button', { name: 'Write a policy…', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Policy editor' })
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(name)
  if (higherFirst) await dialog.getByRole('switch', { name: 'Higher first' }).check()
  await dialog.getByRole('textbox', { name: 'Key', exact: true }).fill(key)
  await dialog.getByRole('button', { name: 'Add', exact: true }).click()
  await expect.poll(() => page.getByRole('group', { name: 'Algorithms' }).getByRole('checkbox', { name, exact: true }).count()).toBe(1)
  await dialog.getByRole('button', { name: 'Close', exact: true }).click()
}

describe('a policy written in the browser', () => {
  it('runs, appears in Results, survives a reload, and a share link after consent', async () => {
    const { context, page, errors } = await open()
    await writePolicy(page, 'Heavy', '// heaviest first, as WeightedFIFO\nreturn t.weight', true)
    await page.getByRole('button', { name: 'Run to end', exact: true }).click()
    // WeightedFIFO's key on the discriminating workload: 102.000 (FIFO: 336.000).
    await expect.poll(() => resultsRowText(page, 'Heavy')).toContain('102.000')
    expect(await resultsRowText(page, 'FIFO')).toContain('336.000')

    // Saved (after the run, in idle time), and in the address.
    await expect.poll(() => page.evaluate("localStorage.getItem('schedscope') ?? ''")).toContain('"name":"Heavy"')
    await expect.poll(() => page.url()).toContain('#s=1.')
    const link = page.url()
    await page.reload()
    await expect.poll(() => page.getByRole('group', { name: 'Algorithms' }).getByRole('checkbox', { name: 'Heavy', exact: true }).isChecked()).toBe(true)
    // The user's own policy, word for word: not asked about.
    expect(await page.getByRole('alertdialog').count()).toBe(0)
    await page.getByRole('button', { name: 'Run to end', exact: true }).click()
    await expect.poll(() => resultsRowText(page, 'Heavy')).toContain('102.000')

    // Someone else opens the link: asked first, with the code shown.
    const other = await open(link)
    const ask = other.page.getByRole('alertdialog')
    await expect.poll(() => ask.textContent()).toContain('This link contains a policy written by someone else: run it?')
    expect(await ask.textContent()).toContain('return t.weight')
    await ask.getByRole('button', { name: 'Run it', exact: true }).click()
    await other.page.getByRole('button', { name: 'Run to end', exact: true }).click()
    await expect.poll(() => resultsRowText(other.page, 'Heavy')).toContain('102.000')
    expect(other.errors).toEqual([])
    await other.context.close()

    // Declined: the scenario without it, and a notice saying so.
    const third = await open(link)
    await third.page.getByRole('alertdialog').getByRole('button', { name: 'Open without it', exact: true }).click()
    await expect.poll(() => third.page.getByText('opened without the policy written by someone else').count()).toBe(1)
    expect(await third.page.getByRole('group', { name: 'Algorithms' }).getByRole('checkbox', { name: 'Heavy', exact: true }).count()).toBe(0)
    await third.context.close()

    expect(errors).toEqual([])
    await context.close()
    // Three pages and four runs: a hang guard, not a speed test.
  }, 300_000)

  it('a link pasted into an open tab asks too', async () => {
    const hash = encodeScenarioHash(scenario(discriminatingWorkload(), { cluster: 'h100_16gpu' }), ['FIFO', 'Heavy'], 'pasted', [{ name: 'Heavy', higherFirst: true, key: 't.weight' }])!
    const { context, page, errors } = await open()
    await expect.poll(() => page.getByRole('group', { name: 'Algorithms' }).getByRole('checkbox').count()).toBe(4)
    await page.evaluate((h) => (window.location.hash = h), hash)
    const ask = page.getByRole('alertdialog')
    await expect.poll(() => ask.textContent()).toContain('This link contains a policy written by someone else: run it?')
    await ask.getByRole('button', { name: 'Run it', exact: true }).click()
    await page.getByRole('button', { name: 'Run to end', exact: true }).click()
    await expect.poll(() => resultsRowText(page, 'Heavy')).toContain('102.000')
    expect(errors).toEqual([])
    await context.close()
  })

  it('a looping policy is stopped with its line, and the page stays responsive', async () => {
    const { context, page, errors } = await open()
    // The sample tasks Check tries have no 500-token task; the discriminating workload does.
    await writePolicy(page, 'Stuck', 'if (t.tokens === 500) {\n  while (true) {}\n}\nreturn t.weight', false)
    const failed = page.getByRole('alert').filter({ hasText: 'Simulation failed' })
    await expect.poll(() => failed.textContent()).toContain('policy Stuck, line 2: stopped after 1,000,000 steps for one task (an endless loop?)')
    // Responsive: the page answers a click, and without the policy the run is whole again.
    await page.getByRole('group', { name: 'Algorithms' }).getByRole('checkbox', { name: 'Stuck', exact: true }).uncheck()
    await page.getByRole('button', { name: 'Run to end', exact: true }).click()
    await expect.poll(() => resultsRowText(page, 'FIFO')).toContain('336.000')
    expect(errors).toEqual([])
    await context.close()
  })

  it('ranks its serving queue with the keys the worker works out (preemption.json)', async () => {
    const { context, page, errors } = await open()
    await page.getByRole('combobox', { name: 'Mode', exact: true }).selectOption({ label: 'Serving' })
    await page.getByLabel('Import workload').setInputFiles({ name: 'preemption.json', mimeType: 'application/json', buffer: Buffer.from(readFixture('serving/preemption.json')) })
    await expect.poll(() => page.getByRole('combobox', { name: 'Scenario' }).textContent()).toContain('preemption.json')
    // WSRPT's serving key: weight / output tokens left, larger first.
    await writePolicy(page, 'Dense', 't.weight / t.remaining', true)
    await page.getByRole('button', { name: 'Run to end', exact: true }).click()
    await expect.poll(async () => (await resultsCells(page, 'Dense'))['Preemptions']).toBe('5')
    const queue = page.getByRole('region', { name: 'Queue', exact: true })
    await queue.getByRole('combobox', { name: 'Focused algorithm' }).selectOption('Dense')
    await page.getByRole('slider', { name: 'Time' }).evaluate((el) => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(el, '22')
      el.dispatchEvent(new Event('input', { bubbles: true }))
    })
    // At 0.22 s E has just arrived, B waits again having kept 7 tokens, A 3: 1/5, 5/93, 1/97.
    const rows = () => queue.getByRole('table', { name: 'Tiny-Pool queue' }).locator('tbody tr').allTextContents()
    await expect.poll(rows).toEqual(['1E0.200', '2B0.054', '3A0.010'])
    await queue.screenshot({ path: `${SHOTS}/serving-user-policy-queue.png` })
    expect(errors).toEqual([])
    await context.close()
  })
})
