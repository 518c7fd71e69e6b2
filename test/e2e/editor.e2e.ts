import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../helpers/browser.ts'
import { readFixture } from '../helpers/scenario.ts'
import { resultsRowText } from '../helpers/built-app.ts'
import { serveDist } from '../helpers/server.ts'

let browser: Browser
let server: { url: string; close: () => Promise<void> }

beforeAll(async () => {
  server = await serveDist()
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function open(url = server.url): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin })
  const page = await context.newPage()
  await page.goto(url)
  return { context, page }
}

describe('editing, sharing and keeping scenarios', () => {
  it('h100_32gpu gives FIFO 96.000; the copied link opens the same scenario and numbers elsewhere', async () => {
    const { context, page } = await open()
    await page.getByRole('combobox', { name: 'Cluster', exact: true }).selectOption('h100_32gpu')
    await page.getByRole('button', { name: 'Run to end', exact: true }).click()
    await expect.poll(() => resultsRowText(page, 'FIFO')).toContain('96.000')
    await expect.poll(() => page.url()).toContain('#s=1.')
    await page.getByRole('button', { name: 'Copy link', exact: true }).click()
    // Copying waits for the link's encoding when it is not ready (pending): the clipboard (empty in
    // this new context) is polled until the copy lands.
    const readClipboard = () => page.evaluate(() => navigator.clipboard.readText()).catch(() => page.url())
    await expect.poll(readClipboard).toContain('#s=1.')
    const copied = await readClipboard()
    // The address follows the cursor (its time) a moment after the run ends: it catches up to the copy.
    await expect.poll(() => page.url()).toBe(copied)
    const other = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    const fresh = await other.newPage()
    await fresh.goto(copied)
    await expect.poll(() => fresh.getByRole('combobox', { name: 'Cluster', exact: true }).inputValue()).toBe('h100_32gpu')
    await fresh.getByRole('button', { name: 'Run to end', exact: true }).click()
    await expect.poll(() => resultsRowText(fresh, 'FIFO')).toContain('96.000')
    expect(await resultsRowText(fresh, 'WeightedFIFO')).toBe(await resultsRowText(page, 'WeightedFIFO'))
    await other.close()
    await context.close()
  })

  it('imports overload_test.csv and shows its 15 tasks; a broken CSV is refused and the scenario stays', async () => {
    const { context, page } = await open()
    await page.getByLabel('Import workload').setInputFiles({ name: 'overload_test.csv', mimeType: 'text/csv', buffer: Buffer.from(readFixture('workloads/overload_test.csv')) })
    const tasks = page.getByRole('table', { name: 'Tasks', exact: true })
    await expect.poll(() => tasks.getAttribute('aria-rowcount')).toBe('16')
    await expect.poll(() => tasks.textContent()).toContain('T15')
    await page.getByLabel('Import workload').setInputFiles({
      name: 'broken.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Task,Workload,Memory,Weight,ArrivalTime,Phase,Tokens\nA,Qwen3,30,1,0,1,-5\n'),
    })
    const alert = page.getByRole('alert').filter({ hasText: 'broken.csv was not imported' })
    await expect.poll(() => alert.textContent()).toContain("line 2, Tokens = '-5': tokens must not be negative")
    expect(await tasks.getAttribute('aria-rowcount')).toBe('16')
    expect(await page.getByRole('combobox', { name: 'Scenario' }).inputValue()).toBe('overload_test.csv')
    await context.close()
  })

  it('a reload restores the scenario; a malformed link falls back with a message', async () => {
    const { context, page } = await open()
    await page.getByRole('combobox', { name: 'Cluster', exact: true }).selectOption('h100_8gpu')
    await page.getByRole('switch', { name: 'Reference mode' }).check()
    // Saving is debounced and waits for an idle moment: reload once it is there.
    await expect.poll(() => page.evaluate("localStorage.getItem('schedscope') ?? ''")).toMatch(/"mode":"reference"/)
    await page.goto(server.url)
    await expect.poll(() => page.getByRole('combobox', { name: 'Cluster', exact: true }).inputValue()).toBe('h100_8gpu')
    expect(await page.getByRole('switch', { name: 'Reference mode' }).isChecked()).toBe(true)
    await page.getByRole('button', { name: 'Run to end', exact: true }).click()
    await expect.poll(() => resultsRowText(page, 'WeightedFIFO')).toContain('156.040')
    await page.goto(`${server.url}#s=1.not-a-scenario`)
    await page.reload()
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'This link could not be opened' }).count()).toBe(1)
    expect(await page.getByRole('combobox', { name: 'Cluster', exact: true }).inputValue()).toBe('h100_16gpu')
    await context.close()
  })

  it('exports the scenario, results and charts as files', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true })
    const page = await context.newPage()
    await page.goto(server.url)
    await page.getByRole('button', { name: 'Run to end', exact: true }).click()
    await expect.poll(() => resultsRowText(page, 'FIFO')).toContain('336.000')
    const download = async (item: RegExp) => {
      await page.getByText('Export', { exact: true }).click()
      const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: item }).click()])
      const stream = await d.createReadStream()
      const chunks: Buffer[] = []
      for await (const c of stream) chunks.push(c as Buffer)
      return { name: d.suggestedFilename(), body: Buffer.concat(chunks) }
    }
    const results = await download(/^Results \(JSON\)/)
    expect(results.name).toBe('discriminating-results.json')
    expect(JSON.parse(results.body.toString()).discriminating_WeightedFIFO.weighted_waiting_time).toBeCloseTo(102, 9)
    const trace = await download(/^Trace \(CSV\)/)
    expect(trace.body.toString().split('\n')[0]).toBe('algorithm,task,model,weight,arrival,start,completion,gpus')
    const svg = await download(/^Gantt chart \(SVG\)/)
    expect(svg.body.toString()).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/)
    expect(svg.body.toString()).toContain('<image')
    const png = await download(/^Metrics \(PNG\)/)
    expect(png.body.subarray(1, 4).toString()).toBe('PNG')
    await context.close()
  })
})
