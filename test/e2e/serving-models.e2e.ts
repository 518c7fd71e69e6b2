import { describe, expect, it } from 'vitest'
import { fmtSig } from '../../src/components/format.ts'
import { runServingAlgorithms } from '../../src/engine/serving/run.ts'
import type { ServingModel } from '../../src/engine/serving/types.ts'
import { parseScenarioJson } from '../../src/engine/workloads/scenario-json.ts'
import { axeViolations } from '../helpers/axe.ts'
import { resultsCells, SHOTS, useBuiltApp } from '../helpers/built-app.ts'
import { readFixture } from '../helpers/scenario.ts'
import { parseSweepJson } from '../../src/sweep/json.ts'
import { runSweep } from '../../src/sweep/run.ts'

const app = useBuiltApp()

/** A "what if" model: 10 layers, 4 KV heads of 64, 2 GB of weights (a big KV pool per GPU). */
const WHAT_IF: ServingModel = { name: 'WhatIf-2B', layers: 10, hidden: 2048, heads: 16, kvHeads: 4, headDim: 64, activeParamsB: 1, weightsGB: 2 }

/** What the engine gives for preemption.json with request A on WhatIf-2B, one replica at TP 2 beside Tiny-Pool's. */
function expected() {
  const sc = parseScenarioJson(readFixture('serving/preemption.json'), 'preemption.json').scenario
  const edited = {
    ...sc,
    models: [...sc.models!, WHAT_IF],
    serving: { ...sc.serving!, deployments: [...sc.serving!.deployments!, { model: 'WhatIf-2B', tp: 2, replicas: 1 }] },
    tasks: sc.tasks.map((t) => (t.id === 'A' ? { ...t, model: 'WhatIf-2B' } : t)),
  }
  return runServingAlgorithms(edited, ['FIFO', 'WSRPT'])
}

describe('custom models and the GPU map in Chromium', () => {
  for (const [width, height] of [
    [1280, 800],
    [1920, 1080],
  ] as const) {
    it(`adds a model, deploys it, runs it; a deployment that does not fit shows why on the GPU map (${width}×${height})`, { timeout: 300_000 }, async () => {
      const want = expected()
      // preemption.json alone gives FIFO 18 preemptions: the poll below waits for this run's own number.
      expect(want.get('FIFO')!.metrics.preemption_count).not.toBe(18)
      const context = await app.browser.newContext({ viewport: { width, height } })
      const page = await context.newPage()
      const errors: string[] = []
      page.on('pageerror', (e) => errors.push(e.message))
      await page.goto(app.url)
      await page.getByRole('combobox', { name: 'Mode', exact: true }).selectOption({ label: 'Serving' })
      await page.getByLabel('Import workload').setInputFiles({ name: 'preemption.json', mimeType: 'application/json', buffer: Buffer.from(readFixture('serving/preemption.json')) })
      await expect.poll(() => page.getByRole('combobox', { name: 'Scenario' }).textContent()).toContain('preemption.json')

      await page.getByRole('tab', { name: 'Serving', exact: true }).click()
      await page.getByRole('button', { name: 'Add model' }).click()
      await page.getByRole('textbox', { name: 'Name of model 2' }).fill(WHAT_IF.name)
      for (const f of ['layers', 'hidden', 'heads', 'kvHeads', 'headDim', 'activeParamsB', 'weightsGB'] as const) {
        await page.getByRole('textbox', { name: `${f} of model 2`, exact: true }).fill(String(WHAT_IF[f]))
      }
      await page.getByRole('button', { name: 'Add deployment' }).click()
      await page.getByRole('combobox', { name: 'Model of deployment 2' }).fill(WHAT_IF.name)
      await page.getByRole('textbox', { name: 'TP of deployment 2' }).fill('2')
      const pool = page.getByRole('table', { name: 'KV pool per replica' })
      // 5,120 bytes a token per GPU; floor(71e9 / 81,920) = 866,699 blocks of 16 tokens.
      await expect.poll(() => pool.getByRole('row').nth(2).getByRole('cell').allTextContents()).toEqual(['1', 'WhatIf-2B', '2', '1, 2 (H100 SXM 80 GB)', '866,699', '13,867,184'])
      const map = page.getByRole('figure', { name: 'GPU map' })
      expect(await map.getByRole('img', { name: 'GPU 2: replica 1, WhatIf-2B TP 2' }).count()).toBe(1)
      await page.getByRole('button', { name: 'Apply serving settings' }).click()
      await expect.poll(() => page.getByRole('combobox', { name: 'Scenario' }).textContent()).toContain('preemption.json (edited)')
      await page.screenshot({ path: `${SHOTS}/serving-models-${width}.png`, fullPage: true })

      // Request A asks for the new model, in the task table.
      await page.getByRole('tab', { name: 'Tasks', exact: true }).click()
      const row = page.getByRole('table', { name: 'Tasks', exact: true }).getByRole('row').nth(1)
      await row.getByRole('cell').nth(2).getByRole('button').click()
      await page.getByLabel('model of A').fill(WHAT_IF.name)
      await page.keyboard.press('Enter')
      await expect.poll(() => row.getByRole('cell').nth(2).textContent()).toBe(WHAT_IF.name)
      await expect.poll(() => page.getByText(/ tasks · 0 problems/).count()).toBe(1)

      await page.getByRole('button', { name: 'Run to end', exact: true }).click()
      const fifo = want.get('FIFO')!.metrics
      await expect.poll(async () => (await resultsCells(page, 'FIFO'))['Preemptions']).toBe(String(fifo.preemption_count))
      expect((await resultsCells(page, 'FIFO'))['TTFT mean']).toBe(fmtSig(fifo.ttft_mean))
      expect((await resultsCells(page, 'WSRPT'))['Preemptions']).toBe(String(want.get('WSRPT')!.metrics.preemption_count))

      // Four replicas at TP 2 beside Tiny-Pool's one GPU: the fourth finds one GPU left.
      await page.getByRole('tab', { name: 'Serving', exact: true }).click()
      await page.getByRole('textbox', { name: 'Replicas of deployment 2' }).fill('4')
      const reason = 'replica 4 of WhatIf-2B TP 2 does not fit: 1 GPU left in node 0'
      await expect.poll(() => map.getByRole('list', { name: 'Deployments on the GPU map' }).textContent()).toContain(`WhatIf-2B TP 2: 3 of 4 replicas placed — refused: ${reason}`)
      expect(await page.getByRole('textbox', { name: 'Replicas of deployment 2' }).getAttribute('aria-invalid')).toBe('true')
      expect(await map.getByRole('img', { name: 'GPU 7: free' }).count()).toBe(1)
      await map.scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${SHOTS}/serving-gpu-map-refused-${width}.png`, fullPage: true })
      await map.screenshot({ path: `${SHOTS}/serving-gpu-map-${width}.png` })
      expect(await axeViolations(page)).toEqual([])
      expect(errors).toEqual([])
      await context.close()
    })
  }
})

describe('a policy written in the browser in a sweep', () => {
  it("runs in the sweep's workers with WeightedFIFO's numbers when its key is WeightedFIFO's", { timeout: 300_000 }, async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(app.url)
    await page.getByRole('button', { name: 'Write a policy…', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'Policy editor' })
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Heavy')
    await dialog.getByRole('switch', { name: 'Higher first' }).check()
    await dialog.getByRole('textbox', { name: 'Key', exact: true }).fill('return t.weight')
    await dialog.getByRole('button', { name: 'Add', exact: true }).click()
    await expect.poll(() => page.getByRole('group', { name: 'Algorithms' }).getByRole('checkbox', { name: 'Heavy', exact: true }).count()).toBe(1)
    await dialog.getByRole('button', { name: 'Close', exact: true }).click()

    await page.getByRole('button', { name: 'Sweep', exact: true }).click()
    const sweep = page.getByRole('region', { name: 'Sweep', exact: true })
    await sweep.waitFor()
    expect(await sweep.getByRole('group', { name: 'Sweep policies' }).getByRole('checkbox', { name: 'Heavy', exact: true }).isChecked()).toBe(true)
    await page.getByLabel('Task count', { exact: true }).fill('60')
    await page.getByLabel('Points', { exact: true }).fill('3')
    await page.getByLabel('Seeds per point', { exact: true }).fill('2')
    await sweep.getByRole('button', { name: 'Run sweep', exact: true }).click()
    await expect.poll(() => sweep.getByRole('status').textContent(), { timeout: 60_000 }).toMatch(/^Done: 6 scenarios on \d+ workers?\.$/)
    await page.screenshot({ path: `${SHOTS}/sweep-custom-policy-1280.png`, fullPage: true })

    const [download] = await Promise.all([page.waitForEvent('download'), sweep.getByRole('button', { name: 'Export sweep JSON', exact: true }).click()])
    const chunks: Buffer[] = []
    for await (const c of await download.createReadStream()) chunks.push(c as Buffer)
    const r = parseSweepJson(Buffer.concat(chunks).toString())
    expect(r.definition.algorithms).toEqual(['FIFO', 'WeightedFIFO', 'SRPT', 'WSRPT', 'Heavy'])
    expect(r.definition.policies).toEqual([{ kind: 'key', source: { name: 'Heavy', higherFirst: true, key: 'return t.weight' } }])
    const of = (runs: typeof r.runs, a: string) => runs.filter((x) => x.algorithm === a).map((x) => [x.point, x.seed, x.metrics])
    expect(of(r.runs, 'Heavy')).toHaveLength(6)
    expect(of(r.runs, 'Heavy')).toEqual(of(r.runs, 'WeightedFIFO'))
    // And the built-ins are the engine's, run here without the policy.
    const builtIns = runSweep({ ...r.definition, algorithms: ['FIFO', 'WeightedFIFO', 'SRPT', 'WSRPT'], policies: [] })
    expect(of(r.runs, 'WeightedFIFO')).toEqual(of(builtIns.runs, 'WeightedFIFO'))
    expect(of(r.runs, 'SRPT')).toEqual(of(builtIns.runs, 'SRPT'))
    expect(errors).toEqual([])
    await context.close()
  })
})
