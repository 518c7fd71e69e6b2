import { describe, expect, it } from 'vitest'
import { parseClusterName, resolveCluster } from '../../src/engine/catalog/clusters.ts'
import { parseWorkloadCsv } from '../../src/engine/workloads/csv.ts'
import { InputError } from '../../src/engine/workloads/errors.ts'
import { checkTiming, parseScenarioJson } from '../../src/engine/workloads/scenario-json.ts'
import { checkTask } from '../../src/engine/workloads/task-checks.ts'

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
