import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const require = createRequire(import.meta.url)
/** axe-core's browser bundle, injected into the page (its Playwright wrapper needs Node 22). */
const AXE_SOURCE = (require('axe-core') as { source: string }).source

export interface AxeViolation {
  readonly id: string
  readonly impact: string | null
  readonly help: string
  /** Each offending node: its selector and axe's summary of what is wrong. */
  readonly nodes: readonly string[]
}

/**
 * Runs every axe-core rule enabled by default (WCAG 2 A/AA and best practices, any impact) on
 * the page as it is now, and returns the violations in a readable form (empty: none).
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE })
  return page.evaluate(async () => {
    type Result = { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: Result[] }> } }).axe
    const { violations } = await axe.run(document, { resultTypes: ['violations'] })
    return violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`),
    }))
  })
}
