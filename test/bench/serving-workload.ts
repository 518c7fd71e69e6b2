import type { Page } from 'playwright-core'
import { parseClusterName } from '../../src/engine/catalog/clusters.ts'
import { generateRequests } from '../../src/engine/serving/generate.ts'
import { runServing } from '../../src/engine/serving/run.ts'
import { formatRequestCsv } from '../../src/engine/workloads/request-csv.ts'

/**
 * The serving benchmarks' workload as a request CSV: `count` Llama3-8B requests (log-normal
 * lengths, median 200 in and 200 out) arriving at 80 % of what 64 replicas sustain, measured by
 * saturating one replica (test/bench/serving.ts's workload). Imported on h100_64gpu, the default
 * deployments are 64 TP-1 replicas of Llama3-8B.
 */
export function servingBenchCsv(count: number): string {
  const shape = { seed: 7, model: 'Llama3-8B', medianInputTokens: 200, medianOutputTokens: 200, sigma: 0.8 }
  const saturated = runServing(
    { name: 'one-replica', cluster: parseClusterName('h100:1'), dtS: 0.01, maxTimeS: Infinity, mode: 'serving', backfill: true, tasks: generateRequests({ ...shape, count: 2000, ratePerS: 1e9 }) },
    'FIFO',
  )
  const ratePerS = 0.8 * 64 * saturated.metrics.request_throughput_rps
  return formatRequestCsv(generateRequests({ ...shape, count, ratePerS }))
}

/**
 * Opens the app at `url` on h100_64gpu, waits for its first run to settle, and hands the page
 * `csv` as a file (so that Playwright's transfer is not counted in what is measured after).
 */
export async function stageServingBench(page: Page, url: string, csv: string): Promise<void> {
  await page.goto(url)
  await page.getByRole('combobox', { name: 'Cluster' }).selectOption('h100_64gpu')
  await page.waitForFunction(`document.querySelector('.run-status.running') === null`, undefined, { timeout: 120_000, polling: 100 })
  await stageFile(page, csv, 'bench.csv')
}

/** Hands the page `csv` as a file named `name`, for importStaged. */
export async function stageFile(page: Page, csv: string, name: string): Promise<void> {
  await page.evaluate(`window.__file = new File([${JSON.stringify(csv)}], ${JSON.stringify(name)}, { type: 'text/csv' })`)
}

/** Chooses the staged file in the Import control, as a user picking it would. */
export async function importStaged(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const input = document.querySelector('input[type=file][aria-label="Import workload"]')
    const transfer = new DataTransfer(); transfer.items.add(window.__file); input.files = transfer.files
    input.dispatchEvent(new Event('change', { bubbles: true }))
  })()`)
}

/** Waits until the imported 10,000 requests have run to the end and the results show them. */
export async function waitForServingResults(page: Page): Promise<void> {
  await waitForResults(page, 10_000)
}

/** Waits until no run is going on and the results show `count` tasks completed. */
export async function waitForResults(page: Page, count: number): Promise<void> {
  await page.waitForFunction(`document.querySelector('.run-status.running') === null && (document.querySelector('.results')?.textContent ?? '').includes('${count} / ${count}')`, undefined, { timeout: 300_000, polling: 100 })
}
