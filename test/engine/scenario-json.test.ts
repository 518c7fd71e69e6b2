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

  it('reads and writes the preemptive option, only when it is on', () => {
    const on = parseScenarioJson(JSON.stringify({ version: 1, preemptive: true, tasks: [task] })).scenario
    expect(on.preemptive).toBe(true)
    expect(JSON.parse(formatScenarioJson(on)).preemptive).toBe(true)
    const off = parseScenarioJson(JSON.stringify({ version: 1, preemptive: false, tasks: [task] })).scenario
    expect('preemptive' in off).toBe(false)
    expect('preemptive' in JSON.parse(formatScenarioJson(off))).toBe(false)
    expect(issuesOf({ version: 1, preemptive: 'yes', tasks: [task] })).toEqual([`s.json: preemptive = '"yes"': must be true or false`])
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const preemptive = { ...s, preemptive: true }
        expect(parseScenarioJson(formatScenarioJson(preemptive)).scenario).toEqual(preemptive)
      }),
      { numRuns: 50, seed: 12 },
    )
  })

  it('writes a preset cluster by name', () => {
    expect(JSON.parse(formatScenarioJson(scenario(discriminatingWorkload()))).cluster).toBe('h100_16gpu')
  })
})

describe('scenario JSON problems: every one, clearly', () => {
  it('says a missing field is missing, rather than showing its value as undefined', () => {
    const noWeight: Partial<typeof task> = { ...task }
    delete noWeight.weight
    expect(issuesOf({ version: 1, tasks: [noWeight, { ...task, id: 'B', phase: undefined }] })).toEqual([
      's.json: tasks[0].weight: is missing (it must be a number)',
      "s.json: tasks[1].phase: is missing (it must be 'prefill' or 'decode')",
    ])
    expect(issuesOf({ tasks: [task] })).toEqual(['s.json: version: is missing (a scenario file says "version": 1)'])
  })

  it('reports a dt or max time that is no number once, without a NaN', () => {
    expect(issuesOf({ version: 1, maxTime: '1e3', tasks: [task] })).toEqual([`s.json: maxTime = '"1e3"': must be a number`])
    expect(issuesOf({ version: 1, dt: {}, maxTime: [], tasks: [task] })).toEqual(["s.json: dt = '{}': must be a number", "s.json: maxTime = '[]': must be a number"])
  })

  it('refuses keys the format does not know, at every level', () => {
    const { weight, ...rest } = task
    expect(issuesOf({ version: 1, labels: 'x', cluster: { groups: [{ gpu: 'h100', count: 8, memory: 80 }], nodes: 1 }, tasks: [{ ...rest, weigth: weight, TP: 2 }] })).toEqual([
      "s.json: labels = '\"x\"': unknown key (a scenario has version, name, cluster, dt, maxTime, mode, backfill, preemptive, algorithms, policies, tasks)",
      "s.json: cluster.nodes = '1': unknown key (a cluster has name, groups)",
      "s.json: cluster.groups[0].memory = '80': unknown key (a GPU group has gpu, count)",
      "s.json: tasks[0].weigth = '1': unknown key (a task has id, model, weight, arrival, phase, tokens, tp, memory)",
      "s.json: tasks[0].TP = '2': unknown key (a task has id, model, weight, arrival, phase, tokens, tp, memory)",
      's.json: tasks[0].weight: is missing (it must be a number)',
    ])
    expect(issuesOf({ version: 1, name: 7, tasks: [task] })).toEqual(["s.json: name = '7': must be a string"])
  })

  it('finds a duplicate id on a task that has other errors too', () => {
    expect(issuesOf({ version: 1, tasks: [task, { ...task, tokens: -1 }, 'oops', 'oops'] })).toEqual([
      "s.json: tasks[1].tokens = '-1': tokens must not be negative",
      "s.json: tasks[2] = '\"oops\"': must be an object",
      "s.json: tasks[3] = '\"oops\"': must be an object",
      "s.json: tasks[1].id = 'A': duplicate task id (first at tasks[0])",
    ])
  })

  it('refuses JSON nested 5,000 levels deep without walking it, and previews deep values briefly', () => {
    const deep = `{"version": 1, "tasks": [${'['.repeat(5000)}${']'.repeat(5000)}]}`
    expect(issuesOf(deep)).toEqual(['s.json: file: nests arrays or objects more than 64 levels deep; a scenario nests 4'])
    // Brackets inside strings do not count.
    expect(parseScenarioJson(JSON.stringify({ version: 1, name: '['.repeat(100), tasks: [task] })).scenario.name).toBe('['.repeat(100))
    const nested = { version: 1, tasks: [JSON.parse(`${'['.repeat(60)}${']'.repeat(60)}`)] }
    expect(issuesOf(nested)).toEqual(["s.json: tasks[0] = '[an array of 1]': must be an object"])
  })

  it('checks every task and says how many problems it did not list', () => {
    const e = (() => {
      try {
        parseScenarioJson(JSON.stringify({ version: 1, tasks: Array.from({ length: 80 }, (_, i) => ({ ...task, id: `T${i}`, weight: -1 })) }), 's.json')
      } catch (err) {
        return err as InputError
      }
      throw new Error('expected a refusal')
    })()
    expect(e.issues).toHaveLength(51)
    expect(e.issues[50]).toEqual({ where: 'file', message: 'and 30 more problems (only the first 50 are listed)' })
  })
})

describe('policies written by a user, in a scenario file', () => {
  const s = scenario(discriminatingWorkload())
  const mine = { name: 'Mine', higherFirst: true, key: 'return t.weight', label: 'Mine, by weight', color: '#123456' }

  it('are kept as source and read back; the algorithms may name them', () => {
    const json = formatScenarioJson(s, ['FIFO', 'Mine'], 2, [mine])
    expect(JSON.parse(json).policies).toEqual([mine])
    expect(parseScenarioJson(json)).toEqual({ scenario: { ...s, name: 'test' }, algorithms: ['FIFO', 'Mine'], policies: [mine] })
    // Without any, the file is as it was, and reads back with none.
    expect(formatScenarioJson(s, ['FIFO'])).not.toContain('policies')
    expect(parseScenarioJson(formatScenarioJson(s, ['FIFO'])).policies).toEqual([])
    // No algorithms listed: every built-in and every policy of the file.
    const doc = { ...JSON.parse(json), algorithms: undefined }
    expect(parseScenarioJson(JSON.stringify(doc)).algorithms).toEqual(['FIFO', 'WeightedFIFO', 'SRPT', 'WSRPT', 'Mine'])
  })

  it('are refused with a path for each problem', () => {
    const doc = JSON.parse(formatScenarioJson(s, ['FIFO', 'SRPT'], 2))
    expect(issuesOfDoc({ ...doc, policies: [{ ...mine, name: 'SRPT' }, mine, mine] })).toEqual([
      `s.json: policies[0].name = '"SRPT"': is the name of a built-in policy`,
      `s.json: policies[2].name = '"Mine"': names two policies`,
    ])
    expect(issuesOfDoc({ ...doc, policies: { Mine: mine } })).toEqual([`s.json: policies = '{"Mine":{"name":"Mine","higherFirst":...': must be a list of policies {name, higherFirst, key}`])
  })
})

function issuesOfDoc(doc: unknown): string[] {
  try {
    parseScenarioJson(JSON.stringify(doc), 's.json')
  } catch (e) {
    return (e as InputError).message.split('\n')
  }
  return []
}
