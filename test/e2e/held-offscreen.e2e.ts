import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { readFixture } from '../helpers/scenario.ts'
import { openApp, setStep, useBuiltApp } from '../helpers/built-app.ts'

// The parts below the fold (here the KV cache panel, at 1280×800) stand still while the run
// moves, catch up when scrolled to, and show the cursor's state once the run is still
// (components/HeldOffscreen.tsx). preemption.json runs 7 s; replica 0's blocks change as A, B
// and C decode, are preempted and recompute.

const app = useBuiltApp()
// Catching up takes a few frames; a busy machine may take longer to give them.
const WAIT = { timeout: 30_000 }

const step = (page: Page) => page.getByRole('slider', { name: 'Time' }).evaluate((el) => Number((el as HTMLInputElement).value))

describe('parts of the page below the fold', () => {
  it('hold while playing, catch up when scrolled to, and follow the cursor once still (preemption.json, 1280×800)', async () => {
    const { page, errors } = await openApp(app, { width: 1280, height: 800 })
    await page.getByRole('combobox', { name: 'Mode', exact: true }).selectOption({ label: 'Serving' })
    await page.getByLabel('Import workload').setInputFiles({ name: 'preemption.json', mimeType: 'application/json', buffer: Buffer.from(readFixture('serving/preemption.json')) })
    await expect.poll(() => page.getByRole('combobox', { name: 'Scenario' }).textContent()).toContain('preemption.json')
    await page.getByRole('button', { name: 'Run to end', exact: true }).click()
    const kv = page.getByRole('region', { name: 'KV cache', exact: true })
    const readout = kv.getByRole('figure', { name: 'Replica 0', exact: true }).locator('.kv-readout')
    // The run done, the panel off screen catches up with it (20 blocks a replica).
    await expect.poll(() => readout.textContent()).toMatch(/ of 20 blocks used/)
    expect((await kv.boundingBox())!.y).toBeGreaterThan(800)

    // Still, off screen: the panel follows the cursor a few frames after it moves.
    const atEnd = (await readout.textContent())!
    await setStep(page, 300)
    await expect.poll(() => readout.textContent(), WAIT).not.toBe(atEnd)
    const at300 = (await readout.textContent())!
    await setStep(page, 0)
    await expect.poll(() => readout.textContent(), WAIT).not.toBe(at300)
    const at0 = (await readout.textContent())!

    // Playing, off screen: the panel stands still while the cursor moves past step 300.
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('0.5')
    await page.getByRole('button', { name: 'Play', exact: true }).click()
    await expect.poll(() => step(page)).toBeGreaterThan(120)
    expect(await readout.textContent()).toBe(at0)

    // Scrolled to while playing: it catches up, and follows the cursor from then on.
    await kv.scrollIntoViewIfNeeded()
    await expect.poll(() => readout.textContent(), WAIT).not.toBe(at0)
    await page.getByRole('button', { name: 'Pause', exact: true }).click()
    await page.evaluate(() => window.scrollTo(0, 0))
    await setStep(page, 300)
    await expect.poll(() => readout.textContent(), WAIT).toBe(at300)
    expect(errors).toEqual([])
  })
})
