import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { launchBrowser } from './browser.ts'
import { serveDist } from './server.ts'

/** Where e2e specs write the screenshots a person looks at. */
export const SHOTS = 'test-results'

export interface BuiltApp {
  /** Chromium, launched once for the spec file. */
  readonly browser: Browser
  /** The address of the built app (dist/), served on 127.0.0.1. */
  readonly url: string
}

/** Serves dist/ and launches Chromium for one spec file, and closes both after it. */
export function useBuiltApp(): BuiltApp {
  let browser: Browser | undefined
  let server: { url: string; close: () => Promise<void> } | undefined
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true })
    server = await serveDist()
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })
  return {
    get browser() {
      if (browser === undefined) throw new Error('the browser is launched in beforeAll')
      return browser
    },
    get url() {
      if (server === undefined) throw new Error('the app is served in beforeAll')
      return server.url
    },
  }
}

/** A fresh page of the built app in a context of its own, with the page's errors collected. */
export async function openApp(app: BuiltApp, viewport: { width: number; height: number }): Promise<{ page: Page; errors: string[] }> {
  const context = await app.browser.newContext({ viewport })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(app.url)
  return { page, errors }
}

/** The cells of an algorithm's row in the Results table, by column header. */
export async function resultsCells(page: Page, algorithm: string): Promise<Record<string, string>> {
  const table = page.getByRole('table', { name: 'Results', exact: true })
  const headers = await table.getByRole('columnheader').allTextContents()
  const row = table.getByRole('row').filter({ has: page.getByRole('cell', { name: algorithm, exact: true }) })
  const values = await row.getByRole('cell').allTextContents()
  return Object.fromEntries(headers.map((h, k) => [h, values[k]!]))
}

/** The text of an algorithm's row in the Results table (its cells run together). */
export const resultsRowText = (page: Page, algorithm: string) =>
  page
    .getByRole('table', { name: 'Results', exact: true })
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: algorithm, exact: true }) })
    .textContent()

/** Moves the time slider to `step` as a user's drag does: React reads the native value on the input event. */
export async function setStep(page: Page, step: number): Promise<void> {
  await page.getByRole('slider', { name: 'Time' }).evaluate((el, value) => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(el, String(value))
    el.dispatchEvent(new Event('input', { bubbles: true }))
  }, step)
}
