import type { Page } from 'playwright-core'
import { beforeEach, describe, expect, it } from 'vitest'
import { openApp, SHOTS, useBuiltApp } from '../helpers/built-app.ts'

let page: Page

const app = useBuiltApp()

beforeEach(async () => {
  const opened = await openApp(app, { width: 1280, height: 800 })
  page = opened.page
  await expect.poll(() => opened.errors).toEqual([])
})

const results = () => page.getByRole('table', { name: 'Results', exact: true })
const resultRow = (algorithm: string) => results().getByRole('row').filter({ has: page.getByRole('cell', { name: algorithm, exact: true }) })

async function cellText(algorithm: string): Promise<string> {
  return (await resultRow(algorithm).textContent()) ?? ''
}

describe('SchedScope in Chromium', () => {
  it('Run to end shows FIFO 336.000 and WeightedFIFO 102.000 weighted flow time', async () => {
    await page.getByRole('button', { name: 'Run to end', exact: true }).click()
    await expect.poll(() => cellText('FIFO')).toContain('336.000')
    expect(await cellText('WeightedFIFO')).toContain('102.000')
    await page.screenshot({ path: `${SHOTS}/app-1280-end.png` })
  })

  it('switching Reference mode on shows 336.400 and 108.040', async () => {
    await page.getByRole('switch', { name: 'Reference mode' }).check()
    await page.getByRole('button', { name: 'Run to end', exact: true }).click()
    await expect.poll(() => cellText('FIFO')).toContain('336.400')
    expect(await cellText('WeightedFIFO')).toContain('108.040')
    expect(await cellText('SRPT')).toContain('108.040')
  })

  it('Step forward from reset shows the queue ranked for the focused algorithm', async () => {
    await page.getByRole('button', { name: 'Reset', exact: true }).click()
    await page.getByRole('button', { name: 'Step forward', exact: true }).click()
    const queue = page.getByRole('region', { name: 'Queue' })
    const rows = queue.getByRole('table').getByRole('row')
    await expect.poll(() => rows.count()).toBe(13)
    await expect.poll(() => rows.nth(1).textContent()).toContain('T_high_1')
    await queue.getByRole('combobox', { name: 'Focused algorithm' }).selectOption('SRPT')
    await expect.poll(() => rows.nth(1).textContent()).toContain('0.500')
    expect(await page.getByRole('region', { name: 'Decisions' }).textContent()).toContain('No scheduling decision')
  })

  it('Space toggles play', async () => {
    await page.getByRole('button', { name: 'Play', exact: true }).waitFor()
    await page.keyboard.press('Space')
    await page.getByRole('button', { name: 'Pause', exact: true }).waitFor()
    await page.keyboard.press('Space')
    await page.getByRole('button', { name: 'Play', exact: true }).waitFor()
    const time = Number(await page.getByRole('slider', { name: 'Time' }).inputValue())
    expect(time).toBeGreaterThanOrEqual(0)
  })

  it('the Gantt shows bars', async () => {
    await page.getByRole('button', { name: 'Run to end', exact: true }).click()
    const gantt = page.getByRole('region', { name: 'Gantt chart' })
    await expect.poll(() => results().isVisible()).toBe(true)
    // Count coloured pixels on the Gantt's canvases: bars are drawn there.
    const painted = await gantt.evaluate((el) => {
      let count = 0
      for (const c of el.querySelectorAll('canvas')) {
        const ctx = c.getContext('2d')
        if (ctx === null || c.width === 0 || c.height === 0) continue
        const data = ctx.getImageData(0, 0, c.width, c.height).data
        for (let i = 3; i < data.length; i += 4 * 7) if (data[i]! > 0) count++
      }
      return count
    })
    expect(painted).toBeGreaterThan(500)
  })

  it('plays the 500-task sample llm_task2.csv from the scenario picker', async () => {
    await page.getByRole('combobox', { name: 'Scenario' }).selectOption('llm_task2.csv')
    await expect.poll(() => page.getByText('500 tasks').count()).toBeGreaterThan(0)
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('64')
    await page.getByRole('button', { name: 'Play', exact: true }).click()
    await expect.poll(async () => Number(await page.getByRole('slider', { name: 'Time' }).inputValue())).toBeGreaterThan(100)
    await page.getByRole('button', { name: 'Run to end', exact: true }).click()
    await expect.poll(() => cellText('SRPT')).toMatch(/\d+\.\d{3}/)
    await page.screenshot({ path: `${SHOTS}/app-1280-llm_task2.png`, fullPage: true })
  })

  it('looks right at 1920×1080', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 })
    await page.getByRole('button', { name: 'Run to end', exact: true }).click()
    await expect.poll(() => cellText('FIFO')).toContain('336.000')
    await page.screenshot({ path: `${SHOTS}/app-1920-end.png` })
  })
})
