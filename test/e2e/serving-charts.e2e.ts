import { describe, expect, it } from 'vitest'
import { axeViolations } from '../helpers/axe.ts'
import { resultsCells, SHOTS, useBuiltApp } from '../helpers/built-app.ts'

const app = useBuiltApp()

const TIME_CHARTS = ['Throughput over time', 'Goodput over time', 'Batch size over time', 'KV use over time']

describe('serving charts and the request generator in Chromium', () => {
  for (const [width, height] of [
    [1280, 800],
    [1920, 1080],
  ] as const) {
    it(`generate a Chat workload in serving mode, run to end: the curves over time draw and end on the Results (${width}×${height})`, async () => {
      const context = await app.browser.newContext({ viewport: { width, height } })
      const page = await context.newPage()
      const errors: string[] = []
      page.on('pageerror', (e) => errors.push(e.message))
      await page.goto(app.url)
      await page.getByRole('combobox', { name: 'Mode', exact: true }).selectOption({ label: 'Serving' })
      await page.getByRole('tab', { name: 'Generate', exact: true }).click()
      const form = page.getByRole('form', { name: 'Request generator' })
      await form.getByLabel('Preset').selectOption('Chat')
      await form.getByLabel('Request count').fill('120')
      await page.getByRole('button', { name: 'Generate', exact: true }).click()
      await expect.poll(() => page.getByRole('combobox', { name: 'Scenario' }).textContent()).toContain('generated (seed 42)')
      await page.screenshot({ path: `${SHOTS}/serving-generator-${width}.png`, fullPage: true })
      await page.getByRole('button', { name: 'Run to end', exact: true }).click()
      // The Completed cell of this run (120 requests) and not the previous scenario's.
      await expect.poll(async () => (await resultsCells(page, 'FIFO'))['Completed'], { timeout: 30_000 }).toBe('120 / 120')
      const throughput = (await resultsCells(page, 'FIFO'))['Throughput']!
      // At the end the rate so far is the Results table's, to its four significant digits.
      const readout = page.getByRole('list', { name: 'Throughput over time at the cursor' })
      await expect.poll(async () => (await readout.getByRole('listitem').first().textContent()) ?? '', { timeout: 120_000 }).toContain(`(so far ${throughput})`)
      for (const title of TIME_CHARTS) {
        const lines = page.getByRole('img', { name: `${title}, one line per algorithm` }).locator('path.line[data-algorithm]')
        // The algorithms' curves are computed one after another in idle slices: polled until all are drawn.
        await expect.poll(() => lines.count(), { timeout: 120_000 }).toBe(8)
        expect(((await lines.first().getAttribute('d')) ?? '').length).toBeGreaterThan(10)
      }
      // The notice that the run now goes on past 5 s would lie over the element screenshot.
      const dismiss = page.getByRole('button', { name: 'Dismiss', exact: true })
      if ((await dismiss.count()) > 0) await dismiss.first().click()
      await page.getByRole('heading', { name: 'Throughput over time' }).scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${SHOTS}/serving-charts-${width}.png`, fullPage: true })
      const metrics = page.locator('.metric-charts').nth(1)
      await metrics.screenshot({ path: `${SHOTS}/serving-time-charts-${width}.png` })
      expect(await axeViolations(page)).toEqual([])
      await page.getByRole('tab', { name: 'Generate', exact: true }).click()
      expect(await axeViolations(page)).toEqual([])
      expect(errors).toEqual([])
      await context.close()
    })
  }
})
