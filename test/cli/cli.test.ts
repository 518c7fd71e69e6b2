import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/cli.ts'
import { outputProblem } from '../../src/cli/node-io.ts'
import { fixturePath } from '../helpers/scenario.ts'
import { cli } from '../helpers/cli.ts'

const HEADER = 'Task,Workload,Memory,Weight,ArrivalTime,Phase,Tokens'

describe('command line', () => {
  it('lists the tasks no GPU group can hold, five by name, the rest counted', () => {
    const rows = ['A,Llama3-8B,16,1,0,1,100', ...[1, 2, 3, 4, 5, 6].map((k) => `R${k},DeepSeek-R1,16,1,0,1,100`)]
    const { code, out } = cli(['--workload-file', 'rej.csv', '--cluster', 'h100:4', '--max-time', 'inf'], { 'rej.csv': [HEADER, ...rows].join('\n') })
    expect(code).toBe(0)
    const why = 'TP 8 needs 8 GPUs in one node; the largest node here has 4'
    const from = out.indexOf('Rejected')
    expect(out.slice(from).trimEnd().split('\n')).toEqual(['Rejected 6 of 7 tasks (they can never run on this cluster):', ...[1, 2, 3, 4, 5].map((k) => `  R${k}: ${why}`), '  ... and 1 more'])
  })

  it('prints the reference table for discriminating in reference mode', () => {
    const { code, out } = cli(['--workload', 'discriminating', '--mode', 'reference'])
    expect(code).toBe(0)
    expect(out).toContain('Mode: reference')
    const rows = out.split('\n').filter((l) => /^(FIFO|WeightedFIFO|SRPT|WSRPT)\s+\d/.test(l)).map((l) => l.split(/\s+/))
    expect(rows).toEqual([
      ['FIFO', '336.400', '2.402', '20'],
      ['WeightedFIFO', '108.040', '1.802', '20'],
      ['SRPT', '108.040', '1.802', '20'],
      ['WSRPT', '108.040', '1.802', '20'],
    ])
    expect(out).toMatch(/Algorithm\s+Weighted Wait\s+Avg Wait\s+Completed/)
    expect(out).toContain('WeightedFIFO vs FIFO improvement 67.9 %')
    expect(out).toContain('SRPT vs FIFO average improvement 25.0 %')
  })

  it('defaults to both workloads in exact mode', () => {
    const { out } = cli([])
    expect(out).toContain('Mode: exact')
    expect(out.match(/^Workload: (\w+)/gm)).toEqual(['Workload: discriminating', 'Workload: staggered'])
    expect(out).toMatch(/^FIFO\s+336\.000\s+2\.400\s+20$/m)
    expect(out).toMatch(/^WSRPT\s+102\.000\s+1\.500\s+20$/m)
  })

  it('writes --output keyed <workload>_<Algorithm> with the reference metrics', () => {
    const { written } = cli(['--algorithms', 'FIFO', 'SRPT', '--output', 'out.json', '--cluster', 'h100_8gpu'])
    const json = JSON.parse(written['out.json']!)
    expect(Object.keys(json)).toEqual(['discriminating_FIFO', 'discriminating_SRPT', 'staggered_FIFO', 'staggered_SRPT'])
    expect(json.discriminating_FIFO).toMatchObject({ completed_count: 16, total_count: 20, completion_rate: 0.8, weighted_waiting_time: 404 })
    for (const key of ['weighted_waiting_time', 'average_waiting_time', 'makespan', 'completed_count', 'total_count', 'completion_rate', 'gpu_utilization']) {
      expect(json.staggered_SRPT).toHaveProperty(key)
    }
  })

  it('keys a workload file by its base name and writes the trace', () => {
    const { code, written } = cli([
      '--workload-file', fixturePath('workloads/overload_test.csv'),
      '--algorithms', 'FIFO,WSRPT', '--cluster', 'h100_8gpu', '--output', 'o.json', '--trace', 't.csv',
    ])
    expect(code).toBe(0)
    expect(Object.keys(JSON.parse(written['o.json']!))).toEqual(['overload_test_FIFO', 'overload_test_WSRPT'])
    const trace = written['t.csv']!.trim().split('\n')
    expect(trace[0]).toBe('algorithm,task,model,weight,arrival,start,completion,gpus')
    expect(trace).toHaveLength(1 + 2 * 15)
    expect(trace[1]).toBe('FIFO,T1,Qwen3,1,0,0,1,0;1')
    // WSRPT runs the weight-10 tasks first: T8 starts at 0 on GPUs 0 and 1.
    expect(trace.find((l) => l.startsWith('WSRPT,T8,'))).toBe('WSRPT,T8,Qwen3,10,0,0,1,0;1')
  })

  it('leaves start and completion empty for tasks that never ran', () => {
    const { written } = cli(['--workload', 'discriminating', '--cluster', 'h100_8gpu', '--algorithms', 'FIFO', '--trace', 't.csv'])
    expect(written['t.csv']!.split('\n')).toContain('FIFO,T_high_12,Qwen3,10,0,,,')
  })

  it('runs a scenario JSON with its own settings, flags overriding them', () => {
    const doc = JSON.stringify({ version: 1, cluster: 'h100_8gpu', mode: 'reference', maxTime: 60, algorithms: ['FIFO'], tasks: [{ id: 'a', model: 'Qwen3', weight: 2, arrival: 0, phase: 'prefill', tokens: 1500 }] })
    const a = cli(['--workload-file', 'class.json', '--output', 'o.json'], { 'class.json': doc })
    expect(a.out).toContain('Mode: reference')
    expect(JSON.parse(a.written['o.json']!).class_FIFO).toMatchObject({ weighted_waiting_time: 3, makespan: 1.5 })
    const b = cli(['--workload-file', 'class.json', '--mode', 'exact'], { 'class.json': doc })
    expect(b.out).toContain('Mode: exact')
  })

  it('reports rejected tasks in exact mode, allows unknown models in reference mode', () => {
    const csv = `${HEADER}\nA,Mystery,10,1,0,1,100\nB,Qwen3,30,1,0,1,100\n`
    const exact = cli(['--workload-file', 'm.csv'], { 'm.csv': csv })
    expect(exact.code).toBe(0)
    expect(exact.out).toContain("A: unknown model 'Mystery'")
    expect(exact.out).toMatch(/^FIFO\s+0\.100\s+0\.100\s+1$/m)
    const ref = cli(['--workload-file', 'm.csv', '--mode', 'reference'], { 'm.csv': csv })
    expect(ref.out).toMatch(/^FIFO\s+0\.200\s+0\.100\s+2$/m)
  })

  it('refuses bad input with the file, line and field, exiting non-zero', () => {
    const bad = cli(['--workload-file', 'bad.csv'], { 'bad.csv': `${HEADER}\nA,Qwen3,30,1,0,1,100\nB,Qwen3,30,1,0,1,-7\n` })
    expect(bad.code).toBe(1)
    expect(bad.err).toContain("bad.csv: line 3, Tokens = '-7': tokens must not be negative")
    const missing = cli(['--workload-file', '/nonexistent/w.csv'])
    expect(missing.code).toBe(1)
    // Named once, on one line.
    expect(missing.err).toBe('schedscope: /nonexistent/w.csv: cannot be read: no such file\n')
  })

  it.each([
    [['--cluster', 'h100_7gpu'], /unknown cluster 'h100_7gpu'/],
    [['--algorithms', 'LIFO'], /unknown algorithm 'LIFO'/],
    [['--dt', '0'], /dt must be a positive number/],
    [['--dt', '-0.1'], /dt must be a positive number/],
    [['--dt', 'abc'], /--dt must be a number, got 'abc'/],
    [['--max-time', '0'], /max time must be positive/],
    [['--mode', 'fast'], /--mode must be exact or reference/],
    [['--workload', 'other'], /--workload must be discriminating, staggered, both or a teaching scenario \(smith-rule, convoy, preemption, tp-blocking\)/],
    [['--frobnicate'], /unknown option '--frobnicate'/],
    [['--output'], /--output needs a value/],
    [['--dt', '1e-9', '--max-time', 'inf'], /cannot simulate discriminating: it could run until 24 s \(the last arrival at 0 s plus all the work done one task at a time, 22 s\): 2\.4e10 steps/],
  ])('refuses %j', (args, message) => {
    const r = cli(args)
    expect(r.code).toBe(2)
    expect(r.err).toMatch(message)
  })

  it.each([
    [['--dt', '0x10'], "--dt must be a number, got '0x10' (a decimal number of seconds)"],
    [['--dt', 'Infinity'], "--dt must be a number, got 'Infinity' (a decimal number of seconds)"],
    [['--max-time', '1e400'], "--max-time must be a finite number, got '1e400', or 'inf' for no limit"],
    [['--max-time', '12s'], "--max-time must be a number, got '12s' (a decimal number of seconds, or 'inf' for no limit)"],
  ])('refuses %j rather than reading it another way', (args, message) => {
    const r = cli(args)
    expect(r.code).toBe(2)
    expect(r.err).toContain(message)
    expect(r.out).toBe('')
  })

  it('--max-time inf (any case) runs until every task has finished', () => {
    const r = cli(['--workload', 'discriminating', '--cluster', 'h100_8gpu', '--max-time', 'INF'])
    expect(r.out).toContain('until every task finishes')
    expect(r.out).toMatch(/^FIFO\s+\S+\s+\S+\s+20$/m)
  })

  it('suggests --max-time inf when tasks never started before the horizon', () => {
    const { out } = cli(['--workload', 'discriminating', '--cluster', 'h100_8gpu', '--algorithms', 'FIFO'])
    expect(out).toContain('FIFO: 4 tasks never started before 5 s (unfinished, left out of the sums).\nTo run until every task has finished, add --max-time inf.')
  })

  it('checks --output and --trace before simulating: a missing folder, a folder, the same file twice', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schedscope-out-'))
    const missing = cli(['--output', join(dir, 'nope', 'r.json')], {}, outputProblem)
    expect(missing.code).toBe(2)
    expect(missing.err).toContain(`--output ${join(dir, 'nope', 'r.json')}: the folder ${join(dir, 'nope')} does not exist`)
    expect(missing.out).toBe('')
    const folder = cli(['--trace', dir], {}, outputProblem)
    expect(folder.err).toContain(`--trace ${dir}: is a folder; give a file name`)
    expect(folder.out).toBe('')
    const file = join(dir, 'file')
    writeFileSync(file, '')
    expect(cli(['--output', join(file, 'r.json')], {}, outputProblem).err).toContain(`${file} is not a folder`)
    expect(cli(['--output', 'x.json', '--trace', 'x.json']).err).toContain('--output and --trace name the same file, x.json')
    expect(outputProblem(join(dir, 'r.json'))).toBeUndefined()
  })

  it('says when a file cannot be written after all', () => {
    let err = ''
    const code = runCli(['--workload', 'staggered', '--output', 'r.json'], {
      out: () => {},
      err: (t) => (err += t),
      readFile: () => '',
      writeFile: () => {
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
      },
      outputProblem: () => undefined,
    })
    expect(code).toBe(1)
    expect(err).toBe('schedscope: cannot write r.json: ENOSPC: no space left on device\n')
  })

  it('lists every problem of a bad file, not the first ten', () => {
    const rows = Array.from({ length: 12 }, (_, i) => `T${i},Qwen3,30,1,0,1,-1`).join('\n')
    const r = cli(['--workload-file', 'bad.csv'], { 'bad.csv': `${HEADER}\n${rows}\n` })
    expect(r.code).toBe(1)
    const lines = r.err.trim().split('\n')
    expect(lines[0]).toBe('schedscope: cannot use bad.csv:')
    expect(lines.slice(1)).toEqual(Array.from({ length: 12 }, (_, i) => `bad.csv: line ${i + 2}, Tokens = '-1': tokens must not be negative`))
  })

  it('refuses a scenario nested 5,000 levels deep with a message, not a stack overflow', () => {
    const deep = `{"version": 1, "tasks": [${'['.repeat(5000)}${']'.repeat(5000)}]}`
    const r = cli(['--workload-file', 'deep.json'], { 'deep.json': deep })
    expect(r.code).toBe(1)
    expect(r.err).toBe('schedscope: deep.json: nests arrays or objects more than 64 levels deep; a scenario nests 4\n')
  })

  it('--preemptive: A(0, 8), B(1, 1), C(2, 1) on one GPU give SRPT a mean flow of 4.0 and FIFO 8.0', () => {
    const abc = `${HEADER}\nA,Llama3-8B,16,1,0,1,8000\nB,Llama3-8B,16,1,1,1,1000\nC,Llama3-8B,16,1,2,1,1000\n`
    const args = ['--workload-file', 'abc.csv', '--cluster', 'h100:1', '--max-time', 'inf', '--algorithms', 'FIFO', 'SRPT', '--output', 'o.json']
    const on = cli([...args, '--preemptive'], { 'abc.csv': abc })
    expect(on.code).toBe(0)
    expect(on.out).toContain('Mode: exact (exact GPU counting, TP groups within a node, backfill, preemptive)')
    const json = JSON.parse(on.written['o.json']!)
    expect(json.abc_SRPT.average_waiting_time).toBe(4)
    expect(json.abc_FIFO.average_waiting_time).toBe(8)
    const off = JSON.parse(cli(args, { 'abc.csv': abc }).written['o.json']!)
    expect(off.abc_SRPT.average_waiting_time).toBe(8)
    // A scenario file may ask for it too.
    const doc = { version: 1, cluster: 'h100:1', maxTime: null, preemptive: true, tasks: [{ id: 'A', model: 'Llama3-8B', weight: 1, arrival: 0, phase: 'prefill', tokens: 8000 }, { id: 'B', model: 'Llama3-8B', weight: 1, arrival: 1, phase: 'prefill', tokens: 1000 }] }
    const file = JSON.parse(cli(['--workload-file', 'ab.json', '--algorithms', 'SRPT', '--output', 'o.json'], { 'ab.json': JSON.stringify(doc) }).written['o.json']!)
    // A runs 0–1 and 2–9, B 1–2.
    expect(file.ab_SRPT.average_waiting_time).toBe((9 + 1) / 2)
    expect(cli([...args, '--preemptive', '--mode', 'reference'], { 'abc.csv': abc }).out).toContain('it never preempts, so preemptive is ignored')
  })

  it('runs a teaching scenario with its own cluster and settings', () => {
    const { code, out, written } = cli(['--workload', 'preemption', '--output', 'o.json'])
    expect(code).toBe(0)
    expect(out).toContain('Workload: preemption (3 tasks) on custom (1 GPUs), dt 0.01 s, until every task finishes')
    expect(out).toContain('preemptive)')
    const json = JSON.parse(written['o.json']!)
    expect(json.preemption_SRPT.average_waiting_time).toBe(4)
    expect(json.preemption_FIFO.average_waiting_time).toBe(8)
  })

  it('--help lists every flag', () => {
    const { code, out } = cli(['--help'])
    expect(code).toBe(0)
    for (const flag of ['--workload', '--workload-file', '--cluster', '--dt', '--max-time', '--algorithms', '--mode', '--strict', '--preemptive', '--output', '--trace', '--help']) {
      expect(out).toContain(flag)
    }
  })
})
