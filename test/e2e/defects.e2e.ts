import type { BrowserContext, Page, Worker } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { axeViolations } from '../helpers/axe.ts'
import { SHOTS, useBuiltApp } from '../helpers/built-app.ts'

// Issue 18's defects that only a real browser shows (layout, overflow, scrolling, zoom). Each
// test leaves a screenshot of the fixed state in test-results/ for a person to look at.

let context: BrowserContext | undefined

const app = useBuiltApp()

afterEach(async () => {
  await context?.close()
  context = undefined
})

/** The app in a fresh context; `zoom` 2 is 200 % browser zoom (half the CSS pixels, twice the device pixels). */
async function open(options: { width?: number; height?: number; zoom?: number } = {}): Promise<Page> {
  const zoom = options.zoom ?? 1
  context = await app.browser.newContext({
    viewport: { width: Math.round((options.width ?? 1280) / zoom), height: Math.round((options.height ?? 800) / zoom) },
    deviceScaleFactor: zoom,
  })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(app.url)
  await page.getByRole('button', { name: 'Play', exact: true }).waitFor()
  expect(errors).toEqual([])
  return page
}

const runToEnd = async (page: Page) => {
  await page.getByRole('button', { name: 'Run to end', exact: true }).click()
  await expect.poll(() => page.getByRole('table', { name: 'Results', exact: true }).isVisible()).toBe(true)
}

const BROKEN_CSV = 'Task,Workload,Memory,Weight,ArrivalTime,Phase,Tokens\nA,Qwen3,30,1,0,1,-5\n'

/** How many dark pixels (text, lines: each channel under 160) a PNG has inside `box`, decoded by the page. */
function darkPixels(page: Page, png: Buffer, box: { x: number; y: number; width: number; height: number }): Promise<number> {
  return page.evaluate(
    async ({ b64, box }) => {
      const img = new Image()
      img.src = `data:image/png;base64,${b64}`
      await img.decode()
      const canvas = document.createElement('canvas')
      canvas.width = Math.round(box.width)
      canvas.height = Math.round(box.height)
      const ctx = canvas.getContext('2d')!
      ctx.drawImage(img, -Math.round(box.x), -Math.round(box.y))
      const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data
      let n = 0
      for (let i = 0; i < d.length; i += 4) if (d[i]! < 160 && d[i + 1]! < 160 && d[i + 2]! < 160) n++
      return n
    },
    { b64: png.toString('base64'), box },
  )
}

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
    await page.screenshot({ path: `${SHOTS}/defect-2-drop-overlay.png` })
    expect(await axeViolations(page)).toEqual([])
    await page.dispatchEvent('main', 'drop', { dataTransfer: file })
    await expect.poll(() => overlay.count()).toBe(0)
    const alert = page.getByRole('alert').filter({ hasText: 'broken.csv was not imported' })
    await expect.poll(() => alert.textContent()).toContain("line 2, Tokens = '-5': tokens must not be negative")
    expect(inViewport(await page.getByRole('dialog', { name: 'Import refused' }).boundingBox(), page)).toBe(true)
    expect(await page.evaluate(() => window.scrollY)).toBe(0)
    await page.screenshot({ path: `${SHOTS}/defect-2-drop-refused.png` })
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
    await page.screenshot({ path: `${SHOTS}/defect-12-import-error.png` })
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
    await expect.poll(() => notice.count()).toBe(1)
    await runToEnd(page)
    const fifo = page.getByRole('table', { name: 'Results', exact: true }).getByRole('row').filter({ has: page.getByRole('cell', { name: 'FIFO', exact: true }) })
    // As `npm run sim -- --workload-file public/samples/algo_comparison.csv --max-time inf`:
    // 68 complete, the 12 DeepSeek-R1 tasks (83.9 GB per GPU at TP 8) never fit on H100s.
    await expect.poll(() => fifo.textContent()).toContain('469.592')
    expect(await fifo.textContent()).toContain('68 / 80')
    await page.screenshot({ path: `${SHOTS}/defect-3-sample-whole.png` })
  })

  for (const width of [1280, 1920]) {
    it(`1: the WSRPT queue shows its ranking column whole at ${width} wide`, async () => {
      const page = await open({ width, height: width === 1280 ? 800 : 1080 })
      const queue = page.getByRole('region', { name: 'Queue' })
      await queue.getByRole('combobox', { name: 'Focused algorithm' }).selectOption('WSRPT')
      await page.getByRole('button', { name: 'Step forward', exact: true }).click()
      const key = queue.getByRole('columnheader', { name: 'weight / remaining' })
      await key.waitFor()
      const panel = (await queue.boundingBox())!
      const header = (await key.boundingBox())!
      // Inside the panel (less its 14 px padding), and nothing scrolls sideways.
      expect(header.x + header.width).toBeLessThanOrEqual(panel.x + panel.width - 14)
      expect(await queue.locator('.queue-scroll').evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0)
      // The heavy tasks' weight per second of work: 10 / 0.5 s = 20, shown in full.
      const first = queue.getByRole('row').nth(1).getByRole('cell').last()
      expect(await first.textContent()).toBe('20')
      const cell = (await first.boundingBox())!
      expect(cell.x + cell.width).toBeLessThanOrEqual(panel.x + panel.width - 14)
      await page.screenshot({ path: `${SHOTS}/defect-1-queue-${width}.png` })
    })
  }

  it('9: tasks that have just started show on the Gantt at t = 0, right of the cursor', async () => {
    const page = await open()
    await expect.poll(() => page.getByRole('region', { name: 'Queue' }).locator('.queue-summary').textContent()).toContain('8 running')
    const canvas = page.getByRole('img', { name: 'FIFO schedule on 16 GPUs (focus view)' })
    // Painted pixels 2 to 6 CSS px right of the cursor (x = 0), in GPU 15's row (the cursor's
    // head is at the top): the light blue of the weight-1 tasks, not the empty band.
    const painted = await canvas.evaluate((el: HTMLCanvasElement) => {
      const ctx = el.getContext('2d')!
      const dpr = el.width / el.clientWidth
      const y = Math.round((el.clientHeight - 8) * dpr)
      const px = ctx.getImageData(Math.round(2 * dpr), y, Math.round(4 * dpr), 1).data
      const colors = new Set<string>()
      for (let i = 0; i < px.length; i += 4) colors.add(`${px[i]},${px[i + 1]},${px[i + 2]}`)
      return [...colors]
    })
    expect(painted).toEqual(['158,202,225'])
    await page.screenshot({ path: `${SHOTS}/defect-9-t0.png` })
  })

  it('5 and 11: the queue and the Gantt say why GPUs idle while tasks wait', async () => {
    const page = await open()
    await page.getByRole('switch', { name: 'Reference mode' }).check()
    await runToEnd(page)
    await page.getByRole('group', { name: 'Focus view' }).getByRole('button', { name: 'WeightedFIFO' }).click()
    await page.getByRole('slider', { name: 'Time' }).fill('120')
    const note = page.getByRole('region', { name: 'Gantt chart' }).getByRole('note')
    await expect.poll(() => note.textContent()).toBe(
      '8 GPUs idle while 4 tasks wait: the reference starts at most ⌊free / 2⌋ − running = ⌊8 / 2⌋ − 4 = 0 tasks (it counts running tasks twice).',
    )
    const queue = page.getByRole('region', { name: 'Queue' })
    expect(await queue.getByText(/reference slots/).textContent()).toBe('reference slots 0 = ⌊8 free / 2⌋ − 4 running')
    await page.screenshot({ path: `${SHOTS}/defect-11-reference-idle.png` })
    await queue.getByRole('combobox', { name: 'Focused algorithm' }).selectOption('SRPT')
    await page.getByRole('slider', { name: 'Time' }).fill('1')
    await queue.getByRole('columnheader', { name: 'remaining (s) FLOPs estimate' }).waitFor()
    await page.screenshot({ path: `${SHOTS}/defect-11-reference-estimate.png` })
  })

  it('13: "Link copied" shows under the button without growing the header or moving the page', async () => {
    const page = await open()
    await context!.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin })
    const header = page.getByRole('banner')
    const before = await header.boundingBox()
    const playBefore = await page.getByRole('button', { name: 'Play', exact: true }).boundingBox()
    await page.getByRole('button', { name: 'Copy link', exact: true }).click()
    const status = page.getByRole('status').filter({ hasText: 'Link copied' })
    await expect.poll(() => status.count()).toBe(1)
    expect(await header.boundingBox()).toEqual(before)
    expect(await page.getByRole('button', { name: 'Play', exact: true }).boundingBox()).toEqual(playBefore)
    expect(inViewport(await status.boundingBox(), page)).toBe(true)
    await page.screenshot({ path: `${SHOTS}/defect-13-link-copied.png` })
    expect(await axeViolations(page)).toEqual([])
  })

  it('15: a full-page capture and a print show the panels below the fold as they are', async () => {
    // At 200 % zoom (640 × 400 CSS px) the metrics and the editor lie far below the fold and
    // were never in view; another workload is picked and run to its end.
    const page = await open({ zoom: 2 })
    await page.getByRole('combobox', { name: 'Scenario' }).selectOption('llm_task2.csv')
    await expect.poll(() => page.getByText('500 tasks').count()).toBeGreaterThan(0)
    await runToEnd(page)
    const metrics = page.getByRole('region', { name: 'Metrics' })
    const editor = page.getByRole('region', { name: 'Scenario editor' })
    // The curves of this run (its last arrival is at 49.96 s), not those of the run before (3 s).
    const lastTick = metrics.getByRole('figure', { name: 'Queue length' }).locator('g.x-axis .tick:last-of-type text')
    await expect.poll(async () => Number(await lastTick.textContent())).toBeGreaterThan(49)
    expect(await page.evaluate(() => window.scrollY)).toBe(0)
    const png = await page.screenshot({ path: `${SHOTS}/defect-15-full-page.png`, fullPage: true })
    // Boxes in page coordinates (the page is not scrolled): their text and curves are painted.
    const dpr = 2
    const scaled = (b: { x: number; y: number; width: number; height: number }) => ({ x: b.x * dpr, y: b.y * dpr, width: b.width * dpr, height: b.height * dpr })
    expect(await darkPixels(page, png, scaled((await metrics.boundingBox())!))).toBeGreaterThan(20_000)
    expect(await darkPixels(page, png, scaled((await editor.boundingBox())!))).toBeGreaterThan(8_000)
    await page.emulateMedia({ media: 'print' })
    const printed = await page.screenshot({ fullPage: true })
    expect(await darkPixels(page, printed, scaled((await metrics.boundingBox())!))).toBeGreaterThan(20_000)
  })

  for (const zoom of [1, 1.25, 1.5, 2]) {
    it(`16: at ${zoom * 100} % zoom of 1280×800 the bars stay short and nothing scrolls sideways`, async () => {
      const page = await open({ zoom })
      await runToEnd(page)
      const size = await page.evaluate(() => ({
        width: innerWidth,
        height: innerHeight,
        pageWidth: document.documentElement.scrollWidth,
        header: document.querySelector('header')!.getBoundingClientRect().height,
        bars: document.querySelector('.top-bars')!.getBoundingClientRect().height,
      }))
      // The sticky bars (play, time, speed) take at most a fifth of the height, the header and
      // the bars together under half of it (at 200 % they took 135 and 206 of 400 px).
      expect(size.bars).toBeLessThanOrEqual(size.height / 5)
      expect(size.header + size.bars).toBeLessThan(size.height / 2)
      expect(size.pageWidth).toBe(size.width)
      if (zoom === 1) {
        // At 1280×800 itself: the header in two lines (it took three, 116 px) and the playback
        // tools in one (they took two, 94 px), so the Gantt starts 77 px higher.
        expect(size.header).toBeLessThanOrEqual(90)
        expect(size.bars).toBeLessThanOrEqual(52)
      }
      // The Results table fits its panel: no column ("vs FIFO" last) scrolls out of view.
      const results = page.getByRole('table', { name: 'Results', exact: true })
      expect(await results.evaluate((el) => el.parentElement!.scrollWidth - el.parentElement!.clientWidth)).toBe(0)
      const vsFifo = results.getByRole('row').filter({ has: page.getByRole('cell', { name: 'WSRPT', exact: true }) }).getByRole('cell').last()
      expect(await vsFifo.textContent()).toBe('69.6 %')
      await vsFifo.scrollIntoViewIfNeeded()
      expect(inViewport(await vsFifo.boundingBox(), page)).toBe(true)
      await page.evaluate(() => window.scrollTo(0, 0))
      await page.screenshot({ path: `${SHOTS}/defect-16-zoom-${zoom * 100}.png` })
      await results.screenshot({ path: `${SHOTS}/defect-16-results-${zoom * 100}.png` })
    })
  }

  it('robustness 3: Cancel ends a simulation stuck in its loop, and a fresh one runs what follows', async () => {
    context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } })
    let served = 0
    await context.route(/\/assets\/sim\.worker-[^/]*\.js$/, async (route) => {
      if (served++ > 0) return route.continue()
      // The first simulation worker spins on the first command, as a loop that never returns would.
      await route.fulfill({ contentType: 'text/javascript', body: 'self.onmessage = () => { for (;;) {} }' })
    })
    const page = await context.newPage()
    const simWorkers: Worker[] = []
    page.on('worker', (w) => {
      if (w.url().includes('sim.worker')) simWorkers.push(w)
    })
    await page.goto(app.url)
    const cancel = page.getByRole('button', { name: 'Cancel', exact: true })
    await cancel.waitFor()
    expect(await page.getByRole('progressbar', { name: 'Simulation progress' }).getAttribute('value')).toBe('0')
    await expect.poll(() => simWorkers.length).toBe(1)
    const ended = new Promise<void>((resolve) => simWorkers[0]!.once('close', () => resolve()))
    await cancel.click()
    await page.getByText('Simulation cancelled', { exact: false }).waitFor()
    await ended
    expect(served).toBe(2)
    // The next run goes to the fresh worker and finishes: reference mode's numbers (app.e2e.ts).
    await page.getByRole('switch', { name: 'Reference mode' }).check()
    await runToEnd(page)
    const fifo = page.getByRole('table', { name: 'Results', exact: true }).getByRole('row').filter({ has: page.getByRole('cell', { name: 'FIFO', exact: true }) })
    await expect.poll(() => fifo.textContent()).toContain('336.400')
    await page.screenshot({ path: `${SHOTS}/robustness-3-after-cancel.png` })
  })
})
