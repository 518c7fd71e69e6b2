import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runServingAlgorithms } from '../../../src/engine/serving/run.ts'
import { parseScenarioJson } from '../../../src/engine/workloads/scenario-json.ts'

/**
 * The visible serving cases: an independent implementation of the serving spec produced
 * expected.json (every metric, and per request its first token, completion, replica and
 * preemptions). Each must match to 1e-9 relative.
 */
const dir = new URL('../../fixtures/serving/', import.meta.url)
const expected = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')) as Record<
  string,
  {
    expected: Record<string, Record<string, number>>
    trace: Record<string, Record<string, { first_token: number | null; completion: number | null; replica: number | null; preemptions: number }>>
  }
>

function close(actual: number | null, wanted: number | null, what: string) {
  if (wanted === null || actual === null) {
    expect(actual, what).toBe(wanted)
    return
  }
  const scale = Math.max(Math.abs(wanted), 1e-300)
  expect(Math.abs(actual - wanted) / scale, `${what}: ${actual} vs ${wanted}`).toBeLessThanOrEqual(1e-9)
}

describe('visible serving cases match the independent implementation to 1e-9', () => {
  for (const name of Object.keys(expected)) {
    it(name, () => {
      const doc = parseScenarioJson(readFileSync(new URL(`${name}.json`, dir), 'utf8'), `${name}.json`)
      const results = runServingAlgorithms(doc.scenario, doc.algorithms)
      const want = expected[name]!
      for (const [algorithm, metrics] of Object.entries(want.expected)) {
        const got = results.get(algorithm as never)!
        for (const [key, value] of Object.entries(metrics)) {
          close((got.metrics as unknown as Record<string, number>)[key]!, value, `${name} ${algorithm} ${key}`)
        }
        const byId = new Map(got.requests.map((r) => [r.id, r]))
        const trace = want.trace[algorithm]!
        expect(byId.size).toBe(Object.keys(trace).length)
        for (const [id, row] of Object.entries(trace)) {
          const r = byId.get(id)!
          close(r.firstTokenS, row.first_token, `${name} ${algorithm} ${id} first_token`)
          close(r.completionS, row.completion, `${name} ${algorithm} ${id} completion`)
          expect(r.replica, `${name} ${algorithm} ${id} replica`).toBe(row.replica)
          expect(r.preemptions, `${name} ${algorithm} ${id} preemptions`).toBe(row.preemptions)
        }
      }
    })
  }
})
