import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/cli.ts'
import { policies, type Registration } from '../../src/engine/policies/registry.ts'
import { runServing } from '../../src/engine/serving/run.ts'
import type { ServingModel } from '../../src/engine/serving/types.ts'
import { formatScenarioJson } from '../../src/engine/workloads/scenario-json.ts'
import { createSimHandler } from '../../src/worker/handler.ts'
import type { WorkerEvent } from '../../src/worker/protocol.ts'
import { servingScenario, type RequestLike } from '../engine/serving/helpers.ts'
import { aging } from '../fixtures/policies/aging.ts'
import { edf } from '../fixtures/policies/edf.ts'

// Policies registered at run time order serving requests too, through the same registry
// entries: their `key` reads the request's fields (tokens = P + O, waited, now).
let registered: Registration[] = []
afterEach(() => {
  for (const r of registered) r.dispose()
  registered = []
})

// A model whose every step is memory-bound (60 GB of weights, 32 B of KV a token) on one
// H100 at mbu 0.8, plus 2 ms: a prefill of p tokens takes (60e9 + 32 p) / 2.68e12 + 0.002 s.
const flat: ServingModel = { name: 'Flat', layers: 1, hidden: 64, heads: 1, kvHeads: 1, headDim: 8, activeParamsB: 0.001, weightsGB: 60 }
const prefillS = (p: number) => (60e9 + 32 * p) / (3350e9 * 0.8) + 0.002
// One request at a time, so the policy alone decides who goes next.
const knobs = { mfu: 0.5, mbu: 0.8, iterationOverheadS: 0.002, maxNumSeqs: 1, deployments: [{ model: 'Flat', tp: 1, replicas: 1 }] }
const flatScenario = (requests: readonly RequestLike[]) => servingScenario(requests, knobs, [flat])

const near = (actual: readonly (number | null)[], wanted: readonly number[]) => {
  expect(actual).toHaveLength(wanted.length)
  actual.forEach((a, i) => expect(Math.abs(a! - wanted[i]!) / wanted[i]!).toBeLessThan(1e-12))
}

function handlerMetrics(s: ReturnType<typeof flatScenario>, algorithm: string) {
  const events: WorkerEvent[] = []
  let clock = 0
  const handle = createSimHandler((e) => events.push(e), { chunkMs: 2, now: () => (clock += 1) })
  handle({ type: 'run', runId: 1, scenario: s, algorithms: [algorithm] })
  while (!events.some((e) => e.type === 'done' || e.type === 'error')) handle({ type: 'ack', runId: 1 })
  const done = events.find((e) => e.type === 'done') as Extract<WorkerEvent, { type: 'done' }>
  return done.serving![algorithm]
}

describe('a policy registered at run time, in serving mode', () => {
  // All at t = 0, one output token each. EDF's deadline is arrival + (P + O) / 1000: Y (17 tokens),
  // Z (33), X (65), where FIFO, WeightedFIFO and SRPT keep input order X, Y, Z.
  const edfCase = flatScenario([
    { id: 'X', inputTokens: 64, outputTokens: 1 },
    { id: 'Y', inputTokens: 16, outputTokens: 1 },
    { id: 'Z', inputTokens: 32, outputTokens: 1 },
  ])

  it('a static key (EDF) orders the queue, in the engine, the worker handler and the CLI', () => {
    registered.push(policies.register(edf))
    const y = prefillS(16)
    const z = y + prefillS(32)
    const x = z + prefillS(64)
    const run = runServing(edfCase, 'EDF')
    near(run.requests.map((r) => r.completionS), [x, y, z])
    near(runServing(edfCase, 'FIFO').requests.map((r) => r.completionS), [prefillS(64), prefillS(64) + prefillS(16), prefillS(64) + prefillS(16) + prefillS(32)])
    expect(handlerMetrics(edfCase, 'EDF')).toEqual(run.metrics)
    let out = ''
    const written: Record<string, string> = {}
    const files: Record<string, string> = { 'edf.json': formatScenarioJson(edfCase, ['EDF']) }
    const code = runCli(['--workload-file', 'edf.json', '--trace', 't.csv'], {
      out: (t) => (out += t),
      err: (t) => (out += t),
      readFile: (p) => files[p]!,
      writeFile: (p, t) => (written[p] = t),
      outputProblem: () => undefined,
    })
    expect(code).toBe(0)
    expect(out).toMatch(/^EDF\s+3\/3\s/m)
    const completion = (id: string) => Number(written['t.csv']!.split('\n').find((l) => l.startsWith(`EDF,${id},`))!.split(',')[6])
    expect(['X', 'Y', 'Z'].map(completion)).toEqual(run.requests.map((r) => r.completionS))
  })

  it('a key that moves while requests wait (Aging: weight + seconds waited) is ranked afresh at each admission', () => {
    registered.push(policies.register(aging))
    // R0 and A tie at t = 0 (R0 first, by input order) and R0 runs for S. At S, A has 1 + S,
    // B 1.005 + S − 0.01, C 1.018 + S − 0.02: A. At 2S, C (0.998 + 2S) passes B (0.995 + 2S).
    const s = flatScenario([
      { id: 'R0', inputTokens: 16, outputTokens: 1 },
      { id: 'A', inputTokens: 16, outputTokens: 1 },
      { id: 'B', inputTokens: 16, outputTokens: 1, weight: 1.005, arrivalS: 0.01 },
      { id: 'C', inputTokens: 16, outputTokens: 1, weight: 1.018, arrivalS: 0.02 },
    ])
    const S = prefillS(16)
    expect(S).toBeGreaterThan(0.02)
    const run = runServing(s, 'Aging')
    near(run.requests.map((r) => r.completionS), [S, 2 * S, 4 * S, 3 * S])
    // Neither FIFO (R0, A, B, C) nor WeightedFIFO (R0, C, B, A) orders them so.
    near(runServing(s, 'FIFO').requests.map((r) => r.completionS), [S, 2 * S, 3 * S, 4 * S])
    near(runServing(s, 'WeightedFIFO').requests.map((r) => r.completionS), [S, 4 * S, 3 * S, 2 * S])
    expect(handlerMetrics(s, 'Aging')).toEqual(run.metrics)
  })
})
