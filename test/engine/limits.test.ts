import { describe, expect, it } from 'vitest'
import { parseClusterName, resolveCluster } from '../../src/engine/catalog/clusters.ts'
import { runSimulation } from '../../src/engine/simulation.ts'
import { parseWorkloadCsv } from '../../src/engine/workloads/csv.ts'
import { InputError } from '../../src/engine/workloads/errors.ts'
import { checkScale, MAX_TASKS } from '../../src/engine/workloads/limits.ts'
import { checkTiming, parseScenarioJson } from '../../src/engine/workloads/scenario-json.ts'
import { checkTask } from '../../src/engine/workloads/task-checks.ts'
import { scenario } from '../helpers/scenario.ts'

const HEADER = 'Task,Workload,Memory,Weight,ArrivalTime,Phase,Tokens'
const task = { id: 'A', model: 'Qwen3', weight: 1, arrival: 0, phase: 'prefill', tokens: 500 }

function problems(run: () => unknown): string[] {
  try {
    run()
  } catch (e) {
    expect(e).toBeInstanceOf(InputError)
    return (e as InputError).issues.map((i) => `${i.where}${i.field ? `, ${i.field}` : ''}: ${i.message}`)
  }
  throw new Error('expected the input to be refused')
}

describe('magnitudes that cannot be simulated in finite numbers are refused, naming the limit', () => {
  it('tokens, weights and arrival times in a CSV', () => {
    const csv = `${HEADER}\nA,Qwen3,30,1,0,1,1e20\nB,Qwen3,30,1e308,0,1,5\nC,Qwen3,30,1,1e17,1,5\nD,Qwen3,30,1e9,1e9,1,1000000000\n`
    expect(problems(() => parseWorkloadCsv(csv, 'w.csv'))).toEqual([
      'line 2, Tokens: tokens must be at most 1,000,000,000',
      'line 3, Weight: weight must be at most 1,000,000,000',
      'line 4, ArrivalTime: arrival time must be at most 1,000,000,000 s',
    ])
  })

  it('the same fields in a scenario JSON and in the editor', () => {
    const doc = { version: 1, tasks: [{ ...task, tokens: 1e20 }, { ...task, id: 'B', weight: 1e308 }, { ...task, id: 'C', arrival: 1e17 }] }
    expect(problems(() => parseScenarioJson(JSON.stringify(doc)))).toEqual([
      'tasks[0].tokens: tokens must be at most 1,000,000,000',
      'tasks[1].weight: weight must be at most 1,000,000,000',
      'tasks[2].arrival: arrival time must be at most 1,000,000,000 s',
    ])
    const cluster = resolveCluster(parseClusterName('h100_8gpu'))
    const spec = { id: 'A', model: 'Qwen3', weight: 1e308, arrivalS: 1e17, phase: 'prefill' as const, tokens: 1e20 }
    expect(checkTask(spec, cluster, 'exact', new Map()).map((p) => `${p.field}: ${p.message}`)).toEqual([
      'weight: weight must be at most 1,000,000,000',
      'arrivalS: arrival time must be at most 1,000,000,000 s',
      'tokens: tokens must be at most 1,000,000,000',
    ])
  })

  it('dt and max time: at most 1e9 s, max time may be unlimited', () => {
    expect(checkTiming(1e308, Infinity)).toEqual(['dt must be at most 1,000,000,000 s, got 1e+308'])
    expect(checkTiming(1, 1e10)).toEqual(['max time must be at most 1,000,000,000 s (or unlimited), got 10000000000'])
    expect(checkTiming(1e9, 1e9)).toEqual([])
    expect(problems(() => parseScenarioJson(JSON.stringify({ version: 1, dt: 1e308, maxTime: null, tasks: [task] })))).toEqual([
      'dt/maxTime: dt must be at most 1,000,000,000 s, got 1e+308',
    ])
  })

  it('a cluster of more than 4,096 GPUs is refused before any GPU is laid out', () => {
    // Laid out first, 1e12 GPUs would run out of memory (or hang) before the check.
    expect(() => parseClusterName('h100:1000000000000')).toThrow('cluster custom has more than 4096 GPUs (1000000000000)')
    expect(() => resolveCluster({ name: 'big', groups: [{ gpu: 'h100', count: 4000 }, { gpu: 'a100', count: 1e12 }] })).toThrow(
      'cluster big has more than 4096 GPUs (1000000004000)',
    )
    expect(resolveCluster(parseClusterName('h100:4096')).gpus).toHaveLength(4096)
  })

  it.each([['"8"'], ['[8]'], ['true'], ['8.5'], ['null']])('a GPU count of %s is refused, not converted', (count) => {
    const text = `{"version": 1, "cluster": {"groups": [{"gpu": "h100", "count": ${count}}]}, "tasks": [${JSON.stringify(task)}]}`
    expect(problems(() => parseScenarioJson(text))).toEqual([`cluster: GPU count for h100 must be a positive whole number, got ${count}`])
  })
})

describe('a scenario is refused before its run when it needs more steps than a run may cover', () => {
  const a = { id: 'A', model: 'Qwen3', weight: 1, arrivalS: 3, phase: 'prefill' as const, tokens: 1000 }
  const tooFine =
    'could run until 5 s (the last arrival at 3 s plus all the work done one task at a time, 1 s): 5.0e9 steps of dt 1e-9 s, ' +
    'more than the limit of 1,000,000,000 steps; use a dt of at least 5.0e-9 s or set a max time'

  it('computes the steps from the horizon, or without one from the last arrival and the total work', () => {
    expect(checkScale({ dtS: 1e-9, maxTimeS: Infinity, tasks: [a] })).toEqual([tooFine])
    // With a horizon: the max time plus the longest task (which may run past it).
    expect(checkScale({ dtS: 1e-9, maxTimeS: 2, tasks: [a] })).toEqual([
      'could run until 3 s (the max time 2 s plus the longest task, 1 s): 3.0e9 steps of dt 1e-9 s, more than the limit of 1,000,000,000 steps; use a dt of at least 3.0e-9 s or a shorter max time',
    ])
    expect(checkScale({ dtS: 5e-9, maxTimeS: Infinity, tasks: [a] })).toEqual([])
    expect(checkScale({ dtS: 0.01, maxTimeS: Infinity, tasks: [{ ...a, arrivalS: NaN }] })).toEqual(['has a task whose arrival or tokens are not finite numbers'])
  })

  it('the engine refuses it whoever calls it: step indices would pass 2^31 − 1 (dt 1e-9, arrival 3 s)', () => {
    expect(() => runSimulation(scenario([a], { dtS: 1e-9, maxTimeS: Infinity }), 'FIFO')).toThrow(`This scenario cannot be simulated: it ${tooFine}.`)
    const r = runSimulation(scenario([a], { dtS: 5e-9, maxTimeS: Infinity }), 'FIFO')
    expect(r.tasks[0]).toMatchObject({ status: 'completed', startStep: 600_000_000, startS: 3 })
  })

  it('a scenario JSON says so at the dt', () => {
    const doc = { version: 1, dt: 1e-9, maxTime: null, tasks: [{ id: 'A', model: 'Qwen3', weight: 1, arrival: 3, phase: 'prefill', tokens: 1000 }] }
    expect(problems(() => parseScenarioJson(JSON.stringify(doc)))).toEqual([`dt: the scenario ${tooFine}`])
  })

  it('more than 1,000,000 tasks is an error naming the limit, not a silent cut', () => {
    const json = `{"version": 1, "tasks": [${'{},'.repeat(MAX_TASKS)}{}]}`
    expect(problems(() => parseScenarioJson(json))).toEqual(['tasks: holds 1,000,001 tasks; the limit is 1,000,000'])
    const csv = `${HEADER}\n${'a,Qwen3,,1,0,1,1\n'.repeat(MAX_TASKS + 1)}`
    expect(problems(() => parseWorkloadCsv(csv))).toEqual(['file: holds 1,000,001 tasks; the limit is 1,000,000'])
  })

  it('a task arriving far past the horizon ends the run at the horizon (the clock cannot count to it)', () => {
    // 1e9 s / 1e-8 s is past 2^53 steps, where k + 1 === k: the clock's search never ended.
    const r = runSimulation(scenario([{ ...a, arrivalS: 0 }, { ...a, id: 'B', arrivalS: 1e9 }], { dtS: 1e-8, maxTimeS: 5 }), 'FIFO')
    expect(r.tasks.map((t) => t.status)).toEqual(['completed', 'unfinished'])
    expect(r.steps).toBe(500_000_000)
  })

  it('reference mode walks its float clock once for all the tasks running past the horizon, not once per task', () => {
    // 2,048 tasks of 1,000 s start at 0 on 4,096 GPUs; the horizon is 1e-4 s, dt 1e-5 s. Each
    // finish lies 1e8 steps out: one walk per task would take 2e11 additions.
    const tasks = Array.from({ length: 2048 }, (_, i) => ({ ...a, id: `T${i}`, arrivalS: 0, tokens: 1_000_000 }))
    const r = runSimulation(scenario(tasks, { cluster: 'h100:4096', mode: 'reference', dtS: 1e-5, maxTimeS: 1e-4 }), 'FIFO')
    let k = 0
    for (let t = 0; t < 1000; t += 1e-5) k += 1
    expect(new Set(r.tasks.map((t) => t.endStep))).toEqual(new Set([k]))
    expect(r.metrics.completed_count).toBe(2048)
  })
})
