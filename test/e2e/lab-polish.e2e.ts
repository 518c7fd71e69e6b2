import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { axeViolations } from '../helpers/axe.ts'
import { openApp, resultsCells, resultsRowText, SHOTS, useBuiltApp } from '../helpers/built-app.ts'
import { readFixture } from '../helpers/scenario.ts'

// The policy sandbox's frozen built-ins in the real simulation worker, the request view from
// the keyboard, and the sweep table with five policies, in Chromium.

const app = useBuiltApp()

// A loaded machine draws the selection a few frames late.
const WAIT = { timeout: 30_000 }

/** Writes a policy in the editor and adds it (Check runs it on the sample tasks first). */
async function writePolicy(page: Page, name: string, key: string) {
  await page.getByRole('button', { name: 'Write a policy…', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Policy editor' })
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(name)
  await dialog.getByRole('textbox', { name: 'Key', exact: true }).fill(key)
  await dialog.getByRole('button', { name: 'Add', exact: true }).click()
  await expect.poll(() => page.getByRole('group', { name: 'Algorithms' }).getByRole('checkbox', { name, exact: true }).count()).toBe(1)
  await dialog.getByRole('button', { name: 'Close', exact: true }).click()
}

// Each write caught, so the policy runs beside the built-ins. In a realm where they succeed,
// Number.isNaN = () => true makes the metrics skip every task: FIFO's 336.000 became 0.
const TAMPER = [
  'try { Number.isNaN = () => true } catch (e) {}',
  'try { Array.prototype.sort = function () { return this.reverse() } } catch (e) {}',
  'try { Object.getPrototypeOf(Float64Array.prototype).sort = function () { return this } } catch (e) {}',
  'try { Number = null } catch (e) {}',
  'return t.arrival',
].join('\n')

describe('lab polish in Chromium', () => {
  it('a policy that tries to change built-ins changes nothing of FIFO’s run, and one that does not catch the error is told why', async () => {
    const { page, errors } = await openApp(app, { width: 1280, height: 800 })
    await writePolicy(page, 'Tamper', TAMPER)
    await page.getByRole('button', { name: 'Run to end', exact: true }).click()
    // The discriminating workload: FIFO's weighted flow 336.000; Tamper's key is FIFO's.
    await expect.poll(() => resultsRowText(page, 'Tamper')).toContain('336.000')
    expect(await resultsRowText(page, 'FIFO')).toContain('336.000')
    expect(await resultsRowText(page, 'WeightedFIFO')).toContain('102.000')

    // The sample tasks Check tries have no 500-token task; the discriminating workload does.
    await writePolicy(page, 'Loud', 'if (t.tokens === 500) Number.isNaN = () => true\nreturn t.arrival')
    const failed = page.getByRole('alert').filter({ hasText: 'Simulation failed' })
    await expect
      .poll(() => failed.textContent())
      .toContain("policy Loud, line 1: TypeError: Cannot assign to read only property 'isNaN' of Number (a policy cannot change JavaScript's built-ins, such as Array.prototype, Math or Number: they are shared with the other policies)")
    await page.screenshot({ path: `${SHOTS}/policy-frozen-builtins.png` })
    // The worker is whole: without Loud the run is the same as before.
    await page.getByRole('group', { name: 'Algorithms' }).getByRole('checkbox', { name: 'Loud', exact: true }).uncheck()
    await page.getByRole('button', { name: 'Run to end', exact: true }).click()
    await expect.poll(() => resultsRowText(page, 'FIFO')).toContain('336.000')
    expect(await resultsRowText(page, 'Tamper')).toContain('336.000')
    expect(errors).toEqual([])
  })

  it('the request view selects with ↑/↓ and Home/End, tells the request, and goes on from a clicked row (preemption.json)', async () => {
    const { page, errors } = await openApp(app, { width: 1280, height: 800 })
    await page.getByRole('combobox', { name: 'Mode', exact: true }).selectOption({ label: 'Serving' })
    await page.getByLabel('Import workload').setInputFiles({ name: 'preemption.json', mimeType: 'application/json', buffer: Buffer.from(readFixture('serving/preemption.json')) })
    await expect.poll(() => page.getByRole('combobox', { name: 'Scenario' }).textContent()).toContain('preemption.json')
    await page.getByRole('button', { name: 'Run to end', exact: true }).click()
    // The Results table comes with the run's end; before the progress bar first shows, its
    // absence says nothing (a loaded machine failed here once, the run still at C's first try).
    await expect.poll(async () => (await resultsCells(page, 'FIFO'))['Preemptions']).toBe('18')
    const requests = page.getByRole('region', { name: 'Requests', exact: true })
    const rows = requests.getByRole('group', { name: 'Request rows, 6 in all', exact: true })
    await rows.waitFor({ timeout: 30_000 })
    await rows.focus()
    const told = requests.locator('.request-selected')
    const C = 'C: arrived 0.050 s · 200 in, 20 out · first token 2.842 s (TTFT 2.792 s) · finished 3.372 s (E2E 3.322 s) · 18 preemptions · replica 0'
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => told.textContent(), WAIT).toBe(C)
    expect(await rows.evaluate((el) => el === document.activeElement)).toBe(true)
    await requests.screenshot({ path: `${SHOTS}/requests-keyboard-C.png` })
    await page.keyboard.press('End')
    await expect.poll(() => told.textContent(), WAIT).toBe('F: arrived 0.200 s · 300 in, 30 out · rejected')
    // End was the list's: the page did not run to the end again or reset (the slider is where it was).
    await page.keyboard.press('Home')
    await expect.poll(() => told.textContent(), WAIT).toContain('A: arrived 0.000 s')
    // A click on C's row selects it and focuses the list: ↓ goes on from there, to D.
    await rows.evaluate((el) => (el as HTMLElement).blur())
    const canvas = requests.getByRole('img', { name: 'FIFO requests: one row per request' })
    const box = (await canvas.boundingBox())!
    await page.mouse.click(box.x + box.width * 0.6, box.y + 2 * 14 + 7)
    await expect.poll(() => told.textContent(), WAIT).toBe(C)
    expect(await rows.evaluate((el) => el === document.activeElement)).toBe(true)
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => told.textContent(), WAIT).toBe('D: arrived 0.100 s · 30 in, 150 out · first token 2.842 s (TTFT 2.742 s) · finished 6.993 s (E2E 6.893 s) · 0 preemptions · replica 0')
    expect({ violations: await axeViolations(page) }).toEqual({ violations: [] })
    expect(errors).toEqual([])
  })

  // At 1280 and 1920 every column fits (the headers wrap); at 1100 the numbers scroll sideways
  // and the Open column stays in view at the right edge.
  for (const [width, height, fits] of [
    [1280, 800, true],
    [1920, 1080, true],
    [1100, 800, false],
  ] as const) {
    it(`the sweep table with five policies shows ${fits ? 'every column' : 'the Open column'} (${width}×${height})`, async () => {
      const { page, errors } = await openApp(app, { width, height })
      await writePolicy(page, 'Deadline', 'return t.arrival + t.tokens / 1000')
      await page.getByRole('button', { name: 'Sweep', exact: true }).click()
      const sweep = page.getByRole('region', { name: 'Sweep', exact: true })
      await sweep.waitFor()
      const policies = sweep.getByRole('group', { name: 'Sweep policies' }).getByRole('checkbox')
      await expect.poll(() => policies.count()).toBe(5)
      for (const box of await policies.all()) await box.check()
      await sweep.getByLabel('Task count', { exact: true }).fill('40')
      await sweep.getByLabel('Seeds per point', { exact: true }).fill('2')
      await sweep.getByLabel('Points', { exact: true }).fill('4')
      await sweep.getByRole('button', { name: 'Run sweep', exact: true }).click()
      await expect.poll(() => sweep.getByRole('status').textContent(), { timeout: 60_000 }).toMatch(/^Done: /)
      const table = sweep.getByRole('table', { name: 'Sweep results', exact: true })
      expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Arrival rate (tasks/s)', 'Offered load', 'FIFO', 'WeightedFIFO', 'SRPT', 'WSRPT', 'Deadline', 'Open'])
      await sweep.screenshot({ path: `${SHOTS}/sweep-5-policies-${width}.png` })
      // Every Open button lies inside what the table's box shows (no part scrolled or cut off).
      const visible = await table.evaluate((t) => {
        const box = t.parentElement!.getBoundingClientRect()
        const doc = document.documentElement
        return { left: Math.max(box.left, 0), right: Math.min(box.right, doc.clientWidth), scrollable: t.parentElement!.scrollWidth > t.parentElement!.clientWidth }
      })
      expect(visible.scrollable).toBe(!fits)
      const opens = table.getByRole('button', { name: /^Open rate .* in the simulator$/ })
      expect(await opens.count()).toBe(4)
      for (const open of await opens.all()) {
        const b = (await open.boundingBox())!
        expect(b.x).toBeGreaterThanOrEqual(visible.left)
        expect(b.x + b.width).toBeLessThanOrEqual(visible.right)
      }
      expect({ violations: await axeViolations(page) }).toEqual({ violations: [] })
      expect(errors).toEqual([])
    })
  }
})
