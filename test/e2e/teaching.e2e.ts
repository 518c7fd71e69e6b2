import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { SHOTS, useBuiltApp } from '../helpers/built-app.ts'

const app = useBuiltApp()

async function open(width: number, height: number): Promise<{ page: Page; errors: string[] }> {
  const context = await app.browser.newContext({ viewport: { width, height } })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(app.url)
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('smith-rule')
  return { page, errors }
}

const bodyText = (page: Page) => page.evaluate(() => document.body.innerText)

describe('teaching flows in Chromium', () => {
  for (const [width, height] of [
    [1280, 800],
    [1920, 1080],
  ] as const) {
    it(`hide results, predict next, reveal; a breakdown highlights its tasks (${width}×${height})`, async () => {
      const { page, errors } = await open(width, height)
      await page.getByRole('switch', { name: 'Hide results' }).check()
      // smith-rule: FIFO 127, WeightedFIFO 66, SRPT 77, WSRPT 63 weighted flow.
      await expect.poll(() => page.getByRole('button', { name: 'Predict next' }).isEnabled()).toBe(true)
      for (const v of ['127.000', '66.000', '77.000', '63.000']) expect(await bodyText(page)).not.toContain(v)

      await page.getByRole('button', { name: 'Predict next' }).click()
      const prediction = page.getByRole('region', { name: 'Prediction' })
      await expect.poll(() => prediction.getByRole('heading').textContent()).toBe('Predict: which task does FIFO start next, at t = 0.00 s?')
      await page.screenshot({ path: `${SHOTS}/teach-predict-${width}.png` })
      // All four arrived at 0: FIFO takes queue order, A. B is the wrong answer.
      await prediction.getByRole('button', { name: /^B/ }).click()
      await expect.poll(() => prediction.locator('.predict-wrong').textContent()).toBe('Not this time: FIFO starts A, not B.')
      expect(await prediction.textContent()).toContain('all 4 waiting arrived at 0.00 s; FIFO takes queue order')
      await page.getByRole('button', { name: 'Reveal' }).click()
      await expect.poll(() => bodyText(page)).toContain('127.000')
      for (const v of ['66.000', '77.000', '63.000']) expect(await bodyText(page)).toContain(v)
      await page.screenshot({ path: `${SHOTS}/teach-revealed-${width}.png`, fullPage: true })

      // A breakdown: FIFO runs A 4, B 1, C 2, D 3 in that order: 1 × 4 + 1 × 5 + 4 × 7 + 9 × 10 = 127.
      await page.getByRole('button', { name: 'Run to end', exact: true }).click()
      await page.getByRole('table', { name: 'Results', exact: true }).getByRole('button', { name: '127.000' }).click()
      const breakdown = page.getByRole('region', { name: 'Breakdown' })
      await expect.poll(() => breakdown.locator('.breakdown-equation').textContent()).toBe('127.000 = 1 × 4.000 + 1 × 5.000 + 4 × 7.000 + 9 × 10.000')
      await expect.poll(() => page.locator('.gantt-view-focus .highlight-outline').count()).toBeGreaterThan(0)
      await breakdown.scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${SHOTS}/teach-breakdown-${width}.png`, fullPage: true })
      expect(errors).toEqual([])
    })
  }

  it('First divergence of FIFO and SRPT shows both queues and highlights both picks', async () => {
    const { page, errors } = await open(1280, 800)
    await expect.poll(() => page.getByRole('button', { name: 'First divergence' }).isEnabled()).toBe(true)
    await page.getByRole('combobox', { name: 'with' }).selectOption('SRPT')
    await page.getByRole('button', { name: 'First divergence' }).click()
    const panel = page.getByRole('region', { name: 'First divergence' })
    await expect.poll(() => panel.getByRole('heading', { level: 3 }).textContent()).toBe('First divergence of FIFO and SRPT: t = 0.00 s')
    expect(await panel.getByRole('group', { name: 'FIFO at the divergence' }).getByRole('heading').textContent()).toBe('FIFO starts A')
    expect(await panel.getByRole('group', { name: 'SRPT at the divergence' }).getByRole('heading').textContent()).toBe('SRPT starts B')
    await page.getByRole('button', { name: 'Run to end', exact: true }).click()
    await expect.poll(() => page.locator('.gantt-view-focus .highlight-outline').count()).toBeGreaterThan(0)
    await page.screenshot({ path: `${SHOTS}/teach-divergence-1280.png`, fullPage: true })
    expect(errors).toEqual([])
  })
})
