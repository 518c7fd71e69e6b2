import { mkdirSync } from 'node:fs'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../helpers/browser.ts'
import { serveDist } from '../helpers/server.ts'

// Issue 18's defects that only a real browser shows (layout, overflow, scrolling, zoom). Each
// test leaves a screenshot of the fixed state in test-results/ for a person to look at.

let browser: Browser
let server: { url: string; close: () => Promise<void> }
let context: BrowserContext | undefined
const shots = 'test-results'

beforeAll(async () => {
  mkdirSync(shots, { recursive: true })
  server = await serveDist()
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

afterEach(async () => {
  await context?.close()
  context = undefined
})

/** The app in a fresh context; `zoom` 2 is 200 % browser zoom (half the CSS pixels, twice the device pixels). */
async function open(options: { width?: number; height?: number; zoom?: number } = {}): Promise<Page> {
  const zoom = options.zoom ?? 1
  context = await browser.newContext({
    viewport: { width: (options.width ?? 1280) / zoom, height: (options.height ?? 800) / zoom },
    deviceScaleFactor: zoom,
  })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(server.url)
  await page.getByRole('button', { name: 'Play', exact: true }).waitFor()
  expect(errors).toEqual([])
  return page
}

const runToEnd = async (page: Page) => {
  await page.getByRole('button', { name: 'Run to end', exact: true }).click()
  await expect.poll(() => page.getByRole('table', { name: 'Results', exact: true }).isVisible(), { timeout: 10_000 }).toBe(true)
}

const BROKEN_CSV = 'Task,Workload,Memory,Weight,ArrivalTime,Phase,Tokens\nA,Qwen3,30,1,0,1,-5\n'

/** Whether a box lies wholly inside the viewport. */
function inViewport(box: { x: number; y: number; width: number; height: number } | null, page: Page): boolean {
  const v = page.viewportSize()!
  return box !== null && box.x >= 0 && box.y >= 0 && box.x + box.width <= v.width && box.y + box.height <= v.height
}

describe('issue 18 defects in Chromium', () => {
  it('2: a dragged file shows the drop overlay over the window, and a refused drop explains itself in view', async () => {
    const page = await open()
    const file = await page.evaluateHandle((text) => {
      const dt = new DataTransfer()
      dt.items.add(new File([text], 'broken.csv', { type: 'text/csv' }))
      return dt
    }, BROKEN_CSV)
    await page.dispatchEvent('main', 'dragenter', { dataTransfer: file })
    const overlay = page.getByText('Drop a workload CSV or scenario JSON to import it')
    // The whole window less its 12 px margin, not a box inside the (off-screen) editor.
    expect(await overlay.boundingBox()).toEqual({ x: 12, y: 12, width: 1256, height: 776 })
    await page.screenshot({ path: `${shots}/defect-2-drop-overlay.png` })
    await page.dispatchEvent('main', 'drop', { dataTransfer: file })
    await expect.poll(() => overlay.count()).toBe(0)
    const alert = page.getByRole('alert').filter({ hasText: 'broken.csv was not imported' })
    await expect.poll(() => alert.textContent()).toContain("line 2, Tokens = '-5': tokens must not be negative")
    expect(inViewport(await page.getByRole('dialog', { name: 'Import refused' }).boundingBox(), page)).toBe(true)
    expect(await page.evaluate(() => window.scrollY)).toBe(0)
    await page.screenshot({ path: `${shots}/defect-2-drop-refused.png` })
  })

  it('12: an import error moves no button and goes away when another scenario is picked', async () => {
    const page = await open()
    const importButton = page.getByText('Import…', { exact: true })
    const exportButton = page.getByText('Export', { exact: true })
    await importButton.scrollIntoViewIfNeeded()
    const before = [await importButton.boundingBox(), await exportButton.boundingBox()]
    await page.getByLabel('Import workload').setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(BROKEN_CSV) })
    const alert = page.getByRole('alert').filter({ hasText: 'broken.csv was not imported' })
    await expect.poll(() => alert.count()).toBe(1)
    expect([await importButton.boundingBox(), await exportButton.boundingBox()]).toEqual(before)
    await page.screenshot({ path: `${shots}/defect-12-import-error.png` })
    await page.getByRole('button', { name: 'Dismiss' }).click()
    await page.getByLabel('Import workload').setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(BROKEN_CSV) })
    await expect.poll(() => alert.count()).toBe(1)
    // The dialog is modal; the scenario picker is switched from the keyboard behind it as a
    // link or undo would: the store's scenario changes, and the refusal no longer applies.
    await page.keyboard.press('Escape')
    await page.getByRole('combobox', { name: 'Scenario' }).selectOption('overload_test.csv')
    await expect.poll(() => page.getByRole('table', { name: 'Tasks', exact: true }).getAttribute('aria-rowcount')).toBe('16')
    expect(await alert.count()).toBe(0)
  })

  it('3: a sample picked from the list runs whole, as its imported file does', async () => {
    const page = await open()
    await page.getByRole('combobox', { name: 'Scenario' }).selectOption('algo_comparison.csv')
    const notice = page.getByRole('status').filter({ hasText: 'algo_comparison.csv: its last task arrives at 97.31 s' })
    await expect.poll(() => notice.count(), { timeout: 10_000 }).toBe(1)
    await runToEnd(page)
    const fifo = page.getByRole('table', { name: 'Results', exact: true }).getByRole('row').filter({ has: page.getByRole('cell', { name: 'FIFO', exact: true }) })
    // As `npm run sim -- --workload-file public/samples/algo_comparison.csv --max-time inf`:
    // 68 complete, the 12 DeepSeek-R1 tasks (83.9 GB per GPU at TP 8) never fit on H100s.
    await expect.poll(() => fifo.textContent()).toContain('469.592')
    expect(await fifo.textContent()).toContain('68 / 80')
    await page.screenshot({ path: `${shots}/defect-3-sample-whole.png` })
  })
})
