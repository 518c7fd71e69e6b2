import { describe, expect, it } from 'vitest'
import { parseClusterName } from '../../../src/engine/catalog/clusters.ts'
import { formatServingTraceCsv, servingResultsJson, SERVING_RESULT_KEYS } from '../../../src/engine/serving/export.ts'
import { parseDeploymentsFlag } from '../../../src/engine/serving/deployments-flag.ts'
import { inputTokensOf, outputTokensOf, requestTask } from '../../../src/engine/serving/requests.ts'
import { prepareServing } from '../../../src/engine/serving/prepare.ts'
import { runServing } from '../../../src/engine/serving/run.ts'
import type { Scenario } from '../../../src/engine/types.ts'
import { parseScenarioJson } from '../../../src/engine/workloads/scenario-json.ts'
import { discriminatingWorkload } from '../../../src/engine/workloads/presets.ts'
import { formatRequestCsv, isRequestCsv, parseRequestCsv } from '../../../src/engine/workloads/request-csv.ts'
import { servingScenario } from './helpers.ts'

const doc = (over: Record<string, unknown>) =>
  JSON.stringify({ version: 1, mode: 'serving', cluster: 'h100_8gpu', tasks: [{ id: 'a', model: 'Llama3-8B', weight: 1, arrival: 0, inputTokens: 10, outputTokens: 5 }], ...over })

describe('serving scenario JSON', () => {
  it('reads models, serving knobs, deployments and requests; maxTime null is unlimited', () => {
    const d = parseScenarioJson(
      doc({ maxTime: null, models: [{ name: 'M', layers: 2, hidden: 64, heads: 2, kvHeads: 1, headDim: 32, activeParamsB: 0.1, weightsGB: 1 }], serving: { deployments: [{ model: 'M', tp: 1, replicas: 2, kvCacheDtype: 'fp8' }], blockSize: 32, slo: { ttftS: 1, tpotS: 0.1 } } }),
    )
    expect(d.scenario.maxTimeS).toBe(Infinity)
    expect(d.scenario.mode).toBe('serving')
    expect(d.scenario.models![0]).toMatchObject({ name: 'M', headDim: 32 })
    expect(d.scenario.serving).toEqual({ deployments: [{ model: 'M', tp: 1, replicas: 2, kvCacheDtype: 'fp8' }], blockSize: 32, slo: { ttftS: 1, tpotS: 0.1 } })
    // A request is a task with its P and O, and the phase and tokens that map back to it.
    expect(d.scenario.tasks).toEqual([{ id: 'a', model: 'Llama3-8B', weight: 1, arrivalS: 0, phase: 'decode', tokens: 5, inputTokens: 10, outputTokens: 5 }])
  })

  it('names the field and value of every problem', () => {
    const bad = doc({
      serving: { maxNumSeq: 4, deployments: [{ model: 'Llama3-8B', tp: 0, replicas: 1 }] },
      tasks: [
        { id: 'a', model: 'Llama3-8B', weight: 1, arrival: 0, inputTokens: 0, outputTokens: 5 },
        { id: 'b', model: 'Llama3-8B', weight: 1, arrival: 0, phase: 'prefill', tokens: 5 },
      ],
    })
    const message = (() => {
      try {
        parseScenarioJson(bad, 's.json')
      } catch (e) {
        return (e as Error).message
      }
      return ''
    })()
    expect(message).toContain("s.json: serving.maxNumSeq = '4': unknown key (the serving object has maxNumSeqs,")
    expect(message).toContain("s.json: serving.deployments[0].tp = '0': must be a whole number >= 1")
    expect(message).toContain('s.json: tasks[1]')
    expect(message).toContain('not phase/tokens')
    expect(() => parseScenarioJson(doc({ tasks: [{ id: 'a', model: 'X', weight: 0, arrival: -1, inputTokens: 1.5, outputTokens: 1 }] }))).toThrow(
      /tasks\[0\]\.weight = '0': weight must be > 0 in serving mode[\s\S]*tasks\[0\]\.arrival = '-1': arrival time must not be negative[\s\S]*tasks\[0\]\.inputTokens = '1.5': must be a whole number >= 1/,
    )
  })
})

describe('request CSV', () => {
  it('reads the columns in any order and writes them back unchanged', () => {
    const text = 'OutputTokens,Task,ArrivalTime,Workload,InputTokens,Weight\n7,r1,0.5,Llama3-8B,100,2\n1,r2,0,Qwen3-8B,3000000,1\n'
    expect(isRequestCsv(text)).toBe(true)
    const requests = parseRequestCsv(text)
    expect(requests).toEqual([requestTask('r1', 'Llama3-8B', 2, 0.5, 100, 7), requestTask('r2', 'Qwen3-8B', 1, 0, 3000000, 1)])
    expect(requests[1]).toEqual({ id: 'r2', model: 'Qwen3-8B', weight: 1, arrivalS: 0, phase: 'prefill', tokens: 3000000, inputTokens: 3000000, outputTokens: 1 })
    expect(parseRequestCsv(formatRequestCsv(requests))).toEqual(requests)
    expect(isRequestCsv('Task,Workload,Memory,Weight,ArrivalTime,Phase,Tokens\n')).toBe(false)
  })

  it('says which line, column and value is wrong', () => {
    expect(() => parseRequestCsv('Task,Workload,Weight,ArrivalTime,InputTokens,OutputTokens\nr1,M,1,0,0,4\nr1,M,x,0,5,4\n', 'q.csv')).toThrow(
      /q\.csv: line 2, InputTokens = '0': inputTokens must be a whole number >= 1\nq\.csv: line 3, Weight = 'x': weight must be a number > 0/,
    )
    expect(() => parseRequestCsv('Task,Workload,Weight\n', 'q.csv')).toThrow(/missing ArrivalTime, InputTokens, OutputTokens/)
    expect(() => parseRequestCsv('Task,Workload,Weight,ArrivalTime,InputTokens,OutputTokens\nr1,M,1,0,5,4\nr1,M,1,0,5,4\n')).toThrow(/line 3, Task = 'r1': duplicate task id \(first at line 2\)/)
  })

  it('maps reference tasks: a prefill of T is (P = T, O = 1), a decode of T is (P = 1, O = T)', () => {
    const first = discriminatingWorkload()[0]!
    expect(first).toMatchObject({ id: 'T_low_1', phase: 'prefill', tokens: 2000 })
    expect([inputTokensOf(first), outputTokensOf(first)]).toEqual([2000, 1])
    const decode = { id: 'd', model: 'M', weight: 2, arrivalS: 1, phase: 'decode', tokens: 0 } as const
    expect([inputTokensOf(decode), outputTokensOf(decode)]).toEqual([1, 1])
    expect([inputTokensOf({ ...decode, tokens: 7 }), outputTokensOf({ ...decode, tokens: 7 })]).toEqual([1, 7])
    const zero = servingScenario([], { deployments: [{ model: 'Llama3-8B', tp: 1, replicas: 1 }] })
    expect(errorOf({ ...zero, tasks: [{ id: 'z', model: 'Llama3-8B', weight: 0, arrivalS: 0, phase: 'decode', tokens: 3 }] })).toBe("cfg: tasks[0] (z), weight = '0': weight must be a number > 0")
  })
})

const errorOf = (s: Scenario) => {
  try {
    prepareServing(s, 'cfg')
  } catch (e) {
    return (e as Error).message
  }
  return ''
}

describe('deployments and rejection', () => {
  it('refuses configuration errors before any run, naming the deployment, field and value', () => {
    const req = [{ inputTokens: 10, outputTokens: 2 }]
    expect(errorOf(servingScenario(req, { deployments: [{ model: 'Llama3-8B', tp: 1, replicas: 9 }] }, [], 'h100_8gpu'))).toMatch(
      /cfg: serving.deployments\[0\], replicas = '9': replica 9 of Llama3-8B TP 1 does not fit: no GPU left in node 0, the one node it fits on/,
    )
    expect(errorOf(servingScenario(req, { deployments: [{ model: 'Llama3-70B', tp: 1, replicas: 1 }] }))).toMatch(/tp = '1': Llama3-70B's weights need 141.1 GB per GPU at TP 1, over the 72 GB/)
    expect(errorOf(servingScenario(req, { deployments: [{ model: 'Llama3-8B', tp: 1, replicas: 1 }, { model: 'llama-3-8b', tp: 2, replicas: 1 }] }, [], 'h100:4'))).toMatch(
      /deployments\[1\], model = 'llama-3-8b': a second deployment of Llama3-8B \(first at serving.deployments\[0\]\)/,
    )
    expect(errorOf(servingScenario(req, { deployments: [{ model: 'Llama3-8B', tp: 1, replicas: 1, dtype: 'fp8' }] }, [], 'a100:1'))).toMatch(/dtype = 'fp8': fp8 needs a GPU with FP8 tensor cores; A100 SXM 80 GB have none/)
    expect(errorOf(servingScenario(req, { deployments: [{ model: 'GLM4.7', tp: 8, replicas: 1 }] }, [], 'h100:8'))).toMatch(/GLM4.7 has no architecture figures/)
    expect(errorOf(servingScenario(req, { deployments: [{ model: 'Nope', tp: 1, replicas: 1 }] }))).toMatch(/model = 'Nope': unknown model/)
    expect(errorOf(servingScenario(req, { mbu: 1.5, blockSize: 0 }))).toMatch(/serving.blockSize = '0'[\s\S]*serving.mbu = '1.5': must be in \(0, 1\]/)
    // Weights of 71.99 GB leave 10 MB of the 72 GB share; a block of this KV-heavy model is 16 × 3.3 MB.
    const fat = { name: 'Fat', layers: 200, hidden: 4096, heads: 32, kvHeads: 32, headDim: 128, activeParamsB: 1, weightsGB: 71.99 }
    expect(errorOf(servingScenario([{ model: 'Fat', ...req[0]! }], { deployments: [{ model: 'Fat', tp: 1, replicas: 1 }] }, [fat]))).toMatch(/Fat at TP 1 leaves 0.01 GB per GPU of a H100 SXM 80 GB, no room for one KV block of 16 tokens/)
  })

  it('default deployments: each model at exact mode TP, then one replica of each in turn while any fits (best fit)', () => {
    const s = servingScenario([{ model: 'Llama3-8B', inputTokens: 5, outputTokens: 5 }, { model: 'Llama3-70B', inputTokens: 5, outputTokens: 5 }], {}, [], 'h100_16gpu')
    const p = prepareServing(s)
    expect(p.replicas.map((r) => `${r.model}:${r.gpus.join('.')}`)).toEqual([
      'Llama3-8B:0',
      'Llama3-70B:1.2.3.4',
      'Llama3-8B:5',
      'Llama3-70B:8.9.10.11',
      'Llama3-8B:6',
      'Llama3-70B:12.13.14.15',
      'Llama3-8B:7',
    ])
    expect(p.deployments).toEqual([{ model: 'Llama3-8B', tp: 1, replicas: 4 }, { model: 'Llama3-70B', tp: 4, replicas: 3 }])
  })

  it('default TP: a catalog name keeps exact mode TP even when the scenario redefines it; a new model takes the smallest TP that fits', () => {
    const redefined = { name: 'Llama3-70B', layers: 80, hidden: 8192, heads: 64, kvHeads: 8, headDim: 128, activeParamsB: 70.55, weightsGB: 141.1 }
    const own = { name: 'Big', layers: 4, hidden: 1024, heads: 8, kvHeads: 8, headDim: 128, activeParamsB: 50, weightsGB: 100 }
    const s = servingScenario([{ model: 'Llama3-70B', inputTokens: 5, outputTokens: 5 }, { model: 'Big', inputTokens: 5, outputTokens: 5 }], {}, [redefined, own], 'h100_8gpu')
    expect(prepareServing(s).deployments).toEqual([{ model: 'Llama3-70B', tp: 4, replicas: 1 }, { model: 'Big', tp: 2, replicas: 2 }])
  })

  it('rejects at arrival, with the reason, what no deployment serves or no replica could ever finish', () => {
    const s = servingScenario(
      [
        { model: 'Llama3-8B', inputTokens: 5, outputTokens: 5 },
        { model: 'Mistral-7B', inputTokens: 5, outputTokens: 5 },
        { model: 'Llama3-8B', inputTokens: 3_000_000, outputTokens: 2 },
        { model: 'Llama3-8B', inputTokens: 3_000_000, outputTokens: 2, arrivalS: 2 },
      ],
      { deployments: [{ model: 'Llama3-8B', tp: 1, replicas: 1 }] },
      [],
      'h100:1',
      1,
    )
    const r = runServing(s, 'FIFO')
    expect(r.requests.map((q) => q.status)).toEqual(['completed', 'rejected', 'rejected', 'unfinished'])
    expect(r.requests[1]!.rejection).toBe("no deployment serves model 'Mistral-7B'")
    expect(r.requests[2]!.rejection).toMatch(/^needs 187501 KV blocks of 16 tokens \(P \+ O − 1 = 3000001\); the largest replica of Llama3-8B holds 2\d{4}$/)
    expect(r.metrics).toMatchObject({ completed_count: 1, rejected_count: 2, unfinished_count: 1, total_count: 4 })
  })

  it('writes the trace and results JSON with the stable keys', () => {
    const s = parseScenarioJson(doc({ tasks: [{ id: 'a', model: 'Llama3-8B', weight: 2, arrival: 0.5, inputTokens: 10, outputTokens: 1 }, { id: 'b', model: 'Nope', weight: 1, arrival: 0, inputTokens: 1, outputTokens: 1 }] })).scenario
    const r = runServing(s, 'SRPT')
    const [header, a, b] = formatServingTraceCsv([r]).trim().split('\n')
    expect(header).toBe('algorithm,request,model,weight,arrival,first_token,completion,replica,preemptions')
    expect(a).toBe(`SRPT,a,Llama3-8B,2,0.5,${r.requests[0]!.firstTokenS},${r.requests[0]!.completionS},0,0`)
    expect(b).toBe('SRPT,b,Nope,1,0,,,,0')
    // The keys every mode writes, then serving's own.
    const keys = Object.keys(servingResultsJson('w', [r]).w_SRPT!)
    expect(keys).toEqual([...Object.keys(r.common), ...SERVING_RESULT_KEYS.filter((k) => !(k in r.common))])
    expect(SERVING_RESULT_KEYS.every((k) => keys.includes(k))).toBe(true)
  })
})

describe('precision: fp8 weights and KV cache', () => {
  it('halves the weights (more blocks) and uses the FP8 FLOP rate; fp8 KV doubles the blocks again', () => {
    const base = { model: 'Llama3-8B', tp: 1, replicas: 1 } as const
    const blocks = (d: Record<string, string>) => prepareServing(servingScenario([{ inputTokens: 1, outputTokens: 1 }], { deployments: [{ ...base, ...d }] })).replicas[0]!
    const bf16 = blocks({})
    const fp8 = blocks({ dtype: 'fp8' })
    const both = blocks({ dtype: 'fp8', kvCacheDtype: 'fp8' })
    expect(bf16.blocks).toBe(Math.floor((72e9 - 16.06e9) / (16 * 131072)))
    expect(fp8.blocks).toBe(Math.floor((72e9 - 8.03e9) / (16 * 131072)))
    expect(both.blocks).toBe(Math.floor((72e9 - 8.03e9) / (16 * 65536)))
    expect([bf16.peakFlopsPerS, fp8.peakFlopsPerS]).toEqual([989e12, 1979e12])
    expect(parseClusterName('h100:1').groups[0]!.gpu).toBe('H100-SXM-80GB')
  })
})

describe('--deployments', () => {
  it('reads MODEL:TPxREPLICAS lists, with fp8 options, and names a bad part', () => {
    expect(parseDeploymentsFlag('Llama3-8B:1x4, Llama3-70B:4x1:fp8:fp8kv')).toEqual([
      { model: 'Llama3-8B', tp: 1, replicas: 4 },
      { model: 'Llama3-70B', tp: 4, replicas: 1, dtype: 'fp8', kvCacheDtype: 'fp8' },
    ])
    expect(() => parseDeploymentsFlag('Llama3-8B:1x4,Qwen3:2')).toThrow("--deployments: deployment 2 = 'Qwen3:2': must be MODEL:TPxREPLICAS, e.g. Llama3-8B:1x4")
    expect(() => parseDeploymentsFlag('Llama3-8B:0x4:int4')).toThrow(/TP and replicas must be at least 1[\s\S]*'int4': unknown option/)
  })
})
