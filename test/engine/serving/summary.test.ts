import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runServingAlgorithms } from '../../../src/engine/serving/run.ts'
import { parseScenarioJson } from '../../../src/engine/workloads/scenario-json.ts'
import { servingSummaryRow, servingWarnings } from '../../../src/engine/serving/summary.ts'

const visible0 = parseScenarioJson(readFileSync(new URL('../../fixtures/serving/visible0.json', import.meta.url), 'utf8')).scenario

describe('serving summary for the command line', () => {
  it('gives each algorithm its row and lists rejected and unfinished requests', () => {
    const results = [...runServingAlgorithms(visible0, ['FIFO', 'SRPT']).values()]
    const row = servingSummaryRow(results[0]!)
    expect(row).toMatchObject({ algorithm: 'FIFO', completed: 4, total: 15, preemptions: 0 })
    expect(row.ttftMean).toBeCloseTo(0.1464929631690198, 12)
    expect(row.e2eMean).toBeCloseTo(0.2641272062025011, 12)
    const warnings = servingWarnings(results)
    expect(warnings.filter((w) => w.startsWith('rejected: '))).toHaveLength(5)
    expect(warnings).toContain('rejected: visible0_r0: needs 240 KV blocks of 16 tokens (P + O − 1 = 3833); the largest replica of Squeeze-79B holds 106')
    expect(warnings.slice(-2)).toEqual(['FIFO: 6 of 15 requests unfinished at the horizon', 'SRPT: 6 of 15 requests unfinished at the horizon'])
  })

  it('gives each run its own listener', () => {
    const seen: string[] = []
    runServingAlgorithms(visible0, ['FIFO', 'WSRPT'], (policy) => ({
      arrived: () => {},
      rejected: () => {},
      admitted: () => {},
      preempted: () => {},
      iteration: () => {},
      finished: (r) => seen.push(`${policy} ${r}`),
      ended: () => {},
    }))
    expect(seen.filter((s) => s.startsWith('FIFO'))).toHaveLength(4)
    expect(seen.filter((s) => s.startsWith('WSRPT'))).toHaveLength(4)
  })
})
