import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { SHOTS, useBuiltApp } from '../helpers/built-app.ts'

const app = useBuiltApp()

/** A fresh context (no saved state) at a viewport, failing the test on any page error. */
async function open(url: string, width = 1280, height = 800): Promise<{ page: Page; errors: string[] }> {
  const context = await app.browser.newContext({ viewport: { width, height } })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(url)
  return { page, errors }
}

const fontPx = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize))

describe('lessons in Chromium', () => {
  it('opens the index, goes through the convoy lesson with a wrong answer, then reveals', async () => {
    const { page, errors } = await open(app.url)
    await page.getByRole('button', { name: 'Lessons', exact: true }).click()
    const index = page.getByRole('dialog', { name: 'Lessons' })
    await index.getByRole('button', { name: /The convoy effect/ }).click()
    const lesson = page.getByRole('region', { name: 'Lesson', exact: true })
    await expect.poll(() => lesson.getByRole('heading').first().textContent()).toBe('A long task at the head of the line')
    expect(await page.getByRole('switch', { name: 'Hide results' }).isChecked()).toBe(true)
    // Nothing of the answer on screen before the reveal.
    expect(await page.locator('body').textContent()).not.toContain('8.500')
    await lesson.getByRole('textbox').fill('6')
    await lesson.getByRole('button', { name: 'Reveal', exact: true }).click()
    const status = lesson.getByRole('status')
    await expect.poll(() => status.textContent()).toContain('Not quite: you said 6.')
    expect(await status.textContent()).toContain('The engine’s answer: 8.5 s')
    expect(await status.textContent()).toContain('8.500 = (6.000 + 7.000 + 10.000 + 11.000) / 4')
    await page.screenshot({ path: `${SHOTS}/lesson-convoy-reveal-1280.png`, fullPage: false })
    await lesson.getByRole('button', { name: 'Next page' }).click()
    await expect.poll(() => lesson.getByRole('heading').first().textContent()).toBe('Shortest first')
    await lesson.getByRole('radio', { name: 'Long' }).check()
    await lesson.getByRole('button', { name: 'Reveal', exact: true }).click()
    await expect.poll(() => lesson.getByRole('status').textContent()).toContain('Right: Long.')
    await lesson.getByRole('button', { name: 'Leave lesson' }).click()
    await expect.poll(() => page.getByRole('region', { name: 'Lesson', exact: true }).count()).toBe(0)
    expect(errors).toEqual([])
  })

  it('presentation mode at 1920×1080: large type, axis labels ≥ 16 px, no editor, the clicker turns pages', async () => {
    const { page, errors } = await open(`${app.url}#lesson=smith&page=1`, 1920, 1080)
    const lesson = page.getByRole('region', { name: 'Lesson', exact: true })
    await expect.poll(() => lesson.getByRole('heading').first().textContent()).toBe('Weights change the question')
    await page.getByRole('switch', { name: 'Presentation' }).check()
    await page.locator('body').click({ position: { x: 5, y: 1070 } })
    expect(await page.getByRole('region', { name: 'Scenario editor' }).count()).toBe(0)
    expect(await fontPx(page, '.lesson-text')).toBeGreaterThanOrEqual(20)
    expect(await fontPx(page, '.lesson-question')).toBeGreaterThanOrEqual(20)
    expect(await fontPx(page, '.teach-bar .btn')).toBeGreaterThanOrEqual(20)
    // Every piece of body text in view, not only the lesson's.
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('.app p, .app label, .app button, .app td, .app th, .app li, .app select')]
        .filter((el) => el.getClientRects().length > 0 && parseFloat(getComputedStyle(el).fontSize) < 20)
        .map((el) => `${el.tagName} ${el.className} ${getComputedStyle(el).fontSize} ${(el.textContent ?? '').slice(0, 30)}`),
    )
    expect(small).toEqual([])
    await expect.poll(() => page.locator('.gantt-panel svg .tick text').count()).toBeGreaterThan(0)
    expect(await fontPx(page, '.gantt-panel svg .tick text')).toBeGreaterThanOrEqual(16)
    // The lesson's one GPU gets a row the back of the room can see (18 px usually, 64 here).
    const focusGantt = page.locator('.gantt-focus canvas').first()
    expect(await focusGantt.evaluate((c) => c.getBoundingClientRect().height)).toBeGreaterThanOrEqual(64)
    await page.screenshot({ path: `${SHOTS}/presentation-1920-smith.png` })
    await page.keyboard.press('PageDown')
    await expect.poll(() => lesson.getByRole('heading').first().textContent()).toBe("Smith's rule: weight over work")
    await expect.poll(() => page.locator('.metrics-panel svg .tick text').count()).toBeGreaterThan(0)
    expect(await fontPx(page, '.metrics-panel svg .tick text')).toBeGreaterThanOrEqual(16)
    await page.screenshot({ path: `${SHOTS}/presentation-1920-smith-2.png` })
    await page.keyboard.press('ArrowLeft')
    await expect.poll(() => lesson.getByRole('heading').first().textContent()).toBe('Weights change the question')
    expect(errors).toEqual([])
  })

  it('a link to a lesson page opens that page at its time in a fresh browser context', async () => {
    const { page: teacher } = await open(app.url)
    await teacher.getByRole('button', { name: 'Lessons', exact: true }).click()
    await teacher.getByRole('dialog', { name: 'Lessons' }).getByRole('button', { name: /Starvation/ }).click()
    const tLesson = teacher.getByRole('region', { name: 'Lesson', exact: true })
    await tLesson.getByRole('button', { name: 'Next page' }).click()
    await expect.poll(() => tLesson.getByRole('heading').first().textContent()).toBe('More short tasks, longer wait')
    // The address follows the lesson page, then the cursor (one step on).
    await expect.poll(() => teacher.evaluate(() => window.location.hash)).toContain('lesson=starvation&page=2')
    await teacher.getByRole('button', { name: 'Step forward', exact: true }).click()
    await expect.poll(() => teacher.evaluate(() => window.location.hash)).toContain('t=0.01')
    const link = await teacher.evaluate(() => window.location.href)
    expect(link).toContain('#lesson=starvation&page=2&t=0.01&focus=SRPT')

    // A student's laptop: a new context, no saved state.
    const { page: student, errors } = await open(link.replace('t=0.01', 't=2.5'))
    const sLesson = student.getByRole('region', { name: 'Lesson', exact: true })
    await expect.poll(() => sLesson.getByRole('heading').first().textContent()).toBe('More short tasks, longer wait')
    await expect.poll(() => student.getByRole('toolbar', { name: 'Playback' }).textContent().catch(() => '')).toContain('2.50 s')
    await student.screenshot({ path: `${SHOTS}/lesson-link-student.png` })
    expect(errors).toEqual([])
  })
})
