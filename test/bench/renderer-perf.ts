/**
 * What the page's thread spends in the kernel while the serving bench's run streams in, which
 * neither a trace nor a CPU profile of the page can tell: `tsx test/bench/renderer-perf.ts
 * [dist] [rounds]` (build first; needs Linux `perf` and the right to attach it, here root).
 * Each round imports bench:ui's 10,000 requests into a fresh page of the build, samples the
 * renderer's threads with `perf record -g` from the import to the results, and prints the
 * milliseconds of the page's main thread in madvise (memory handed back to the system), in page
 * faults (new memory touched) and in all, with the bursts of madvise over 5 ms, and the busiest
 * threads. Chromium's own frames have no symbols here; the kernel's and libc's do.
 * `--after-100k` first runs bench:ui's 100,000-task job workload in the page, so that the
 * serving import replaces a large run (as the serving part of bench:ui did in one page).
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { preview } from 'vite'
import { launchBrowser } from '../helpers/browser.ts'
import { ISOLATION_HEADERS } from '../helpers/server.ts'
import { jobBenchCsv } from './job-workload.ts'
import { importStaged, servingBenchCsv, stageFile, stageServingBench, waitForResults, waitForServingResults } from './serving-workload.ts'

const args = process.argv.slice(2)
const after100k = args.includes('--after-100k')
const [dist = 'dist', roundsArg = '1'] = args.filter((a) => !a.startsWith('--'))
const rounds = Number(roundsArg)
/** Samples a second per thread (perf's software clock: this VM has no hardware counters). */
const HZ = 4000

interface Sample {
  readonly timeS: number
  readonly frames: readonly string[]
}

/** A sample's first line in `perf script -F tid,time,...`: its tid and time (s). */
const HEADER = /^\s*\d+\s+([\d.]+):\s*$/

/** `perf script`'s samples of one thread: a header line (tid, time) and one line per frame. */
function samplesOf(data: string, tid: string): Sample[] {
  const text = execFileSync('perf', ['script', '-i', data, '--tid', tid, '-F', 'tid,time,ip,sym,dso'], { maxBuffer: 1 << 30, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  const samples: Sample[] = []
  let frames: string[] | null = null
  let timeS = 0
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      if (frames !== null) samples.push({ timeS, frames })
      frames = null
    } else if (HEADER.test(line)) {
      // perf pads the tid to a width: a short one starts with spaces, as frames do.
      timeS = Number(HEADER.exec(line)![1])
      frames = []
    } else frames?.push(line.trim())
  }
  if (frames !== null) samples.push({ timeS, frames })
  return samples
}

/** Each thread's share of the samples, busiest first: "tid:name percent". */
function threads(data: string): { tid: string; name: string; percent: number }[] {
  const text = execFileSync('perf', ['report', '-i', data, '--no-children', '--sort', 'pid', '--stdio', '-g', 'none'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  return text
    .split('\n')
    .filter((l) => /^\s+[\d.]+%/.test(l))
    .map((l) => {
      const [percent, who] = l.trim().split(/\s+/) as [string, string]
      const [tid, name] = who.split(':') as [string, string]
      return { tid, name, percent: parseFloat(percent) }
    })
}

/** Runs bench:ui's job workload of `count` tasks in the page, then stages `csv` again for the serving import. */
async function runJobWorkload(page: Page, count: number, csv: string): Promise<void> {
  await stageFile(page, jobBenchCsv(count), 'job.csv')
  await importStaged(page)
  await waitForResults(page, count)
  await page.waitForTimeout(1500)
  await stageFile(page, csv, 'bench.csv')
}

const ms = (n: number) => ((n * 1000) / HZ).toFixed(0)

const server = await preview({ root: process.cwd(), logLevel: 'silent', build: { outDir: dist }, preview: { host: '127.0.0.1', port: 0, open: false, headers: ISOLATION_HEADERS } })
const url = server.resolvedUrls!.local[0]!
const csv = servingBenchCsv(10_000)
const dir = mkdtempSync(join(tmpdir(), 'renderer-perf-'))
const browser = await launchBrowser()
try {
  for (let round = 1; round <= rounds; round++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    await stageServingBench(page, url, csv)
    if (after100k) await runJobWorkload(page, 100_000, csv)
    // Every renderer but the browser's own UI: the page's is among them.
    const renderers = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.includes('--type=renderer') && !l.includes('top-chrome'))
      .map((l) => l.trim().split(/\s+/)[0]!)
    const data = join(dir, `round-${round}.data`)
    const perf = spawn('perf', ['record', '-e', 'cpu-clock', '-F', String(HZ), '-g', '-p', renderers.join(','), '-o', data], { stdio: 'ignore' })
    await new Promise((resolve) => setTimeout(resolve, 500))
    const before = loadavg()[0]!.toFixed(1)
    await importStaged(page)
    await waitForServingResults(page)
    perf.kill('SIGINT')
    await new Promise((resolve) => perf.on('exit', resolve))
    await page.close()
    const all = threads(data)
    // The page's thread is its renderer's main thread, which perf names after the program.
    const main = all.find((t) => t.name === 'chromium')
    if (main === undefined) throw new Error(`no renderer main thread among ${all.map((t) => t.name).join(', ')}`)
    const samples = samplesOf(data, main.tid)
    if (samples.length === 0) throw new Error(`perf gave no samples of the page's thread (tid ${main.tid}) in ${data}`)
    const has = (s: Sample, frame: string) => s.frames.some((f) => f.includes(frame))
    const madvise = samples.filter((s) => has(s, 'madvise'))
    const faults = samples.filter((s) => has(s, 'exc_page_fault'))
    const bursts: { fromS: number; toS: number; n: number }[] = []
    for (const s of madvise) {
      const last = bursts[bursts.length - 1]
      if (last !== undefined && s.timeS - last.toS < 0.004) Object.assign(last, { toS: s.timeS, n: last.n + 1 })
      else bursts.push({ fromS: s.timeS, toS: s.timeS, n: 1 })
    }
    const t0 = samples[0]?.timeS ?? 0
    const long = bursts.filter((b) => (b.n * 1000) / HZ > 5).map((b) => `${(b.fromS - t0).toFixed(1)} s: ${ms(b.n)} ms`)
    console.log(`round ${round} (load ${before}): page's thread ${ms(samples.length)} ms sampled; madvise ${ms(madvise.length)} ms, page faults ${ms(faults.length)} ms; madvise bursts over 5 ms: ${long.length > 0 ? long.join(', ') : 'none'}`)
    console.log(`  busiest threads: ${all.slice(0, 6).map((t) => `${t.name} ${t.percent.toFixed(0)}%`).join(', ')}`)
  }
} finally {
  await browser.close()
  await server.close()
}
