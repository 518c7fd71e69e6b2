import { describe, expect, it } from 'vitest'
import { InputError } from '../../src/engine/workloads/errors.ts'
import { checkSweep } from '../../src/sweep/check.ts'
import { defaultSweep } from '../../src/sweep/definition.ts'
import { formatSweepJson, parseSweepJson } from '../../src/sweep/json.ts'
import { runSweep } from '../../src/sweep/run.ts'
import { tinySweep } from './helpers.ts'

function problems(text: string): string[] {
  try {
    parseSweepJson(text, 'x.json')
  } catch (e) {
    if (e instanceof InputError) return e.issues.map((i) => `${i.where}${i.value === undefined ? '' : ` = ${i.value}`}: ${i.message}`)
    throw e
  }
  return []
}

describe('the sweep file', () => {
  it('reads back what it wrote, byte for byte, with "inf" for no max time', () => {
    const r = runSweep(tinySweep(), { index: 2, count: 3 })
    const text = formatSweepJson(r)
    expect(JSON.parse(text).definition.maxTime).toBe('inf')
    expect(JSON.parse(text).shard).toEqual({ index: 2, count: 3 })
    expect(formatSweepJson(parseSweepJson(text))).toBe(text)
  })

  it('takes a bare definition with defaults for what it leaves out', () => {
    const r = parseSweepJson('{"format":"schedscope-sweep","version":1,"definition":{"param":"utilization","from":0.2,"to":0.8,"points":4,"cluster":"h100:8"}}')
    expect(r.definition).toMatchObject({ param: 'utilization', from: 0.2, to: 0.8, points: 4, seeds: 3, maxTimeS: Infinity, cluster: { name: 'custom', groups: [{ gpu: 'H100-SXM-80GB', count: 8 }] } })
    expect(r.runs).toEqual([])
    expect(r.complete).toBe(false)
  })

  it('names every problem with its JSON path', () => {
    expect(problems('[]')).toEqual(['file: must hold a JSON object'])
    expect(problems('{"format":"other","version":2,"definition":{"param":"speed","seeds":"3","colour":1,"generator":{"count":10,"arrivals":{"kind":"poisson"}}}}')).toEqual([
      'format = "other": must be "schedscope-sweep" (a sweep file)',
      'version = 2: must be 1',
      'definition.colour = 1: unknown key (a definition has generator, cluster, mode, dt, maxTime, backfill, param, from, to, points, seeds, algorithms, policies)',
      'definition.generator.arrivals.ratePerS: must be a number',
      'definition.generator.prefillTokens: must be an object with a kind',
      'definition.generator.decodeTokens: must be an object with a kind',
      'definition.param = "speed": must be one of rate, utilization, weight-mix, tp, cluster-size',
      'definition.seeds = "3": must be a whole number',
    ])
    const ok = formatSweepJson(runSweep(tinySweep({ points: 2, to: 2 })))
    const doc = JSON.parse(ok)
    doc.runs[1].algorithm = 'LIFO'
    doc.runs[2].metrics.mean_flow = 'fast'
    doc.runs[3] = doc.runs[0]
    expect(problems(JSON.stringify(doc))).toEqual([
      'runs[1].algorithm = "LIFO": must be one of the definition\'s policies (FIFO, WeightedFIFO, SRPT, WSRPT)',
      'runs[2].metrics.mean_flow = "fast": must be a number or null',
      'runs[3]: repeats point 0, seed 0, FIFO',
    ])
  })

  it('checks the definition as a sweep, field by field', () => {
    expect(problems('{"format":"schedscope-sweep","version":1,"definition":{"param":"tp","from":0,"to":3,"points":5,"mode":"reference"}}')).toEqual([
      'definition.from: must be from 1 to 8',
      'definition.param: TP changes nothing in reference mode (every task takes 2 GPUs there): use exact mode',
    ])
  })
})

describe('checkSweep', () => {
  const fields = (over: Parameters<typeof tinySweep>[0]) => checkSweep(tinySweep(over)).map((p) => `${p.field}: ${p.message}`)

  it('accepts the default sweep', () => {
    expect(checkSweep(defaultSweep())).toEqual([])
  })

  it('refuses what cannot run, naming the field', () => {
    expect(fields({ param: 'tp', from: 1, to: 2, points: 3 })).toEqual(['points: 3 points repeat values (Tensor-parallel degree (TP) takes whole values only, 1 to 2)'])
    expect(fields({ param: 'rate', from: 1, to: 1, points: 2 })).toEqual([
      'param: Arrival rate (tasks/s) needs arrivals spread in time (Poisson, bursts, time-varying or a uniform window), not all at once',
      'points: from and to are equal: use 1 point',
    ])
    expect(fields({ param: 'weight-mix', from: 0, to: 1.5, points: 2 })).toEqual(['to: must be from 0 to 1', 'param: Share of the heaviest weight class needs at least two weight classes to mix'])
    expect(fields({ points: 0, seeds: 1.5, algorithms: [] })).toEqual([
      'points: must be a whole number from 1 to 1000',
      'seeds: must be a whole number from 1 to 1000',
      'algorithms: choose at least one policy',
    ])
    expect(fields({ algorithms: ['FIFO', 'LIFO', 'FIFO'] })).toEqual(["algorithms: unknown policy 'LIFO' (known: FIFO, WeightedFIFO, SRPT, WSRPT)", 'algorithms: a policy is named twice'])
    expect(fields({ param: 'utilization', from: 0.5, to: 1, generator: { ...tinySweep().generator, arrivals: { kind: 'poisson', ratePerS: 1 }, prefillTokens: { kind: 'pareto', scale: 100, alpha: 1 } } })).toEqual([
      'param: Utilization (offered load) needs tasks of a finite mean size: a Pareto alpha of 1 or less has none',
    ])
    expect(fields({ generator: { ...tinySweep().generator, count: 0 }, dtS: 0 })).toEqual(['generator.count: must be a whole number from 1 to 1000000', 'dt: dt must be a positive number of seconds, got 0'])
  })
})
