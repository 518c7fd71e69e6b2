import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { axeViolations } from '../helpers/axe.ts'
import { readFixture } from '../helpers/scenario.ts'
import { openApp, SHOTS, setStep, useBuiltApp } from '../helpers/built-app.ts'

// The serving Gantt (rows by replica, iterations by batch and token mix) and the request view,
// on preemption.json (test/fixtures/serving): FIFO's replica 0 runs A and B from t = 0; C (200
// prompt tokens) arrives at 0.05 s and is preempted 18 times before its first token at 2.842 s.

const app = useBuiltApp()

const open = (width: number, height: number) => openApp(app, { width, height })

async function preemptions(page: Page, algorithm: string): Promise<string | undefined> {
  const table = page.getByRole('table', { name: 'Results', exact: true })
  const headers = await table.getByRole('columnheader').allTextContents()
  const row = table.getByRole('row').filter({ has: page.getByRole('cell', { name: algorithm, exact: true }) })
  const values = await row.getByRole('cell').allTextContents()
  return values[headers.indexOf('Preemptions')]
}

describe('the serving Gantt and the request view in Chromium', () => {
  for (const [width, height] of [
    [1280, 800],
    [1920, 1080],
  ] as const) {
    it(`preemption.json: legend, an iteration's batch on hover, C's 18 preemptions in the request view (${width}×${height})`, async () => {
      const { page, errors } = await open(width, height)
      await page.getByRole('combobox', { name: 'Mode', exact: true }).selectOption({ label: 'Serving' })
      await page.getByLabel('Import workload').setInputFiles({ name: 'preemption.json', mimeType: 'application/json', buffer: Buffer.from(readFixture('serving/preemption.json')) })
      await expect.poll(() => page.getByRole('combobox', { name: 'Scenario' }).textContent()).toContain('preemption.json')
      await page.getByRole('button', { name: 'Run to end', exact: true }).click()
      await expect.poll(() => preemptions(page, 'FIFO')).toBe('18')

      const gantt = page.getByRole('region', { name: 'Gantt chart', exact: true })
      expect(await gantt.getByRole('heading', { level: 2 }).textContent()).toContain('one row per GPU, grouped by replica; a bar is an iteration')
      const legend = gantt.getByRole('list', { name: 'Iteration fill', exact: true })
      expect(await legend.getByRole('listitem').allTextContents()).toEqual(['prefill tokens', 'recompute tokens', 'decode tokens', 'height: batch size (of the largest batch)'])

      // Iteration 2 of FIFO runs from 0.0557 to 0.0836 s: A and B decode, C prefills 126 tokens.
      // The window is the whole run, 0–7 s; replica 0 is GPU 0, the first row.
      await setStep(page, 50)
      const canvas = gantt.getByRole('img', { name: 'FIFO schedule on 8 GPUs (focus view)' })
      const box = (await canvas.boundingBox())!
      await page.mouse.move(box.x + (0.0697 / 7) * box.width, box.y + 6)
      const tip = gantt.getByRole('tooltip')
      await expect.poll(() => tip.textContent()).toContain('Replica 0 iteration')
      const tipText = (await tip.textContent())!
      expect(tipText).toContain('3 requests')
      expect(tipText).toContain('126 prefill · 2 decode')
      expect(await tip.getByRole('listitem').allTextContents()).toEqual(['A: 1 decode', 'B: 1 decode', 'C: 126 prefill'])
      expect(tipText).toMatch(/KV blocks\s*\d+ of 20/)
      // GPUs 1–7 hold no replica: the idle note says so, in serving words.
      await page.mouse.move(0, 0)
      const note = gantt.getByRole('note')
      await expect.poll(() => note.textContent()).toContain('GPUs 1–7 hold no replica')
      expect(await note.textContent()).not.toContain('fits')
      await gantt.screenshot({ path: `${SHOTS}/serving-gantt-${width}.png` })

      // The run's end: C's row tells its 18 preemptions, first token and finish.
      await setStep(page, 700)
      const requests = page.getByRole('region', { name: 'Requests', exact: true })
      const rows = requests.getByRole('img', { name: 'FIFO requests: one row per request' })
      const rbox = (await rows.boundingBox())!
      // Row 2 (C), 14 px a row, pointer past the ids.
      await page.mouse.move(rbox.x + rbox.width * 0.6, rbox.y + 2 * 14 + 7)
      const expected = 'C: arrived 0.050 s · 200 in, 20 out · first token 2.842 s (TTFT 2.792 s) · finished 3.372 s (E2E 3.322 s) · 18 preemptions · replica 0'
      await expect.poll(() => requests.getByRole('tooltip').textContent()).toContain(expected)
      await page.mouse.click(rbox.x + rbox.width * 0.6, rbox.y + 2 * 14 + 7)
      await expect.poll(() => requests.locator('.request-selected').textContent()).toBe(expected)
      await page.mouse.move(0, 0)
      await page.getByRole('checkbox', { name: 'Show future' }).check()
      await requests.screenshot({ path: `${SHOTS}/serving-requests-${width}.png` })
      await gantt.screenshot({ path: `${SHOTS}/serving-gantt-end-${width}.png` })
      expect({ violations: await axeViolations(page) }).toEqual({ violations: [] })
      expect(errors).toEqual([])
    })
  }

  it('playing keeps the height of the panels that skip their work below the fold, and the idle note its place (preemption.json)', async () => {
    const { page, errors } = await open(1280, 800)
    await page.getByRole('combobox', { name: 'Mode', exact: true }).selectOption({ label: 'Serving' })
    await page.getByLabel('Import workload').setInputFiles({ name: 'preemption.json', mimeType: 'application/json', buffer: Buffer.from(readFixture('serving/preemption.json')) })
    await expect.poll(() => page.getByRole('combobox', { name: 'Scenario' }).textContent()).toContain('preemption.json')
    await page.getByRole('button', { name: 'Run to end', exact: true }).click()
    await expect.poll(() => preemptions(page, 'FIFO')).toBe('18')
    await page.getByRole('button', { name: 'Reset', exact: true }).click()
    const heights = () => page.evaluate(() => ['.metrics-panel', '.editor-panel'].map((s) => document.querySelector(s)!.getBoundingClientRect().height))
    const requestsTop = () => page.getByRole('region', { name: 'Requests', exact: true }).evaluate((el) => el.getBoundingClientRect().top + window.scrollY)
    // GPUs 1–7 hold no replica: the note is there while paused, and hidden while playing.
    const note = page.getByRole('region', { name: 'Gantt chart', exact: true }).getByRole('note')
    await expect.poll(() => note.textContent()).toContain('GPUs 1–7 hold no replica')
    // Settled first: the parts below mount and catch up in turns, frames after the run and the
    // reset (use-mount-turn.ts, HeldOffscreen), so on a loaded machine a first reading could
    // come before them. The same heights ten frames apart.
    const settled = () =>
      page.evaluate(async () => {
        const read = () => ['.metrics-panel', '.editor-panel', 'section[aria-label="Requests"]'].map((s) => document.querySelector(s)?.getBoundingClientRect().height ?? -1)
        const first = read()
        for (let k = 0; k < 10; k++) await new Promise((r) => requestAnimationFrame(r))
        return read().every((h, k) => h === first[k])
      })
    await expect.poll(settled).toBe(true)
    const topBefore = await requestsTop()
    const before = await heights()
    expect(before.every((h) => h > 100 && h !== 900)).toBe(true)
    await page.getByRole('button', { name: 'Play', exact: true }).click()
    // Skipped (off-screen while playing), each keeps the height it had rather than the
    // stylesheet's 900 px placeholder.
    await expect.poll(() => page.evaluate(() => document.querySelector('.app')!.classList.contains('playing'))).toBe(true)
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
    const during = await heights()
    during.forEach((h, k) => expect(Math.abs(h - before[k]!)).toBeLessThan(0.5))
    // The note's place stays when the note goes: the requests below do not move up.
    expect(await note.count()).toBe(0)
    expect(Math.abs((await requestsTop()) - topBefore)).toBeLessThan(0.5)
    expect(errors).toEqual([])
  })
})
