import { describe, expect, it } from 'vitest'
import { readFixture } from '../helpers/scenario.ts'
import { resultsCells, SHOTS, useBuiltApp } from '../helpers/built-app.ts'

// The helper workers' scripts fail to load (a flaky network, a proxy that blocks them): the page
// parses, encodes and makes memory itself, and the curves say what failed, rather than an
// import, the link or the curves waiting for ever. The simulation's own worker still loads.

const app = useBuiltApp()

describe('helper workers that fail to load, in Chromium', () => {
  it('an import still opens and runs, the link is still made, and the curves say what failed', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } })
    try {
      const blocked: string[] = []
      await context.route(/\/assets\/(parse|encode|series|zeroed)\.worker-[^/]*\.js$/, (route) => {
        blocked.push(new URL(route.request().url()).pathname.replace(/-[^-/]*\.js$/, ''))
        return route.abort()
      })
      const page = await context.newPage()
      const errors: string[] = []
      page.on('pageerror', (e) => errors.push(e.message))
      await page.goto(app.url)

      // The default scenario's curves come from the series worker.
      await expect
        .poll(() => page.getByText(/^The curves could not be drawn/).textContent())
        .toBe('The curves could not be drawn: a background worker failed. Reload the page to try again.')
      await page.getByText(/^The curves could not be drawn/).scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${SHOTS}/worker-failure-curves-1280.png` })

      await page.getByLabel('Import workload').setInputFiles({ name: 'preemption.json', mimeType: 'application/json', buffer: Buffer.from(readFixture('serving/preemption.json')) })
      await expect.poll(() => page.getByRole('combobox', { name: 'Scenario' }).textContent()).toContain('preemption.json')
      await page.getByRole('button', { name: 'Run to end', exact: true }).click()
      await expect.poll(async () => (await resultsCells(page, 'FIFO'))['Preemptions']).toBe('18')
      expect((await resultsCells(page, 'WSRPT'))['Preemptions']).toBe('5')
      // Encoded on the page: the address holds the imported scenario's link.
      await expect.poll(() => page.url()).toContain('#s=1.')
      await page.screenshot({ path: `${SHOTS}/worker-failure-1280.png`, fullPage: true })

      expect(blocked).toContain('/assets/parse.worker')
      expect(blocked).toContain('/assets/encode.worker')
      expect(blocked).toContain('/assets/series.worker')
      expect(errors).toEqual([])
    } finally {
      await context.close()
    }
  })
})
