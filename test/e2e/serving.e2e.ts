import { describe, expect, it } from 'vitest'
import { readFixture } from '../helpers/scenario.ts'
import { openApp, resultsCells, SHOTS, useBuiltApp } from '../helpers/built-app.ts'

const app = useBuiltApp()

const open = (width: number, height: number) => openApp(app, { width, height })

describe('serving mode in Chromium', () => {
  for (const [width, height] of [
    [1280, 800],
    [1920, 1080],
  ] as const) {
    it(`choose Serving, import preemption.json, run to end: FIFO 18 preemptions, WSRPT 5, the KV cache shows blocks (${width}×${height})`, async () => {
      const { page, errors } = await open(width, height)
      await page.getByRole('combobox', { name: 'Mode', exact: true }).selectOption({ label: 'Serving' })
      await page.getByLabel('Import workload').setInputFiles({ name: 'preemption.json', mimeType: 'application/json', buffer: Buffer.from(readFixture('serving/preemption.json')) })
      await expect.poll(() => page.getByRole('combobox', { name: 'Scenario' }).textContent()).toContain('preemption.json')
      await page.getByRole('button', { name: 'Run to end', exact: true }).click()
      // Until the serving run is done the table may still be the last job-mode run's (its FIFO
      // row without a Preemptions column): wait for the serving number itself.
      await expect.poll(async () => (await resultsCells(page, 'FIFO'))['Preemptions']).toBe('18')
      expect((await resultsCells(page, 'WSRPT'))['Preemptions']).toBe('5')
      expect((await resultsCells(page, 'FIFO'))['TTFT mean']).toBe('1.646')

      // At 0.5 s (step 50) FIFO's replica holds blocks of its running requests.
      const kv = page.getByRole('region', { name: 'KV cache', exact: true })
      await page.getByRole('slider', { name: 'Time' }).evaluate((el) => {
        // As a user's drag sets it: React reads the native value on the input event.
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(el, '50')
        el.dispatchEvent(new Event('input', { bubbles: true }))
      })
      const replica = kv.getByRole('figure', { name: 'Replica 0' })
      await expect.poll(() => replica.textContent()).toMatch(/\d+ of 20 blocks used/)
      // The panel takes in the run's last batches on its own refresh: polled for the whole run's 18.
      await expect.poll(() => kv.getByRole('img', { name: /^Replica 0 KV use over time, 18 preemptions$/ }).count()).toBe(1)
      await page.screenshot({ path: `${SHOTS}/serving-${width}.png`, fullPage: true })
      await kv.screenshot({ path: `${SHOTS}/serving-kv-${width}.png` })
      expect(errors).toEqual([])
    })
  }
})
