/**
 * Engine benchmark (npm run bench): prints figures and ratios, asserts nothing.
 * Timings on a shared machine are noisy; compare the ratios within one run.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseClusterName } from '../../src/engine/catalog/clusters.ts'
import { runAlgorithms } from '../../src/engine/simulation.ts'
import type { Scenario } from '../../src/engine/types.ts'
import { formatWorkloadCsv } from '../../src/engine/workloads/csv.ts'
import { DEFAULT_GENERATOR, generateWorkload } from '../../src/engine/workloads/generator.ts'
import { BUILT_IN_NAMES } from '../helpers/arbitraries.ts'
// @ts-expect-error: a plain-JS module without types (it runs before anything is compiled)
import { ensureBundle, SWEEP_BUNDLE } from '../../src/cli/bundle.js'
import { defaultThreads, threadWorkers } from '../../src/cli/sweep-threads.ts'
import { defaultSweep, jobCount, type SweepDefinition } from '../../src/sweep/definition.ts'
import { shardJobs } from '../../src/sweep/jobs.ts'
import { formatSweepJson } from '../../src/sweep/json.ts'
import { runJobs } from '../../src/sweep/pool.ts'
import { assembleResult } from '../../src/sweep/result.ts'
import { runSweep } from '../../src/sweep/run.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))

/** A busy but stable 64-GPU cluster: Poisson arrivals just under its service rate. */
export function benchScenario(count: number, mode: Scenario['mode'] = 'exact', cluster = 'h100_64gpu', ratePerS = 35): Scenario {
  const tasks = generateWorkload({ ...DEFAULT_GENERATOR, count, seed: 1, arrivals: { kind: 'poisson', ratePerS } })
  return { name: `bench-${count}`, cluster: parseClusterName(cluster), dtS: 0.01, maxTimeS: Infinity, mode, backfill: true, tasks }
}

function time<T>(f: () => T): { ms: number; value: T } {
  const t0 = performance.now()
  const value = f()
  return { ms: performance.now() - t0, value }
}

function best<T>(runs: number, f: () => T): { ms: number; value: T } {
  let out = time(f)
  for (let i = 1; i < runs; i++) {
    const next = time(f)
    if (next.ms < out.ms) out = next
  }
  return out
}

const fmt = (ms: number) => `${ms.toFixed(0).padStart(6)} ms`
const row = (label: string, value: string, note = '') => console.log(`${label.padEnd(52)} ${value}${note ? `   ${note}` : ''}`)

console.log('SchedScope engine benchmark (best of 3 unless noted)\n')

// Warm the JIT so the first figure is not mostly compilation.
runAlgorithms(benchScenario(2000), BUILT_IN_NAMES)

// 1. The headline: 100,000 tasks, h100_64gpu, dt 0.01, four algorithms.
const big = benchScenario(100_000)
const bigRun = best(3, () => runAlgorithms(big, BUILT_IN_NAMES))
const fifo = bigRun.value.get('FIFO')!
row('100,000 tasks, h100_64gpu, dt 0.01, 4 algorithms', fmt(bigRun.ms), `target < 2000 ms; ${((4 * 100_000) / (bigRun.ms / 1000)).toFixed(0)} task-runs/s`)
row('  steps covered / loop iterations (FIFO)', `${fifo.steps} / ${fifo.executedSteps}`, `${(fifo.steps / fifo.executedSteps).toFixed(1)}× fewer iterations than stepping every dt`)

// 2. Reference mode on 4,000 tasks.
const ref = benchScenario(4000, 'reference', 'h100_16gpu', 10)
const refRun = best(3, () => runAlgorithms(ref, BUILT_IN_NAMES))
row('reference mode, 4,000 tasks, h100_16gpu, 4 algorithms', fmt(refRun.ms), 'target < 200 ms')

// 3. Growth from 1,000 to 100,000 tasks (four algorithms each).
console.log('\nGrowth (4 algorithms):')
let previous: { n: number; ms: number } | null = null
for (const n of [1000, 10_000, 100_000]) {
  const s = benchScenario(n)
  const r = best(n === 100_000 ? 1 : 3, () => runAlgorithms(s, BUILT_IN_NAMES))
  const growth = previous === null ? '' : `×${(r.ms / previous.ms).toFixed(1)} time for ×${n / previous.n} tasks (n log n: ×${((n * Math.log(n)) / (previous.n * Math.log(previous.n))).toFixed(1)})`
  row(`  ${n.toLocaleString('en')} tasks`, fmt(r.ms), growth)
  previous = { n, ms: r.ms }
}

// 4. A load sweep over worker threads (what npm run sweep does): 50 points × 1 seed × 4 policies × 1,000 tasks.
const sweep: SweepDefinition = { ...defaultSweep(), generator: { ...DEFAULT_GENERATOR, count: 1000 }, points: 50, seeds: 1, algorithms: BUILT_IN_NAMES }
const bundle: string = await ensureBundle(SWEEP_BUNDLE)
async function sweepOnThreads(workers: number): Promise<{ ms: number; json: string }> {
  const t0 = performance.now()
  const results = await runJobs(sweep, shardJobs(sweep, null), { workers, start: threadWorkers(bundle) }).done
  const ms = performance.now() - t0
  return { ms, json: formatSweepJson(assembleResult(sweep, results, null)) }
}
const threads = defaultThreads()
console.log(`\nLoad sweep, ${sweep.points} points × ${sweep.algorithms.length} policies × ${sweep.generator.count.toLocaleString('en')} tasks (${jobCount(sweep)} scenarios, rate ${sweep.from}–${sweep.to}/s, ${sweep.cluster.name}; best of 3, alternating; thread start-up included):`)
const inThread = best(1, () => runSweep(sweep))
const sweeps = { one: { ms: Infinity, json: '' }, many: { ms: Infinity, json: '' } }
for (let i = 0; i < 3; i++) {
  const one = await sweepOnThreads(1)
  if (one.ms < sweeps.one.ms) sweeps.one = one
  const many = await sweepOnThreads(threads)
  if (many.ms < sweeps.many.ms) sweeps.many = many
}
const same = sweeps.one.json === sweeps.many.json && sweeps.one.json === formatSweepJson(inThread.value)
row('  on this thread (no workers)', fmt(inThread.ms))
row('  1 worker thread', fmt(sweeps.one.ms))
row(`  ${threads} worker threads (the machine's cores, at most 8)`, fmt(sweeps.many.ms), `speed-up ×${(sweeps.one.ms / sweeps.many.ms).toFixed(2)} over one worker; results identical: ${same ? 'yes' : 'NO'}`)
// The speed-up is bounded by the cores free: on a shared machine, say how busy it was.
row('  load average (1 min) / cores', `${loadavg()[0]!.toFixed(1)} / ${availableParallelism()}`, 'a speed-up near the core count needs the cores idle')

// 5. The whole CLI process against the Python reference, on two 4,000-task workloads in reference
// mode on h100_16gpu: the bench's (Poisson at 10/s, DEFAULT_GENERATOR lengths), and one shaped like
// the reference's own (test/fixtures/workloads/llm_task2.csv eight times, each copy 50 s later,
// ids suffixed): its long queues are where the Python's min(queue) pick, O(queue), spends its
// time. src/cli/schedscope.js is what `npm run sim` and `npx schedscope` start; `node -e 0` is
// Node's own start-up, the floor of any Node process. Issue 18 asks for the whole process to be
// at least 100× faster than the Python in the same run: reachable only if Node's start-up alone
// is under 1 % of the Python's time.
ensureBundleBuilt()
const dir = mkdtempSync(join(tmpdir(), 'schedscope-bench-'))
const workloads = [
  { label: 'generated (Poisson 10/s)', csv: join(dir, 'reference-4000.csv'), text: formatWorkloadCsv(ref.tasks) },
  { label: 'llm_task2.csv × 8', csv: join(dir, 'llm_task2_x8.csv'), text: repeatedReferenceCsv(8, 50) },
]
for (const w of workloads) writeFileSync(w.csv, w.text)
const refArgs = (csv: string) => ['--workload-file', csv, '--mode', 'reference', '--cluster', 'h100_16gpu', '--max-time', 'inf']
const proc = (args: string[]) => () => {
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`CLI failed: ${r.stderr}`)
  return r
}
console.log(`\nWhole CLI process (best of 7, alternating; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores):`)
const runs = { bare: Infinity, help: Infinity, disc: Infinity, tsxDisc: Infinity, ref: workloads.map(() => Infinity) }
for (let i = 0; i < 7; i++) {
  runs.bare = Math.min(runs.bare, time(proc(['-e', '0'])).ms)
  runs.help = Math.min(runs.help, time(proc(['src/cli/schedscope.js', '--help'])).ms)
  runs.disc = Math.min(runs.disc, time(proc(['src/cli/schedscope.js', '--workload', 'discriminating'])).ms)
  workloads.forEach((w, k) => (runs.ref[k] = Math.min(runs.ref[k]!, time(proc(['src/cli/schedscope.js', ...refArgs(w.csv)])).ms)))
  if (i < 3) runs.tsxDisc = Math.min(runs.tsxDisc, time(proc(['--import', 'tsx', 'src/cli/main.ts', '--workload', 'discriminating'])).ms)
}
row('  node -e 0 (Node start-up alone: the floor)', fmt(runs.bare))
row('  npm run sim --help (+ launcher, bundle)', fmt(runs.help), `${(runs.help - runs.bare).toFixed(0)} ms over Node's start-up`)
row('  npm run sim, discriminating', fmt(runs.disc), `target ~100 ms; through tsx: ${runs.tsxDisc.toFixed(0)} ms (${(runs.tsxDisc / runs.disc).toFixed(1)}x slower)`)
console.log('  reference mode, 4,000 tasks, h100_16gpu, 4 algorithms:')
workloads.forEach((w, k) => row(`    ${w.label}`, fmt(runs.ref[k]!), `${(runs.ref[k]! - runs.bare).toFixed(0)} ms over Node's start-up`))
row('    (the engine alone on the generated one, warm, in this process)', fmt(refRun.ms))

// 6. The same runs in a plain Python transcription of the reference's loop (test/bench/reference_loop.py),
// checked to agree with the CLI before the two are compared.
compareWithPython()

function compareWithPython(): void {
  const python = spawnSync('python3', ['--version'], { encoding: 'utf8' })
  if (python.error !== undefined || python.status !== 0) {
    row('  Python transcription of the reference loop', 'skipped', 'python3 is not installed here')
    return
  }
  console.log(`\nAgainst the Python transcription of the reference loop (best of 2, alternating with the CLI; load average ${loadavg()[0]!.toFixed(1)}):`)
  workloads.forEach((w, k) => {
    const out = join(dir, `cli-${k}.json`)
    proc(['src/cli/schedscope.js', ...refArgs(w.csv), '--algorithms', ...BUILT_IN_NAMES, '--output', out])()
    const name = w.csv.split('/').pop()!.replace(/\.csv$/, '')
    const cli = JSON.parse(readFileSync(out, 'utf8')) as Record<string, { weighted_waiting_time: number; completed_count: number }>
    let pyMs = Infinity
    let cliMs = Infinity
    let py: Record<string, { weighted_waiting_time: number; completed_count: number }> = {}
    for (let i = 0; i < 2; i++) {
      const r = time(() => spawnSync('python3', [join(root, 'test/bench/reference_loop.py'), w.csv, '16', 'inf'], { encoding: 'utf8' }))
      if (r.value.status !== 0) throw new Error(`the Python transcription failed: ${r.value.stderr}`)
      pyMs = Math.min(pyMs, r.ms)
      py = JSON.parse(r.value.stdout) as typeof py
      cliMs = Math.min(cliMs, time(proc(['src/cli/schedscope.js', ...refArgs(w.csv)])).ms)
    }
    for (const a of BUILT_IN_NAMES) {
      const c = cli[`${name}_${a}`]!
      const p = py[a]!
      const agree = c.completed_count === p.completed_count && Math.abs(c.weighted_waiting_time - p.weighted_waiting_time) <= 1e-9 * Math.abs(p.weighted_waiting_time)
      if (!agree) throw new Error(`the CLI and the Python transcription disagree on ${w.label}, ${a}: ${JSON.stringify(c)} vs ${JSON.stringify(p)}`)
    }
    const cliBest = Math.min(cliMs, runs.ref[k]!)
    console.log(`  ${w.label}: same weighted waits and counts as the CLI`)
    row('    Python transcription', fmt(pyMs))
    row('    the CLI process vs the Python', `${(pyMs / cliBest).toFixed(1)}× faster`, `target ≥ 100×: the CLI would need ≤ ${(pyMs / 100).toFixed(0)} ms`)
    row('    Node\'s start-up vs the Python (the ceiling)', `${(pyMs / runs.bare).toFixed(1)}×`, `${((100 * runs.bare) / pyMs).toFixed(1)} % of the Python's time${runs.bare > pyMs / 100 ? ': 100× is out of reach for any Node process' : ''}`)
  })
}

/**
 * test/fixtures/workloads/llm_task2.csv (500 tasks) `copies` times, each copy `gapS` later than
 * the one before and its ids suffixed: a reference-shaped workload of any size.
 */
function repeatedReferenceCsv(copies: number, gapS: number): string {
  const lines = readFileSync(join(root, 'test/fixtures/workloads/llm_task2.csv'), 'utf8').trim().split(/\r?\n/)
  const header = lines[0]!.split(',')
  const id = header.indexOf('Task')
  const arrival = header.indexOf('ArrivalTime')
  const out = [lines[0]!]
  for (let k = 0; k < copies; k++) {
    for (const line of lines.slice(1)) {
      const cells = line.split(',')
      cells[id] = `${cells[id]}_${k}`
      cells[arrival] = String(Number(cells[arrival]) + gapS * k)
      out.push(cells.join(','))
    }
  }
  return `${out.join('\n')}\n`
}
function ensureBundleBuilt(): void {
  const r = spawnSync(process.execPath, ['src/cli/schedscope.js', '--help'], { cwd: root, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`CLI failed: ${r.stderr}`)
}
