import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runSweepCli } from '../../src/cli/sweep-cli.ts'
import { thisRealm } from '../../src/policy-code/realm.ts'
import { sweepPolicyCompiler } from '../../src/policy-code/sweep-compiler.ts'
import { checkSweep } from '../../src/sweep/check.ts'
import { jobCount } from '../../src/sweep/definition.ts'
import { runSweepJob } from '../../src/sweep/jobs.ts'
import { formatSweepJson, parseSweepJson } from '../../src/sweep/json.ts'
import { answerJob, inThreadWorkers } from '../../src/sweep/pool.ts'
import type { SweepPolicyCode } from '../../src/sweep/user-policies.ts'
import { smallRateSweep } from './helpers.ts'

const compile = sweepPolicyCompiler(() => thisRealm({ harden: false }))
/** WeightedFIFO's key (the heaviest first, ties to queue order), written in the browser. */
const byWeight: SweepPolicyCode = { kind: 'key', source: { name: 'ByWeight', higherFirst: true, key: 't.weight' } }
const metricsOf = (runs: ReturnType<typeof runSweepJob>['runs'], algorithm: string) => runs.filter((r) => r.algorithm === algorithm).map((r) => r.metrics)

describe('policies written by a user in sweeps', () => {
  it("a custom policy with WeightedFIFO's key gives WeightedFIFO's sweep numbers exactly (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 30 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.double({ min: 1, max: 8, noNaN: true }),
        fc.constantFrom('exact' as const, 'reference' as const, 'serving' as const),
        (count, seed, to, mode) => {
          const base = smallRateSweep({ mode, from: 0.5, to, points: 2, seeds: 2 })
          const d = { ...base, generator: { ...base.generator, count, seed }, algorithms: ['WeightedFIFO', 'ByWeight'], policies: [byWeight] }
          expect(checkSweep(d)).toEqual([])
          for (let j = 0; j < jobCount(d); j++) {
            const runs = runSweepJob(d, j, compile).runs
            const alone = runSweepJob({ ...base, generator: d.generator, algorithms: ['WeightedFIFO'] }, j).runs
            expect(metricsOf(runs, 'ByWeight')).toEqual(metricsOf(runs, 'WeightedFIFO'))
            expect(metricsOf(runs, 'WeightedFIFO')).toEqual(metricsOf(alone, 'WeightedFIFO'))
          }
        },
      ),
      { numRuns: 12, seed: 17 },
    )
  })

  it('a key that differs gives different numbers (the property can fail)', () => {
    const lightest: SweepPolicyCode = { kind: 'key', source: { name: 'Lightest', higherFirst: false, key: 't.weight' } }
    const d = { ...smallRateSweep({ points: 1, seeds: 1, from: 6, to: 6 }), algorithms: ['WeightedFIFO', 'Lightest'], policies: [lightest] }
    const runs = runSweepJob(d, 0, compile).runs
    expect(metricsOf(runs, 'Lightest')).not.toEqual(metricsOf(runs, 'WeightedFIFO'))
  })

  it('stops a looping key with its policy and line, through the worker path', () => {
    const stuck: SweepPolicyCode = { kind: 'key', source: { name: 'Stuck', higherFirst: false, key: 'let n = 0\nwhile (true) n++\nreturn n' } }
    const d = { ...smallRateSweep({ points: 1, seeds: 1 }), algorithms: ['FIFO', 'Stuck'], policies: [stuck] }
    const reply = answerJob({ definition: d, job: 0 }, compile)
    expect(reply.ok).toBe(false)
    expect(!reply.ok && reply.message).toMatch(/^point 1 \(rate 1\), seed 3: policy Stuck, line 2: /)
    // Without a sandbox the worker says so rather than running the page's placeholder.
    expect(answerJob({ definition: d, job: 0 })).toEqual({ ok: false, job: 0, message: 'point 1 (rate 1), seed 3: policies written by a user run only in a worker with a sandbox, and this one has none' })
  })

  it('checks names: unknown and built-in', () => {
    expect(checkSweep({ ...smallRateSweep(), algorithms: ['FIFO', 'ByWeight'] }).map((p) => p.message)).toEqual([
      "unknown policy 'ByWeight' (known: FIFO, WeightedFIFO, SRPT, WSRPT)",
    ])
    const fifo: SweepPolicyCode = { kind: 'key', source: { name: 'FIFO', higherFirst: false, key: 't.arrival' } }
    expect(checkSweep({ ...smallRateSweep(), policies: [fifo] }).map((p) => p.message)).toEqual(['FIFO is the name of a built-in policy: rename the policy written by a user'])
    expect(checkSweep({ ...smallRateSweep(), mode: 'serving', param: 'rate', algorithms: ['FIFO', 'ByWeight'], policies: [byWeight] })).toEqual([])
  })

  it('keeps the code in the sweep JSON, so a re-read definition runs the same policy', () => {
    const d = { ...smallRateSweep({ points: 1, seeds: 1 }), algorithms: ['WeightedFIFO', 'ByWeight'], policies: [byWeight] }
    const result = { definition: d, shard: null, complete: false, points: [], runs: [], summary: [] }
    const read = parseSweepJson(formatSweepJson(result as never), 'x.json').definition
    expect(read.policies).toEqual([byWeight])
  })
})

describe('npm run sweep --policy-file', () => {
  const FILE = "// heaviest first\nexport default { name: 'ByWeight', higherFirst: true, key: (t) => t.weight }\n"
  async function sweep(args: string[], files: Record<string, string>) {
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
        outputProblem: () => undefined,
      },
      { start: inThreadWorkers((f) => setTimeout(f, 0), compile), count: 2 },
    )
    return { code, out, err, written }
  }
  const FLAGS = ['--param', 'rate', '--from', '1', '--to', '6', '--points', '3', '--seeds', '2', '--count', '30', '--algorithms', 'WeightedFIFO', '--metric', 'mean_flow,weighted_flow']

  it("adds the file's policy to the policies compared, with WeightedFIFO's numbers", async () => {
    const { code, err, written } = await sweep([...FLAGS, '--policy-file', 'w.js', '--out', 's.json'], { 'w.js': FILE })
    expect(err).toBe('')
    expect(code).toBe(0)
    const r = parseSweepJson(written['s.json']!, 's.json')
    expect(r.definition.algorithms).toEqual(['WeightedFIFO', 'ByWeight'])
    expect(r.runs).toHaveLength(3 * 2 * 2)
    const of = (a: string) => r.runs.filter((x) => x.algorithm === a).map((x) => [x.point, x.seed, x.metrics])
    expect(of('ByWeight')).toEqual(of('WeightedFIFO'))
  })

  it('stops the sweep at a looping key, naming the policy, the file and the line', async () => {
    const loop = "export default {\n  name: 'Stuck', higherFirst: true,\n  key: (t) => { while (true) {} } }\n"
    const { code, err } = await sweep([...FLAGS, '--policy-file', 'stuck.js'], { 'stuck.js': loop })
    expect(code).toBe(1)
    expect(err).toBe('schedscope sweep: the sweep stopped: point 1 (rate 1), seed 42: policy Stuck, line 3: stuck.js: stopped after 1,000,000 steps for one task (an endless loop?)\n')
  })

  it('names the file and line of a bad policy file', async () => {
    const { code, err } = await sweep([...FLAGS, '--policy-file', 'bad.js'], { 'bad.js': "export default {\n  name: 'Bad',\n  higherFirst: 'yes',\n  key: (t) => t.weight }\n" })
    expect(code).toBe(1)
    expect(err).toBe('schedscope sweep: cannot use bad.js:\nbad.js: line 3: higherFirst must be true or false\n')
  })
})
