import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InputError } from '../../src/engine/workloads/errors.ts'
import { discriminatingWorkload } from '../../src/engine/workloads/presets.ts'
import { formatScenarioJson, parseScenarioJson } from '../../src/engine/workloads/scenario-json.ts'
import { scenarioArb } from '../helpers/arbitraries.ts'
import { scenario } from '../helpers/scenario.ts'

function issuesOf(doc: unknown): string[] {
  try {
    parseScenarioJson(typeof doc === 'string' ? doc : JSON.stringify(doc), 's.json')
  } catch (e) {
    expect(e).toBeInstanceOf(InputError)
    return (e as InputError).message.split('\n')
  }
  throw new Error('expected the scenario to be refused')
}

const task = { id: 'A', model: 'Qwen3', weight: 1, arrival: 0, phase: 'prefill', tokens: 500 }

describe('scenario JSON', () => {
  it('reads a minimal file with the reference defaults', () => {
    const { scenario: s, algorithms } = parseScenarioJson(JSON.stringify({ version: 1, tasks: [task] }), 'mine.json')
    expect(s).toMatchObject({ name: 'mine', dtS: 0.01, maxTimeS: 5, mode: 'exact', backfill: true })
    expect(s.cluster.name).toBe('h100_16gpu')
    expect(s.tasks).toEqual([{ id: 'A', model: 'Qwen3', weight: 1, arrivalS: 0, phase: 'prefill', tokens: 500 }])
    expect(algorithms).toEqual(['FIFO', 'WeightedFIFO', 'SRPT', 'WSRPT'])
  })

  it('reads every setting: cluster forms, unlimited max time, mode, strict, algorithms, explicit TP', () => {
    const doc = parseScenarioJson(
      JSON.stringify({
        version: 1,
        name: 'class demo',
        cluster: { name: 'custom', groups: [{ gpu: 'H200-141GB', count: 8 }] },
        dt: 0.1,
        maxTime: null,
        mode: 'reference',
        backfill: false,
        algorithms: ['SRPT'],
        tasks: [{ ...task, tp: 8, memory: 671, model: 'DeepSeek-R1' }],
      }),
    )
    expect(doc.scenario).toMatchObject({ name: 'class demo', dtS: 0.1, maxTimeS: Infinity, mode: 'reference', backfill: false })
    expect(doc.scenario.tasks[0]).toMatchObject({ tp: 8, memoryGB: 671 })
    expect(doc.algorithms).toEqual(['SRPT'])
    expect(parseScenarioJson(JSON.stringify({ version: 1, cluster: 'h100:4,a30:2', tasks: [task] })).scenario.cluster.groups).toEqual([
      { gpu: 'H100-SXM-80GB', count: 4 },
      { gpu: 'A30-24GB', count: 2 },
    ])
  })

  it('names the JSON path, value and reason of each problem', () => {
    expect(issuesOf('{oops')[0]).toMatch(/^s\.json: file: is not valid JSON/)
    expect(issuesOf({ version: 2, tasks: [task] })).toEqual(["s.json: version = '2': unsupported scenario version (this SchedScope reads version 1)"])
    expect(issuesOf({ version: 1, dt: 0, tasks: [task] })[0]).toMatch(/dt must be a positive number/)
    expect(issuesOf({ version: 1, cluster: 'h100_7gpu', tasks: [task] })[0]).toMatch(/cluster = '"h100_7gpu"': unknown cluster 'h100_7gpu'/)
    expect(issuesOf({ version: 1, algorithms: ['LIFO'], tasks: [task] })[0]).toMatch(/algorithms\[0\] = '"LIFO"': unknown algorithm/)
    expect(issuesOf({ version: 1, tasks: [{ ...task, tokens: -1 }, { ...task, id: 'B', phase: 'both' }, { ...task, id: 'C', tp: 0 }] })).toEqual([
      "s.json: tasks[0].tokens = '-1': tokens must not be negative",
      's.json: tasks[1].phase = \'"both"\': must be \'prefill\' or \'decode\'',
      "s.json: tasks[2].tp = '0': TP must be a whole number of GPUs, at least 1",
    ])
    expect(issuesOf({ version: 1, tasks: [] })).toEqual(["s.json: tasks = '[]': holds no tasks"])
  })

  it('round-trips any scenario through its own writer', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const doc = parseScenarioJson(formatScenarioJson(s, ['FIFO', 'WSRPT']))
        expect(doc.scenario).toEqual(s)
        expect(doc.algorithms).toEqual(['FIFO', 'WSRPT'])
      }),
      { numRuns: 200, seed: 11 },
    )
  })

  it('writes a preset cluster by name', () => {
    expect(JSON.parse(formatScenarioJson(scenario(discriminatingWorkload()))).cluster).toBe('h100_16gpu')
  })
})
