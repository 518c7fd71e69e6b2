import { readFileSync } from 'node:fs'
import type { BrowserContext, Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { axeViolations } from '../helpers/axe.ts'
import { resultsCells, useBuiltApp } from '../helpers/built-app.ts'

// axe-core, every rule it enables by default and any impact, in each state the e2e tests
// visit: first load, after a run, the editor's tabs, the dialogs, an imported table, reference
// mode, 200 % zoom. A violation names its state, rule and nodes.

let context: BrowserContext | undefined

const app = useBuiltApp()

afterEach(async () => {
  await context?.close()
  context = undefined
})

async function open(viewport = { width: 1280, height: 800 }, deviceScaleFactor = 1): Promise<Page> {
  context = await app.browser.newContext({ viewport, deviceScaleFactor })
  const page = await context.newPage()
  await page.goto(app.url)
  await page.getByRole('button', { name: 'Play', exact: true }).waitFor()
  return page
}

/** No violation in `state` (the state is in the comparison, so a failure says where). */
async function expectClean(page: Page, state: string) {
  expect({ state, violations: await axeViolations(page) }).toEqual({ state, violations: [] })
}

const runToEnd = async (page: Page) => {
  await page.getByRole('button', { name: 'Run to end', exact: true }).click()
  await page.getByRole('table', { name: 'Results', exact: true }).waitFor({ timeout: 30_000 })
}

const tasksTable = (page: Page) => page.getByRole('table', { name: 'Tasks', exact: true })

describe('accessibility (axe-core)', () => {
  it('first load, after a run, each editor tab, the shortcuts dialog', async () => {
    const page = await open()
    await expectClean(page, 'first load')
    await runToEnd(page)
    await expectClean(page, 'after a run')
    for (const tab of ['Generate', 'Cluster & time', 'Tasks']) {
      await page.getByRole('tab', { name: tab }).click()
      await expect.poll(() => page.getByRole('tab', { name: tab }).getAttribute('aria-selected')).toBe('true')
      await expectClean(page, `editor tab ${tab}`)
    }
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click()
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor()
    await expectClean(page, 'shortcuts dialog')
  })

  it('reference mode, stepped and run to its end, with the WSRPT queue', async () => {
    const page = await open()
    await page.getByRole('switch', { name: 'Reference mode' }).check()
    const queue = page.getByRole('region', { name: 'Queue' })
    await queue.getByRole('combobox', { name: 'Focused algorithm' }).selectOption('WSRPT')
    await page.getByRole('button', { name: 'Step forward', exact: true }).click()
    await queue.getByRole('columnheader', { name: /weight \/ remaining/ }).waitFor()
    await expectClean(page, 'reference mode, one step')
    await runToEnd(page)
    await expectClean(page, 'reference mode, run to its end')
  })

  it('an imported table at 1920 wide (its TP column in view), and a refused import', async () => {
    const page = await open({ width: 1920, height: 1080 })
    const csv = readFileSync(new URL('../../public/samples/overload_test.csv', import.meta.url))
    await page.getByLabel('Import workload').setInputFiles({ name: 'overload_test.csv', mimeType: 'text/csv', buffer: csv })
    await expect.poll(() => tasksTable(page).getAttribute('aria-rowcount')).toBe('16')
    // Its tasks leave TP to the app: the muted "auto (N)" of each was under 3.1:1 contrast.
    expect(await tasksTable(page).getByText(/^auto \(\d+\)$/).count()).toBe(15)
    await expectClean(page, 'imported overload_test.csv')
    await runToEnd(page)
    await expectClean(page, 'imported overload_test.csv, run to its end')
    const broken = 'Task,Workload,Memory,Weight,ArrivalTime,Phase,Tokens\nA,Qwen3,30,1,0,1,-5\n'
    await page.getByLabel('Import workload').setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(broken) })
    await page.getByRole('dialog', { name: 'Import refused' }).waitFor()
    await expectClean(page, 'import refused dialog')
  })

  it('a 500-task sample (its queue scrolls), and 200 % zoom', async () => {
    const page = await open()
    await page.getByRole('combobox', { name: 'Scenario' }).selectOption('llm_task2.csv')
    await expect.poll(() => tasksTable(page).getAttribute('aria-rowcount')).toBe('501')
    // The cursor cannot pass the part of the run simulated so far: let the run finish first.
    await runToEnd(page)
    // The table may still be the first scenario's: wait for the 500 tasks' own row.
    await expect.poll(async () => (await resultsCells(page, 'FIFO'))['Completed of total']).toMatch(/ \/ 500$/)
    await page.getByRole('slider', { name: 'Time' }).fill('1000')
    await page.getByRole('group', { name: 'Waiting tasks' }).waitFor({ timeout: 30_000 })
    await expectClean(page, '500 tasks, queue in view')
    await context!.close()
    const zoomed = await open({ width: 640, height: 400 }, 2)
    await expectClean(zoomed, '200 % zoom, first load')
    await runToEnd(zoomed)
    await expectClean(zoomed, '200 % zoom, after a run')
  })

  it('serving mode, a request selected in the request view from the keyboard', async () => {
    const page = await open()
    await page.getByRole('combobox', { name: 'Mode', exact: true }).selectOption({ label: 'Serving' })
    await page.getByLabel('Import workload').setInputFiles({ name: 'preemption.json', mimeType: 'application/json', buffer: readFileSync(new URL('../fixtures/serving/preemption.json', import.meta.url)) })
    await expect.poll(() => page.getByRole('combobox', { name: 'Scenario' }).textContent()).toContain('preemption.json')
    await runToEnd(page)
    const requests = page.getByRole('region', { name: 'Requests', exact: true })
    await requests.getByRole('group', { name: 'Request rows, 6 in all', exact: true }).focus()
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => requests.locator('.request-selected').textContent()).toMatch(/^A: arrived 0\.000 s/)
    await expectClean(page, 'serving mode, request A selected from the keyboard')
  })

  it('the Sweep page, before and after a small sweep', async () => {
    const page = await open()
    await page.getByRole('button', { name: 'Sweep', exact: true }).click()
    const sweep = page.getByRole('region', { name: 'Sweep', exact: true })
    await sweep.waitFor()
    await expectClean(page, 'Sweep page')
    await sweep.getByLabel('Task count', { exact: true }).fill('40')
    await sweep.getByLabel('Seeds per point', { exact: true }).fill('1')
    await sweep.getByRole('button', { name: 'Run sweep', exact: true }).click()
    await expect.poll(() => sweep.getByRole('status').textContent(), { timeout: 60_000 }).toMatch(/^Done: /)
    await expectClean(page, 'Sweep page, after a sweep')
  })
})
