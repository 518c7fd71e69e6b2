import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { replayPicks } from '../../src/engine/student/replay.ts'
import { defaultScenario } from '../../src/store/defaults.ts'
import { axeViolations } from '../helpers/axe.ts'
import { SHOTS, useBuiltApp } from '../helpers/built-app.ts'

const app = useBuiltApp()

/** No axe violation in `state` (named in the comparison, so a failure says where). */
async function expectClean(page: Page, state: string) {
  expect({ state, violations: await axeViolations(page) }).toEqual({ state, violations: [] })
}

/** The rows of the tasks table as the student reads them: id, weight, state. */
async function rowsOf(page: Page): Promise<{ id: string; weight: number; state: string }[]> {
  return page
    .getByRole('table', { name: 'Tasks to schedule' })
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => ({ id: r.querySelector('th')!.textContent!, weight: Number(r.children[2]!.textContent), state: r.children[5]!.textContent! })))
}

describe('Be the scheduler in Chromium', () => {
  for (const [width, height] of [
    [1280, 800],
    [1920, 1080],
  ] as const) {
    it(`schedules the discriminating workload heaviest first, refuses a running task, scores against FIFO (${width}×${height})`, { timeout: 300_000 }, async () => {
      const context = await app.browser.newContext({ viewport: { width, height } })
      const page = await context.newPage()
      const errors: string[] = []
      page.on('pageerror', (e) => errors.push(e.message))
      await page.goto(app.url)
      const enter = page.getByRole('button', { name: 'Be the scheduler' })
      await expect.poll(() => enter.isEnabled()).toBe(true)
      await enter.click()
      const panel = page.getByRole('region', { name: 'Be the scheduler' })
      const title = panel.getByRole('heading', { level: 2 })
      await expect.poll(() => title.textContent()).toBe('Be the scheduler: t = 0.00 s, 16 GPUs free')
      await page.screenshot({ path: `${SHOTS}/student-start-${width}.png` })
      await expectClean(page, 'Be the scheduler, first decision point')

      const scenario = defaultScenario()
      const indexOf = (id: string) => scenario.tasks.findIndex((t) => t.id === id)
      const picked: number[] = []
      for (let k = 0; k < 40; k++) {
        if ((await title.textContent()) === 'Your schedule is complete') break
        // Heaviest first, from the screen: the waiting task with the largest weight, the first such row.
        const ready = (await rowsOf(page)).filter((r) => r.state === 'waiting, fits')
        const heaviest = ready.reduce((b, r) => (r.weight > b.weight ? r : b))
        await panel.getByRole('button', { name: `Start ${heaviest.id}`, exact: true }).click()
        picked.push(indexOf(heaviest.id))
        const made = picked.length
        await expect.poll(async () => (await title.textContent()) === 'Your schedule is complete' || (await panel.locator('.hint').first().textContent())!.startsWith(`${made} pick${made === 1 ? '' : 's'} made.`)).toBe(true)
        if (made === 1) {
          // An illegal pick: the task just started is running. Refused, with the reason.
          await panel.getByRole('button', { name: `Start ${heaviest.id}`, exact: true }).click()
          await expect.poll(() => panel.getByRole('alert').textContent()).toBe(`Refused: ${heaviest.id} is already running (since t = 0 s, until t = 0.5 s).`)
          await page.screenshot({ path: `${SHOTS}/student-refused-${width}.png` })
          await expectClean(page, 'Be the scheduler, a pick refused')
        }
      }
      await expect.poll(() => title.textContent()).toBe('Your schedule is complete')
      // The engine's number for this very schedule, computed here through its API.
      const replay = replayPicks(scenario, picked.map((task) => ({ task })))
      expect(replay.stop).toBeNull()
      const expected = replay.result.metrics.weighted_waiting_time.toFixed(3)
      const score = panel.getByRole('table', { name: 'Your score' })
      const firstCell = (name: string) => score.getByRole('row', { name: new RegExp(`^${name} `) }).locator('td').first().textContent()
      await expect.poll(() => firstCell('You')).toBe(expected)
      expect(await firstCell('FIFO')).toBe('336.000')
      // Heaviest first is WeightedFIFO's order here.
      expect(expected).toBe('102.000')
      expect(await firstCell('WeightedFIFO')).toBe('102.000')
      expect(await panel.getByLabel('Your first departure').textContent()).toMatch(/^You (started the same tasks|first departed from)/)
      await panel.scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${SHOTS}/student-score-${width}.png`, fullPage: true })
      await expectClean(page, 'Be the scheduler, score')

      // Undo takes back the last pick: the engine waits at that decision point again.
      await panel.getByRole('button', { name: 'Undo last pick' }).click()
      await expect.poll(() => title.textContent()).toMatch(/^Be the scheduler: t = /)
      await panel.getByRole('button', { name: 'Leave' }).click()
      await expect.poll(() => panel.count()).toBe(0)
      expect(errors).toEqual([])
      await context.close()
    })
  }
})
