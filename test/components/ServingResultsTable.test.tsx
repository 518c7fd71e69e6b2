// @vitest-environment jsdom
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/cli.ts'
import { ResultsTable } from '../../src/components/ResultsTable.tsx'
import { fmtSig } from '../../src/components/format.ts'
import { SERVING_COLUMNS } from '../../src/components/ServingResultsTable.tsx'
import { parseScenarioJson } from '../../src/engine/workloads/scenario-json.ts'
import { createTestStore, renderWithStore, waitForRun } from '../helpers/app.tsx'

let disconnect = () => {}
afterEach(() => disconnect())

// jsdom's URL is not Node's: a path from the repository's root.
const fixture = (name: string) => readFileSync(join(process.cwd(), 'test/fixtures/serving', name), 'utf8')

/** The CLI's --output for the scenario file, keyed by algorithm. */
function cliResults(fileName: string, text: string): Record<string, Record<string, number>> {
  const written: Record<string, string> = {}
  const code = runCli(['--workload-file', fileName, '--output', 'o.json'], {
    out: () => {},
    err: (t) => {
      throw new Error(t)
    },
    readFile: () => text,
    writeFile: (p, t) => (written[p] = t),
    outputProblem: () => undefined,
  })
  expect(code).toBe(0)
  const json = JSON.parse(written['o.json']!) as Record<string, Record<string, number>>
  const base = fileName.replace(/\.json$/, '')
  return Object.fromEntries(Object.entries(json).map(([k, v]) => [k.slice(base.length + 1), v]))
}

async function renderRun(text: string) {
  const doc = parseScenarioJson(text, 'preemption.json')
  const t = createTestStore({ scenario: doc.scenario, algorithms: doc.algorithms })
  disconnect = t.disconnect
  renderWithStore(<ResultsTable />, t.store)
  await waitForRun(t.store)
  const table = screen.getByRole('table', { name: 'Results' })
  const [header, ...body] = within(table).getAllByRole('row')
  const headers = within(header!).getAllByRole('columnheader').map((h) => h.textContent)
  const rows = new Map(body.map((r) => within(r).getAllByRole('cell').map((c) => c.textContent ?? '')).map((cells) => [cells[0]!, cells]))
  return { headers, rows }
}

describe('serving Results table', () => {
  it('has the serving columns and shows the CLI’s numbers for preemption.json', async () => {
    const text = fixture('preemption.json')
    const { headers, rows } = await renderRun(text)
    expect(headers).toEqual(['Algorithm', 'TTFT mean', 'TTFT p95', 'TPOT mean', 'E2E p95', 'Throughput', 'Goodput', 'Preemptions', 'Completed'])
    expect([...rows.keys()]).toEqual(['FIFO', 'WeightedFIFO', 'SRPT', 'WSRPT'])
    // The reference's expected preemptions (test/fixtures/serving/expected.json).
    expect(rows.get('FIFO')![7]).toBe('18')
    expect(rows.get('WeightedFIFO')![7]).toBe('21')
    expect(rows.get('SRPT')![7]).toBe('2')
    expect(rows.get('WSRPT')![7]).toBe('5')
    // FIFO's TTFT mean 1.646403858397612 s and TPOT mean 0.02786330398752117 s (expected.json).
    expect(rows.get('FIFO')!.slice(1, 4)).toEqual(['1.646', '2.782', '0.02786'])
    expect(rows.get('FIFO')![8]).toBe('5 / 6')

    const cli = cliResults('preemption.json', text)
    for (const [a, cells] of rows) {
      expect(cells.slice(1, 1 + SERVING_COLUMNS.length)).toEqual(SERVING_COLUMNS.map((c) => fmtSig(cli[a]![c.key]!)))
    }
  })
})
