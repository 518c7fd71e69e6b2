/**
 * A/B of the serving part of bench:ui between builds, alternating in one session so that the
 * machine's load hits both alike: `tsx test/bench/serving-ab.ts <distA> <distB> [rounds]`
 * (build each with `vite build --outDir <dir>`). Each round imports 10,000 Llama3-8B requests on
 * h100_64gpu (bench:ui's workload) into a fresh page of each build, simulates to the end, then
 * waits for the curves over time to be drawn, plays at 64× for 6 s, and prints frame p95 and long tasks of both parts with the load average.
 * `--profile <file.json>` instead takes one CPU profile of the first build (best unminified:
 * `vite build --minify false`) and prints the functions with the most self time, then each
 * main-thread task over 50 ms (`--over <ms>` for another threshold; from a trace taken beside it)
 * with the functions it ran.
 * Every part is traced: each round also prints, per part, the tasks whose thread (CPU) time was
 * over 50 ms, and wall/thread ms of each task over 50 ms wall (the machine's load stretches wall).
 */
import { writeFileSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import type { Page } from 'playwright-core'
import { preview } from 'vite'
import { launchBrowser } from '../helpers/browser.ts'
import { ISOLATION_HEADERS } from '../helpers/server.ts'
import { importStaged, servingBenchCsv, stageServingBench, waitForServingResults } from './serving-workload.ts'
import { EXPLAIN_CATEGORIES, explainLongTasks, longTraceTasks, mainThreadTasks, startTrace, TASK_CATEGORIES, threadSummary, type Task, type TraceEvent } from './trace-tasks.ts'

const args = process.argv.slice(2)
const profileAt = args.indexOf('--profile')
const profileFile = profileAt >= 0 ? args.splice(profileAt, 2)[1] : undefined
const playOnly = args.includes('--play-profile')
const explain = args.includes('--explain')
// With --profile, list the tasks over this many ms wall (50 unless `--over <ms>`).
const overAt = args.indexOf('--over')
const overMs = overAt >= 0 ? Number(args.splice(overAt, 2)[1]) : 50
const dists = args.filter((a) => !a.startsWith('--') && Number.isNaN(Number(a)))
const rounds = Number(args.find((a) => !Number.isNaN(Number(a))) ?? 2)
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ')

const START = `(() => {
  window.__frames = []; window.__long = []; window.__stop = false
  // One loop and one observer a page: the next part's would count every frame and long task twice.
  const gen = (window.__gen = (window.__gen ?? 0) + 1)
  let last = performance.now()
  const frame = (now) => { if (window.__gen !== gen) return; window.__frames.push(now - last); last = now; if (!window.__stop) requestAnimationFrame(frame) }
  requestAnimationFrame(frame)
  window.__observer?.disconnect()
  window.__observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push(e.duration) })
  window.__observer.observe({ type: 'longtask' })
})()`
const STOP = `(() => { window.__stop = true; return { frames: window.__frames.slice(1), long: window.__long } })()`

interface Part {
  frames: number[]
  long: number[]
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length - 1) * p))] ?? NaN
const line = (p: Part) => {
  const over = p.long.filter((d) => d > 50)
  return `p95 ${pct(p.frames, 0.95).toFixed(1).padStart(5)} ms, long ${String(over.length).padStart(3)} (max ${over.length ? Math.max(...over).toFixed(0) : 0})`
}

async function serve(dist: string) {
  const server = await preview({ root: process.cwd(), logLevel: 'silent', build: { outDir: dist }, preview: { host: '127.0.0.1', port: 0, open: false, headers: ISOLATION_HEADERS } })
  return { url: server.resolvedUrls!.local[0]!, close: () => server.close() }
}

interface Traced extends Part {
  tasks: Task[]
  events: TraceEvent[]
}

/**
 * One build's run, each part (simulate, charts, play) traced for its main-thread tasks; with
 * `profile`, the CPU profiler runs over the simulate and charts parts (or, with --play-profile,
 * over playing alone).
 */
async function run(page: Page, url: string, csv: string, categories: readonly string[], profile?: (phase: 'start' | 'stop') => Promise<void>): Promise<{ sim: Traced; charts: Traced & { wall: number }; play: Traced; wall: number }> {
  const cdp = await page.context().newCDPSession(page)
  const record = async () => {
    const stopTrace = await startTrace(cdp, categories)
    await page.evaluate(START)
    return async (): Promise<Traced> => {
      const part = (await page.evaluate(STOP)) as Part
      const events = await stopTrace()
      return { ...part, tasks: longTraceTasks(events), events }
    }
  }
  await stageServingBench(page, url, csv)
  if (!playOnly) await profile?.('start')
  const stopSim = await record()
  const t0 = Date.now()
  await importStaged(page)
  await waitForServingResults(page)
  const wall = Date.now() - t0
  const sim = await stopSim()
  // The curves over time are drawn after the results (in idle slices since the charts' split):
  // measured apart, until every algorithm's line is there, so that playing starts on a still page.
  const stopCharts = await record()
  const c0 = Date.now()
  await page.waitForFunction(`document.querySelectorAll('ul[aria-label="KV use over time at the cursor"] li').length === 4`, undefined, { timeout: 300_000, polling: 50 })
  const charts = { ...(await stopCharts()), wall: Date.now() - c0 }
  if (!playOnly) await profile?.('stop')
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('64')
  await page.getByRole('button', { name: 'Reset', exact: true }).click()
  const play = await page.getByRole('button', { name: 'Play', exact: true }).elementHandle()
  if (playOnly) await profile?.('start')
  const stopPlay = await record()
  await play!.evaluate((b) => (b as HTMLButtonElement).click())
  await page.waitForTimeout(6000)
  const played = await stopPlay()
  if (playOnly) await profile?.('stop')
  await cdp.detach()
  return { sim, charts, play: played, wall }
}

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}

interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
  startTime: number
}

/** How many of a part's main-thread tasks took over 20 and over 30 ms of thread time, and the sum of those over 20 ms. */
function threadSpread(events: readonly TraceEvent[]): string {
  const ms = mainThreadTasks(events).map((e) => (e.tdur ?? e.dur ?? 0) / 1000)
  const over = (x: number) => ms.filter((t) => t > x)
  const tasks = mainThreadTasks(events)
  const t0 = tasks[0]?.ts ?? 0
  const first = tasks.filter((e) => e.ts - t0 < 1.5e6)
  const main = first[0] === undefined ? [] : events.filter((e) => e.pid === first[0]!.pid && e.tid === first[0]!.tid && e.ts - t0 < 1.5e6)
  const cpu = (xs: readonly TraceEvent[]) => (xs.reduce((a, e) => a + (e.tdur ?? 0), 0) / 1000).toFixed(0)
  const commits = main.filter((e) => e.name === 'Commit')
  const top = [...ms].sort((a, b) => b - a).slice(0, 6).map((x) => x.toFixed(0)).join(' ')
  return `longest ${top}; ${over(20).length} over 20 ms, ${over(30).length} over 30 ms, ${over(20).reduce((a, b) => a + b, 0).toFixed(0)} ms in those over 20; first 1.5 s: tasks ${cpu(first)} ms cpu, commits ${cpu(commits)} ms cpu (${(commits.reduce((a, e) => a + (e.dur ?? 0), 0) / 1000).toFixed(0)} wall), max task ${Math.max(0, ...first.map((e) => (e.tdur ?? 0) / 1000)).toFixed(0)} ms cpu`
}

/** React's own work loop and the profile's root: on every stack, they would fill each task's list. */
const REACT_AND_ROOT =
  /^(\(root\)|performWorkOnRoot|performSyncWorkOnRoot|performWorkOnRootViaSchedulerTask|performWorkUntilDeadline|flushSyncWorkAcrossRoots_impl|processRootScheduleInMicrotask|renderRootSync|workLoopSync|beginWork|updateFunctionComponent|renderWithHooks|commitRoot|completeRoot|completeRootWhenReady|flushLayoutEffects|recursivelyTraverse\w+|commit\w+OnFiber|commitHookEffectListMount|duringAnimationFrame):/

/** Each main-thread task over 50 ms (the trace's RunTask), with the functions the profile sampled in it, inclusive time. */
function longTasks(profile: Profile, events: readonly TraceEvent[]): void {
  const busiest = mainThreadTasks(events)
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const times: number[] = []
  let t = profile.startTime
  for (const d of profile.timeDeltas) times.push((t += d))
  for (const task of busiest.filter((e) => (e.dur ?? 0) >= overMs * 1000)) {
    const end = task.ts + task.dur!
    const inclusive = new Map<string, number>()
    profile.samples.forEach((id, i) => {
      if (times[i]! < task.ts || times[i]! > end) return
      const dt = (times[i + 1] ?? times[i]!) - times[i]!
      const seen = new Set<string>()
      for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
        const f = byId.get(x)!.callFrame
        const key = `${f.functionName || '(anon)'}:${f.lineNumber + 1}`
        if (!seen.has(key)) inclusive.set(key, (inclusive.get(key) ?? 0) + dt)
        seen.add(key)
      }
    })
    const top = [...inclusive].filter(([k]) => !REACT_AND_ROOT.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 10)
    console.log(`task at ${((task.ts - profile.startTime) / 1e6).toFixed(2)} s, ${(task.dur! / 1000).toFixed(0)} ms wall, ${((task.tdur ?? task.dur!) / 1000).toFixed(0)} ms thread: ${top.map(([k, us]) => `${k} ${(us / 1000).toFixed(0)}`).join(', ')}`)
    // What the browser did in it (style, layout, paint, commit: no script to sample there).
    const browserWork = new Map<string, number>()
    for (const e of events) {
      if (e.pid !== task.pid || e.tid !== task.tid || e.ts < task.ts || e.ts > end || e.name === 'RunTask' || e.dur === undefined) continue
      browserWork.set(e.name, (browserWork.get(e.name) ?? 0) + e.dur)
    }
    const named = [...browserWork].sort((a, b) => b[1] - a[1]).slice(0, 8)
    console.log(`  timeline events (nested ones counted in each): ${named.map(([k, us]) => `${k} ${(us / 1000).toFixed(0)}`).join(', ')}`)
  }
}

const csv = servingBenchCsv(10_000)
const browser = await launchBrowser()
const servers = await Promise.all(dists.map(serve))
try {
  if (profileFile !== undefined) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    const cdp = await page.context().newCDPSession(page)
    let profile: Profile | undefined
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 })
    // The trace beside the profile (taken per part by run) has the page's tasks as RunTask
    // events, so each long task's functions can be told apart (runs of busy samples merge tasks
    // that follow each other); the fuller categories name what the browser did in them.
    const r = await run(page, servers[0]!.url, csv, ['devtools.timeline', 'disabled-by-default-devtools.timeline'], async (phase) => {
      if (phase === 'start') await cdp.send('Profiler.start')
      else profile = (await cdp.send('Profiler.stop')).profile as Profile
    })
    writeFileSync(profileFile, JSON.stringify(profile))
    // The trace beside it, for reading tasks shorter than 50 ms too.
    writeFileSync(profileFile.replace(/(\.json)?$/, '.trace.json'), JSON.stringify((playOnly ? [r.play] : [r.sim, r.charts]).flatMap((p) => p.events)))
    const self = new Map<number, number>()
    profile!.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile!.timeDeltas[i] ?? 0)))
    const byName = new Map<string, number>()
    for (const n of profile!.nodes) {
      const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`
      byName.set(key, (byName.get(key) ?? 0) + (self.get(n.id) ?? 0) / 1000)
    }
    console.log(`sim ${line(r.sim)}; charts ${line(r.charts)} in ${r.charts.wall} ms; play ${line(r.play)}; wall ${r.wall} ms; load ${load()}`)
    for (const [k, ms] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log(`${ms.toFixed(0).padStart(7)} ms  ${k}`)
    const parts = playOnly ? [r.play] : [r.sim, r.charts]
    console.log(`sim ${threadSummary(r.sim.tasks)}; charts ${threadSummary(r.charts.tasks)}; play ${threadSummary(r.play.tasks)}`)
    longTasks(profile!, parts.flatMap((p) => p.events))
  } else {
    console.log(`serving A/B, ${availableParallelism()} cores; builds: ${dists.map((d, i) => `${'ABCD'[i]} = ${d}`).join(', ')}`)
    for (let k = 0; k < rounds; k++) {
      for (const [i, s] of servers.entries()) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
        const before = load()
        const r = await run(page, s.url, csv, explain ? EXPLAIN_CATEGORIES : TASK_CATEGORIES)
        console.log(`${'ABCD'[i]} round ${k + 1}: simulate ${line(r.sim)}, wall ${String(r.wall).padStart(6)} ms | charts ${line(r.charts)} in ${r.charts.wall} ms | play 64× ${line(r.play)} | load ${before} → ${load()}`)
        console.log(`  thread time: simulate ${threadSummary(r.sim.tasks)} | charts ${threadSummary(r.charts.tasks)} | play ${threadSummary(r.play.tasks)}`)
        console.log(`  simulate's tasks by thread time (less stretched by load than wall): ${threadSpread(r.sim.events)}`)
        if (explain) for (const [name, part] of [['simulate', r.sim], ['play', r.play]] as const) for (const l of explainLongTasks(part.events)) console.log(`    ${name} ${l}`)
        await page.close()
      }
    }
  }
} finally {
  await browser.close()
  for (const s of servers) await s.close()
}
