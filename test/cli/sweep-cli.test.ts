import { describe, expect, it } from 'vitest'
import { runSweepCli } from '../../src/cli/sweep-cli.ts'
import { parseSweepArgs } from '../../src/cli/sweep-args.ts'
import { formatSweepCsv } from '../../src/sweep/csv.ts'
import { formatSweepJson, parseSweepJson } from '../../src/sweep/json.ts'
import { inThreadWorkers } from '../../src/sweep/pool.ts'
import { runSweep } from '../../src/sweep/run.ts'
import { tinySweep } from '../sweep/helpers.ts'

async function sweep(args: string[], files: Record<string, string> = {}) {
  let out = ''
  let err = ''
  const written: Record<string, string> = {}
  const code = await runSweepCli(
    args,
    {
      out: (t) => (out += t),
      err: (t) => (err += t),
      readFile: (p) => {
        if (p in files) return files[p]!
        throw Object.assign(new Error('nope'), { code: 'ENOENT' })
      },
      writeFile: (p, t) => (written[p] = t),
      outputProblem: (p) => (p.startsWith('/missing/') ? 'the folder /missing does not exist' : undefined),
    },
    { start: inThreadWorkers((f) => setTimeout(f, 0)), count: 3 },
  )
  return { code, out, err, written }
}

/** The tiny sweep (4 one-second tasks on 1–4 GPUs) as flags. */
const TINY = ['--param', 'cluster-size', '--from', '1', '--to', '4', '--points', '4', '--seeds', '2', '--cluster', 'h100_8gpu', '--count', '4', '--seed', '7']
const TINY_WORKLOAD = ['--arrivals', 'all-at-once:0', '--prefill-share', '1', '--prefill-tokens', 'fixed:1000', '--decode-tokens', 'fixed:5000', '--weights', '1:1', '--models', 'Llama3-8B:1']

describe('npm run sweep', () => {
  it('runs the sweep the flags describe, prints the table and writes the engine’s JSON', async () => {
    const { code, out, err, written } = await sweep([...TINY, ...TINY_WORKLOAD, '--out', 'tiny.json'])
    expect(err).toBe('')
    expect(code).toBe(0)
    expect(written['tiny.json']).toBe(formatSweepJson(runSweep(tinySweep())))
    expect(out).toContain('Sweep: Cluster size (GPUs) from 1 to 4, 4 points × 2 seeds (7–8) = 8 scenarios of 4 tasks, 4 policies\n')
    expect(out).toContain('Ran 8 scenarios × 4 policies on 3 worker threads.')
    expect(out).toContain(
      [
        'Mean flow time (s) against cluster size (GPUs): mean over 2 seeds [min–max]',
        'cluster-size                  FIFO          WeightedFIFO                  SRPT                 WSRPT',
        '1              2.500 [2.500–2.500]   2.500 [2.500–2.500]   2.500 [2.500–2.500]   2.500 [2.500–2.500]',
        '2              1.500 [1.500–1.500]   1.500 [1.500–1.500]   1.500 [1.500–1.500]   1.500 [1.500–1.500]',
        '3              1.250 [1.250–1.250]   1.250 [1.250–1.250]   1.250 [1.250–1.250]   1.250 [1.250–1.250]',
        '4              1.000 [1.000–1.000]   1.000 [1.000–1.000]   1.000 [1.000–1.000]   1.000 [1.000–1.000]',
      ].join('\n'),
    )
    expect(out).toContain('Sweep written to tiny.json')
  })

  it('writes the CSV of the chosen metrics', async () => {
    const { written } = await sweep([...TINY, ...TINY_WORKLOAD, '--metric', 'weighted_flow,rejected', '--algorithms', 'FIFO,SRPT', '--out', 'tiny.csv'])
    expect(written['tiny.csv']).toBe(formatSweepCsv(runSweep(tinySweep({ algorithms: ['FIFO', 'SRPT'] })), ['weighted_flow', 'rejected']))
    expect(written['tiny.csv']!.split('\n')[1]).toBe('0,cluster-size,1,,,FIFO,weighted_flow,10,10,10,2')
  })

  it('runs a shard, and merge joins the shards into what one run writes', async () => {
    const parts: Record<string, string> = {}
    for (const i of [1, 2, 3]) {
      const { code, written, out } = await sweep([...TINY, ...TINY_WORKLOAD, '--shard', `${i}/3`, '--out', `part${i}.json`])
      expect(code).toBe(0)
      expect(out).toContain(`Shard ${i}/3: ${i === 3 ? 2 : 3} of 8 scenarios`)
      parts[`part${i}.json`] = written[`part${i}.json`]!
    }
    const merged = await sweep(['merge', 'part3.json', 'part1.json', 'part2.json', '--out', 'all.json'], parts)
    expect(merged.err).toBe('')
    expect(merged.written['all.json']).toBe(formatSweepJson(runSweep(tinySweep())))
    const partial = await sweep(['merge', 'part1.json', '--out', 'some.csv'], parts)
    expect(partial.code).toBe(0)
    expect(partial.err).toBe('schedscope sweep: the merged sweep is incomplete (12 of 32 runs): is a shard missing?\n')
  })

  it('starts from a sweep file, changed by the flags given', async () => {
    const file = formatSweepJson(runSweep(tinySweep()))
    const { written } = await sweep(['--sweep', 'tiny.json', '--to', '2', '--points', '2', '--out', 'two.json'], { 'tiny.json': file })
    expect(parseSweepJson(written['two.json']!).definition).toEqual(tinySweep({ to: 2, points: 2 }))
  })

  it('refuses bad usage with the flag named, exit 2', async () => {
    const cases: [string[], string][] = [
      [['--param', 'speed'], "--param: unknown name 'speed' (known: rate, utilization, weight-mix, tp, cluster-size)"],
      [['--points', '2.5'], "--points must be a whole number, got '2.5'"],
      [['--out', 'x.txt'], '--out x.txt: the file name must end in .csv (the summary) or .json (the whole sweep)'],
      [['--shard', '1/2'], '--shard runs a part of the sweep to merge later: write it with --out FILE.json'],
      [['--shard', '3/2', '--out', 'a.json'], "--shard: a shard is i/n with 1 ≤ i ≤ n (such as 2/4), got '3/2'"],
      [['--rate', '5'], '--rate sets the arrival rate of a sweep over another parameter; --param rate sets it at each point'],
      [['--param', 'tp', '--from', '1', '--to', '8', '--arrivals', 'nope'], "--arrivals must start with one of poisson, bursts, varying, uniform, all-at-once, got 'nope'"],
      [['--prefill-tokens', 'lognormal:1000:0.8:3'], "--prefill-tokens lognormal takes MEDIAN:SIGMA, got 'lognormal:1000:0.8:3'"],
      [['--from', '0', '--count', '0'], '--count: must be a whole number from 1 to 1000000\nschedscope sweep: --from: must be more than 0 and at most 1000000'],
      [['--cluster', 'h100:0'], "--cluster: GPU count '0' in cluster 'h100:0' must be a positive whole number"],
      [['--out', '/missing/a.csv'], '--out /missing/a.csv: the folder /missing does not exist'],
      [['merge'], 'merge needs the sweep files to join: merge a.json b.json ...'],
      [['merge', 'a.json', '--seeds', '2'], 'merge takes only --out and --metric, not --seeds'],
      [['extra'], "unexpected 'extra' (the one command is merge; see --help)"],
      [['--seeds', '1', '--seeds', '2'], '--seeds is given twice'],
    ]
    for (const [args, message] of cases) {
      const r = await sweep(args)
      expect(r.err, args.join(' ')).toBe(`schedscope sweep: ${message}\nRun with --help for the options.\n`)
      expect(r.code).toBe(2)
      expect(r.written).toEqual({})
    }
  })

  it('a bad file or a failing point exits 1 with the reason', async () => {
    const missing = await sweep(['merge', 'gone.json'])
    expect(missing).toMatchObject({ code: 1, err: 'schedscope sweep: cannot use gone.json:\ngone.json: file: cannot be read: no such file\n' })
    const other = await sweep(['merge', 'a.json', 'b.json'], { 'a.json': formatSweepJson(runSweep(tinySweep())), 'b.json': formatSweepJson(runSweep(tinySweep({ seeds: 1 }))) })
    expect(other).toMatchObject({ code: 1, err: 'schedscope sweep: cannot merge: b.json is from another sweep than a.json: its seeds differs (1 against 2)\n' })
    const workload = TINY_WORKLOAD.map((a) => (a === 'fixed:1000' ? 'fixed:10000000' : a))
    const huge = await sweep(['--param', 'cluster-size', '--from', '1', '--to', '1', '--points', '1', '--seeds', '1', '--seed', '7', '--count', '200000', '--dt', '0.001', ...workload])
    expect(huge.code).toBe(1)
    expect(huge.err).toMatch(/^schedscope sweep: the sweep stopped: point 1 \(cluster-size 1\), seed 7: This scenario cannot be simulated: it could run until/)
  })

  it('--help lists the parameters, metrics and policies', async () => {
    const { code, out } = await sweep(['--help'])
    expect(code).toBe(0)
    expect(out).toMatch(/^Usage: npm run sweep -- \[options\]/)
    for (const word of ['utilization', 'cluster-size', 'p95_flow', 'mean_queueing_delay', 'WSRPT', '--shard I/N', 'merge FILE.json']) expect(out).toContain(word)
  })

  it('parses the generator flags', () => {
    expect(parseSweepArgs(['--arrivals', 'bursts:2:10', '--weights', '1:0.5,20:0.5', '--models', 'Qwen3', '--max-time', 'inf'])).toMatchObject({
      arrivals: { kind: 'bursts', ratePerS: 2, everyS: 10, size: 50, widthS: 0.5 },
      weights: [{ value: 1, share: 0.5 }, { value: 20, share: 0.5 }],
      models: [{ value: 'Qwen3', share: 1 }],
      maxTimeS: Infinity,
    })
  })
})
