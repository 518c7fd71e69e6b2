import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/cli.ts'
import { BUILT_IN_POLICIES } from '../../src/engine/policies/registry.ts'
import { runServing } from '../../src/engine/serving/run.ts'
import type { Scenario } from '../../src/engine/types.ts'
import { formatScenarioJson } from '../../src/engine/workloads/scenario-json.ts'
import { createSimHandler } from '../../src/worker/handler.ts'
import type { WorkerEvent } from '../../src/worker/protocol.ts'
import { servingScenarioArb } from '../helpers/serving-arbitraries.ts'

/** The worker handler's done event for one algorithm, the run cut into chunks of ~`chunkMs` readings. */
function viaHandler(s: Scenario, algorithm: string, chunkMs: number) {
  const events: WorkerEvent[] = []
  let clock = 0
  const handle = createSimHandler((e) => events.push(e), { chunkMs, now: () => (clock += 1) })
  handle({ type: 'run', runId: 1, scenario: s, algorithms: [algorithm] })
  while (!events.some((e) => e.type === 'done' || e.type === 'error')) handle({ type: 'ack', runId: 1 })
  const done = events.find((e) => e.type === 'done') as Extract<WorkerEvent, { type: 'done' }>
  return { metrics: done.metrics[algorithm], serving: done.serving![algorithm] }
}

/** The CLI's --output entry and --trace rows for the scenario written as a file. */
function viaCli(s: Scenario, algorithm: string) {
  const files: Record<string, string> = { 'random.json': formatScenarioJson(s, [algorithm]) }
  const written: Record<string, string> = {}
  const code = runCli(['--workload-file', 'random.json', '--output', 'o.json', '--trace', 't.csv'], {
    out: () => {},
    err: (t) => {
      throw new Error(t)
    },
    readFile: (p) => files[p]!,
    writeFile: (p, t) => (written[p] = t),
    outputProblem: () => undefined,
  })
  expect(code).toBe(0)
  const rows = written['t.csv']!.trim().split('\n').slice(1).map((l) => l.split(','))
  return { json: JSON.parse(written['o.json']!)[`random_${algorithm}`] as Record<string, number>, rows }
}

describe('serving results are the same in the engine, the worker handler and the CLI', () => {
  it('to the bit, over random scenarios and every policy', () => {
    fc.assert(
      fc.property(servingScenarioArb, fc.constantFrom(...BUILT_IN_POLICIES.map((p) => p.name)), fc.constantFrom(1, 3, 50), (s, algorithm, chunkMs) => {
        const engine = runServing(s, algorithm)
        const handler = viaHandler(s, algorithm, chunkMs)
        expect(handler.serving).toEqual(engine.metrics)
        expect(handler.metrics).toEqual(engine.common)
        const cli = viaCli(s, algorithm)
        expect(cli.json).toEqual({ ...engine.common, ...engine.metrics })
        const text = (x: number | null) => (x === null ? '' : String(x))
        expect(cli.rows).toEqual(engine.requests.map((q) => [algorithm, q.id, q.model, String(q.weight), String(q.arrivalS), text(q.firstTokenS), text(q.completionS), text(q.replica), String(q.preemptions)]))
      }),
      { numRuns: 60 },
    )
  })
})
