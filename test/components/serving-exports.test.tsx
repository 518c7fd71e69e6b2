// @vitest-environment jsdom
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/cli.ts'
import { buildExport } from '../../src/components/exports.ts'
import { parseScenarioJson } from '../../src/engine/workloads/scenario-json.ts'
import { servingOutcomes } from '../../src/run-view/serving-outcomes.ts'
import { createTestStore, waitForRun } from '../helpers/app.tsx'
import { servingScenarioArb } from '../helpers/serving-arbitraries.ts'
import { recordServing } from '../helpers/serving.ts'

/** The CLI's --output and --trace files for a scenario file. */
function cliFiles(fileName: string, text: string): Record<string, string> {
  const written: Record<string, string> = {}
  const code = runCli(['--workload-file', fileName, '--output', 'o.json', '--trace', 't.csv'], {
    out: () => {},
    err: (t) => {
      throw new Error(t)
    },
    readFile: () => text,
    writeFile: (p, t) => (written[p] = t),
    outputProblem: () => undefined,
  })
  expect(code).toBe(0)
  return written
}

describe('serving exports', () => {
  it('write the results JSON and trace CSV the CLI writes, byte for byte (preemption.json)', async () => {
    const text = readFileSync(join(process.cwd(), 'test/fixtures/serving/preemption.json'), 'utf8')
    const doc = parseScenarioJson(text, 'preemption.json')
    const { store, disconnect } = createTestStore({ scenario: doc.scenario, algorithms: doc.algorithms })
    try {
      await waitForRun(store)
      const cli = cliFiles('preemption.json', text)
      expect(buildExport(store.getState(), 'results-json', 'x')!.text).toBe(cli['o.json'])
      expect(buildExport(store.getState(), 'trace-csv', 'x')!.text).toBe(cli['t.csv'])
      // FIFO's C: 18 preemptions, first token 2.8420992504835825 s (test/fixtures/serving/expected.json).
      expect(cli['t.csv']).toContain('FIFO,C,Tiny-Pool,1,0.05,2.8420992504835825,3.371515508991046,0,18')
    } finally {
      disconnect()
    }
  })

  it('read each request’s first token, finish, replica and preemptions from the stream as the engine has them', () => {
    fc.assert(
      fc.property(servingScenarioArb, fc.constantFrom('FIFO', 'WeightedFIFO', 'SRPT', 'WSRPT'), (s, policy) => {
        const { tl, info, result } = recordServing(s, policy)
        expect(servingOutcomes(tl, info)).toEqual(result.requests.map((q) => ({ firstTokenS: q.firstTokenS, completionS: q.completionS, replica: q.replica, preemptions: q.preemptions })))
      }),
      { numRuns: 60 },
    )
  })
})
