import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runServing } from '../../src/engine/serving/run.ts'
import { SERVING_RESULT_KEYS } from '../../src/engine/serving/export.ts'
import { discriminatingWorkload } from '../../src/engine/workloads/presets.ts'
import { parseScenarioJson } from '../../src/engine/workloads/scenario-json.ts'
import { parseClusterName } from '../../src/engine/catalog/clusters.ts'
import { cli } from '../helpers/cli.ts'

const fixture = (name: string) => new URL(`../fixtures/serving/${name}`, import.meta.url)
const visible0 = readFileSync(fixture('visible0.json'), 'utf8')
const expected = JSON.parse(readFileSync(fixture('expected.json'), 'utf8')) as Record<
  string,
  { expected: Record<string, Record<string, number>>; trace: Record<string, Record<string, { first_token: number | null; completion: number | null; replica: number | null; preemptions: number }>> }
>

const REQUESTS = 'Task,Workload,Weight,ArrivalTime,InputTokens,OutputTokens\nq1,Llama3-8B,1,0,512,64\nq2,Llama3-8B,2,0.01,1024,128\nq3,Llama3-70B,5,0.02,256,32\n'

describe('command line, serving mode', () => {
  it('runs a serving scenario JSON: the table, --output with the serving keys and --trace with its columns', () => {
    const r = cli(['--workload-file', 'visible0.json', '--output', 'o.json', '--trace', 't.csv'], { 'visible0.json': visible0 })
    expect(r.code).toBe(0)
    expect(r.out).toContain('Workload: visible0 (15 requests) on h100_8gpu (8 GPUs), dt 0.01 s, max time 1.9 s')
    expect(r.out).toContain('Replicas: Squeeze-79B 3 × TP1; maxNumSeqs 256, maxBatchedTokens 64, block 16 tokens')
    expect(r.out).toMatch(/^Algorithm\s+Completed\s+TTFT mean\s+TTFT p95\s+TPOT mean\s+E2E mean\s+E2E p95\s+Throughput\s+Goodput\s+Preemptions$/m)
    // visible0's FIFO, from the independent implementation: 4 of 15, TTFT 146.5 / 406.8 ms, TPOT 31.4 ms, E2E 0.264 / 0.807 s.
    expect(r.out).toMatch(/^FIFO\s+4\/15\s+146\.5\s+406\.8\s+31\.4\s+0\.264\s+0\.807\s+10\.9\s+1\.72\s+0$/m)
    expect(r.out).toContain('rejected: visible0_r0: needs 240 KV blocks of 16 tokens (P + O − 1 = 3833); the largest replica of Squeeze-79B holds 106')
    expect(r.out).toContain('FIFO: 6 of 15 requests unfinished at the horizon\n')
    const json = JSON.parse(r.written['o.json']!) as Record<string, Record<string, number>>
    expect(Object.keys(json)).toEqual(['visible0_FIFO', 'visible0_WeightedFIFO', 'visible0_SRPT', 'visible0_WSRPT'])
    for (const [algorithm, metrics] of Object.entries(expected.visible0!.expected)) {
      const got = json[`visible0_${algorithm}`]!
      for (const key of SERVING_RESULT_KEYS) expect(Math.abs(got[key]! - metrics[key]!) / Math.max(Math.abs(metrics[key]!), 1e-300), `${algorithm} ${key}`).toBeLessThanOrEqual(1e-9)
      // The keys every mode writes come too: the reference's first.
      expect(Object.keys(got).slice(0, 7)).toEqual(['weighted_waiting_time', 'average_waiting_time', 'makespan', 'completed_count', 'total_count', 'completion_rate', 'gpu_utilization'])
      expect(got.completion_rate).toBe(4 / 15)
    }
    const trace = r.written['t.csv']!.trim().split('\n')
    expect(trace[0]).toBe('algorithm,request,model,weight,arrival,first_token,completion,replica,preemptions')
    expect(trace).toHaveLength(1 + 4 * 15)
    const row = (algorithm: string, id: string) => trace.find((l) => l.startsWith(`${algorithm},${id},`))!.split(',')
    const r1 = expected.visible0!.trace.SRPT!.visible0_r1!
    // Started, not finished at the horizon: a first token, no completion, no replica.
    expect(row('SRPT', 'visible0_r1').slice(5)).toEqual([String(r1.first_token), '', '', '0'])
    expect(row('FIFO', 'visible0_r0').slice(5)).toEqual(['', '', '', '0'])
  })

  it('runs a request CSV in serving mode by default; the flags override the file', () => {
    const base = cli(['--workload-file', 'q.csv', '--cluster', 'h100_8gpu', '--output', 'a.json'], { 'q.csv': REQUESTS })
    expect(base.code).toBe(0)
    expect(base.out).toContain('Mode: serving')
    // The default deployments: each model at exact mode's TP, then replicas in turn while any fits.
    expect(base.out).toContain('Replicas: Llama3-8B 4 × TP1, Llama3-70B 1 × TP4; maxNumSeqs 256, maxBatchedTokens 8192, block 16 tokens')
    const flags = ['--deployments', 'Llama3-8B:1x2,Llama3-70B:4x1:fp8', '--max-num-seqs', '1', '--max-batched-tokens', '256', '--block-size', '32']
    const over = cli(['--workload-file', 'q.csv', '--cluster', 'h100_8gpu', '--output', 'b.json', ...flags], { 'q.csv': REQUESTS })
    expect(over.out).toContain('Replicas: Llama3-8B 2 × TP1, Llama3-70B 1 × TP4 fp8; maxNumSeqs 1, maxBatchedTokens 256, block 32 tokens')
    // The same numbers as the engine given those settings.
    const doc = parseScenarioJson(
      JSON.stringify({
        version: 1,
        mode: 'serving',
        cluster: 'h100_8gpu',
        serving: { deployments: [{ model: 'Llama3-8B', tp: 1, replicas: 2 }, { model: 'Llama3-70B', tp: 4, replicas: 1, dtype: 'fp8' }], maxNumSeqs: 1, maxBatchedTokens: 256, blockSize: 32 },
        tasks: [
          { id: 'q1', model: 'Llama3-8B', weight: 1, arrival: 0, inputTokens: 512, outputTokens: 64 },
          { id: 'q2', model: 'Llama3-8B', weight: 2, arrival: 0.01, inputTokens: 1024, outputTokens: 128 },
          { id: 'q3', model: 'Llama3-70B', weight: 5, arrival: 0.02, inputTokens: 256, outputTokens: 32 },
        ],
      }),
    )
    const json = JSON.parse(over.written['b.json']!) as Record<string, Record<string, number>>
    for (const a of ['FIFO', 'WSRPT']) {
      const engine = runServing(doc.scenario, a)
      expect(json[`q_${a}`]).toEqual({ ...engine.common, ...engine.metrics })
    }
    expect(json.q_FIFO!.ttft_mean).not.toBe(JSON.parse(base.written['a.json']!).q_FIFO.ttft_mean)
  })

  it('runs the built-in workloads in serving mode: a prefill of T tokens is a request of T in, 1 out', () => {
    const r = cli(['--mode', 'serving', '--workload', 'discriminating', '--cluster', 'h100_8gpu', '--algorithms', 'FIFO', '--output', 'o.json'])
    expect(r.code).toBe(0)
    expect(r.out).toContain('Workload: discriminating (20 requests)')
    const scenario = { name: 'discriminating', cluster: parseClusterName('h100_8gpu'), dtS: 0.01, maxTimeS: 5, mode: 'serving' as const, backfill: true, tasks: discriminatingWorkload(), serving: {} }
    const engine = runServing(scenario, 'FIFO')
    expect(JSON.parse(r.written['o.json']!).discriminating_FIFO).toEqual({ ...engine.common, ...engine.metrics })
    // Every request generates its one token with its prefill: TPOT is undefined, so 0.
    expect(engine.metrics.tpot_mean).toBe(0)
    expect(engine.metrics.completed_count).toBe(20)
  })

  it.each([
    [['--mode', 'serving', '--max-num-seqs', '0'], "--max-num-seqs must be a whole number of at least 1, got '0'"],
    [['--mode', 'serving', '--max-batched-tokens', '1.5'], "--max-batched-tokens must be a whole number of at least 1, got '1.5'"],
    [['--mode', 'serving', '--block-size', '0x10'], "--block-size must be a whole number of at least 1, got '0x10'"],
    [['--mode', 'serving', '--deployments', 'Llama3-8B:1'], "--deployments: deployment 1 'Llama3-8B:1': must be MODEL:TPxREPLICAS, e.g. Llama3-8B:1x4"],
    [['--max-num-seqs', '8', '--block-size', '32'], '--max-num-seqs, --block-size apply to serving mode only; add --mode serving'],
    [['--mode', 'fast'], "--mode must be exact or reference for jobs, or serving for LLM serving; got 'fast'"],
  ])('refuses %j as a usage error', (args, message) => {
    const r = cli(args)
    expect(r.code).toBe(2)
    expect(r.err).toContain(message)
    expect(r.out).toBe('')
  })

  it('refuses a configuration that does not fit, naming the deployment, before running', () => {
    const r = cli(['--workload-file', 'q.csv', '--cluster', 'h100_8gpu', '--deployments', 'Llama3-8B:1x9'], { 'q.csv': REQUESTS })
    expect(r.code).toBe(1)
    expect(r.err).toContain("q.csv: serving.deployments[0], replicas = '9': replica 9 of Llama3-8B TP 1 does not fit: no GPU left in node 0, the one node it fits on")
    expect(r.out).not.toContain('Algorithm')
  })

  it('--help documents the serving flags and formats', () => {
    const { out } = cli(['--help'])
    for (const s of ['--deployments', '--max-num-seqs', '--max-batched-tokens', '--block-size', 'serving', 'InputTokens', 'first_token']) expect(out).toContain(s)
  })
})
