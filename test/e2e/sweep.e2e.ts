import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { sweepScales } from '../../src/charts/sweep-chart.ts'
import { sweepSeries } from '../../src/components/sweep/series.ts'
import { formatSweepJson, parseSweepJson } from '../../src/sweep/json.ts'
import { summaryOf } from '../../src/sweep/result.ts'
import { runSweep } from '../../src/sweep/run.ts'
import { SHOTS, useBuiltApp } from '../helpers/built-app.ts'

const app = useBuiltApp()

async function retype(page: Page, label: string, text: string) {
  await page.getByLabel(label, { exact: true }).fill(text)
}

describe('Sweep view in Chromium', () => {
  it('a sweep of 10 points × 4 policies draws the engine’s curves, exports them and opens a point', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(app.url)
    await page.getByRole('button', { name: 'Sweep', exact: true }).click()
    const sweep = page.getByRole('region', { name: 'Sweep', exact: true })
    await sweep.waitFor()

    // The default sweep is arrival rate 1 to 20 in 10 points over every policy; smaller workloads keep it quick.
    expect(await sweep.getByLabel('Parameter', { exact: true }).inputValue()).toBe('rate')
    expect(await sweep.getByLabel('Points', { exact: true }).inputValue()).toBe('10')
    await retype(page, 'Task count', '80')
    await retype(page, 'Seeds per point', '2')
    const policies = sweep.getByRole('group', { name: 'Sweep policies' }).getByRole('checkbox')
    expect(await policies.count()).toBe(4)
    await sweep.getByRole('button', { name: 'Run sweep', exact: true }).click()
    await expect.poll(() => sweep.getByRole('status').textContent(), { timeout: 60_000 }).toMatch(/^Done: 20 scenarios on \d+ workers?\.$/)

    // The export is the sweep as the page ran it; the engine, run here on its definition, gives the same file.
    const [download] = await Promise.all([page.waitForEvent('download'), sweep.getByRole('button', { name: 'Export sweep JSON', exact: true }).click()])
    const chunks: Buffer[] = []
    for await (const c of await download.createReadStream()) chunks.push(c as Buffer)
    const exported = Buffer.concat(chunks).toString()
    expect(download.suggestedFilename()).toBe('sweep-rate.json')
    const d = parseSweepJson(exported).definition
    expect(d).toMatchObject({ param: 'rate', from: 1, to: 20, points: 10, seeds: 2, algorithms: ['FIFO', 'WeightedFIFO', 'SRPT', 'WSRPT'] })
    const engine = runSweep(d)
    expect(exported).toBe(formatSweepJson(engine))

    // Four curves, each through the engine's mean at every point, where the chart's scales put it.
    const svg = sweep.getByRole('img', { name: /^Sweep chart: Mean flow time/ })
    expect(await svg.locator('path.line').count()).toBe(4)
    expect(await svg.locator('path.band').count()).toBe(4)
    const width = Number(await svg.getAttribute('width'))
    const height = Number(await svg.getAttribute('height'))
    const { x, y } = sweepScales({ width, height, series: sweepSeries(engine, 'mean_flow') })
    const dots = await svg.locator('circle.dot').evaluateAll((els) =>
      els.map((e) => ({ a: e.getAttribute('data-algorithm')!, p: Number(e.getAttribute('data-point')), v: Number(e.getAttribute('data-value')), cx: Number(e.getAttribute('cx')), cy: Number(e.getAttribute('cy')) })),
    )
    expect(dots).toHaveLength(40)
    for (const dot of dots) {
      const mean = summaryOf(engine, dot.p, dot.a, 'mean_flow')!.mean!
      expect(dot.v).toBe(mean)
      expect(dot.cx).toBeCloseTo(x(engine.points[dot.p]!.value), 6)
      expect(dot.cy).toBeCloseTo(y(mean), 6)
    }
    // Under load the policies part: at 20 tasks/s FIFO's mean flow is above SRPT's.
    expect(summaryOf(engine, 9, 'FIFO', 'mean_flow')!.mean!).toBeGreaterThan(summaryOf(engine, 9, 'SRPT', 'mean_flow')!.mean!)
    await page.screenshot({ path: `${SHOTS}/sweep-10x4.png`, fullPage: true })

    // A dot opens its scenario (first seed) in the simulator, whose Results agree with the sweep's run.
    await svg.locator('circle.dot[data-algorithm="SRPT"][data-point="9"]').click()
    const results = page.getByRole('table', { name: 'Results', exact: true })
    const srpt = results.getByRole('row').filter({ has: page.getByRole('cell', { name: 'SRPT', exact: true }) })
    const run = engine.runs.find((r) => r.point === 9 && r.seed === 0 && r.algorithm === 'SRPT')!
    await expect.poll(() => srpt.textContent(), { timeout: 30_000 }).toContain(run.metrics.weighted_flow!.toFixed(3))
    expect(await srpt.textContent()).toContain(run.metrics.mean_flow!.toFixed(3))
    expect(await page.getByRole('button', { name: 'Simulator', exact: true }).getAttribute('aria-current')).toBe('page')
    await page.screenshot({ path: `${SHOTS}/sweep-opened.png` })
    expect(errors).toEqual([])
    await context.close()
  })

  it('Cancel sweep terminates the sweep workers at once', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await page.goto(app.url)
    await page.getByRole('button', { name: 'Sweep', exact: true }).click()
    const sweep = page.getByRole('region', { name: 'Sweep', exact: true })
    // Long enough not to finish first: 10 points × 20 seeds of 2,000 tasks.
    await retype(page, 'Task count', '2000')
    await retype(page, 'Seeds per point', '20')
    const sweepWorkers = () => page.workers().filter((w) => w.url().includes('sweep.worker')).length
    await sweep.getByRole('button', { name: 'Run sweep', exact: true }).click()
    await expect.poll(sweepWorkers).toBeGreaterThan(0)
    expect(await sweep.getByRole('status').textContent()).toMatch(/of 200 scenarios on \d+ workers/)
    await sweep.getByRole('button', { name: 'Cancel sweep', exact: true }).click()
    await expect.poll(sweepWorkers).toBe(0)
    expect(await sweep.getByRole('status').textContent()).toContain('Sweep cancelled')
    expect(await sweep.getByRole('button', { name: 'Run sweep', exact: true }).isEnabled()).toBe(true)
    await context.close()
  })
})
