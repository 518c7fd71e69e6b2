/**
 * UI benchmark (npm run bench:ui): the built app in headless Chromium. Loads a generated
 * 10,000-task scenario on h100_64gpu, measures frame times and long main-thread tasks while
 * it loads (reported apart), while it simulates and while it plays at the highest speed; the
 * same for a 100,000-task CSV; the work per frame of dragging the time slider across, and
 * jumping about, the 100,000-task run; a 10,000-request serving run in a fresh page, simulated
 * and played at 64×; and the initial JavaScript size. Prints figures; asserts nothing.
 * `-- --serving` runs only the serving part, for work on serving mode.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { availableParallelism, loadavg } from 'node:os'
import { gzipSync } from 'node:zlib'
import type { Page } from 'playwright-core'
import { launchBrowser } from '../helpers/browser.ts'
import { serveDist } from '../helpers/server.ts'
import { jobBenchCsv } from './job-workload.ts'
import { importStaged, servingBenchCsv, stageFile } from './serving-workload.ts'
import { EXPLAIN_CATEGORIES, explainLongTasks, longTraceTasks, startTrace, TASK_CATEGORIES, threadSummary, type Task, type TraceEvent } from './trace-tasks.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))


// In-page code is passed as text: tsx would wrap functions in helpers the page lacks.
// Frame intervals, each stamped with when it ended and whether a run was under way then (its
// progress strip in the page), to tell loading a scenario from simulating it; and long tasks
// with when they started (the observer hears of them later).
const START_RECORDING = `(() => {
  window.__frames = []; window.__at = []; window.__running = []; window.__long = []; window.__stop = false
  const running = () => document.querySelector('.run-status.running') !== null
  // One loop and one observer a page: a second recording's would count every frame and long task twice.
  const gen = (window.__gen = (window.__gen ?? 0) + 1)
  let last = performance.now()
  const frame = (now) => { if (window.__gen !== gen) return; window.__frames.push(now - last); window.__at.push(now); window.__running.push(running()); last = now; if (!window.__stop) requestAnimationFrame(frame) }
  requestAnimationFrame(frame)
  window.__observer?.disconnect()
  window.__observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push([e.duration, e.startTime]) })
  window.__observer.observe({ type: 'longtask' })
  // Ties a trace taken beside the recording to performance.now() (see serving's thread times).
  window.__mark = performance.mark('bench-recording').startTime
})()`

const STOP_RECORDING = `(() => { window.__stop = true; return { frames: window.__frames.slice(1), at: window.__at.slice(1), running: window.__running.slice(1), long: window.__long, mark: window.__mark } })()`

interface Recording {
  readonly frames: number[]
  /** The animation-frame time that ended each interval (performance.now() clock). */
  readonly at: number[]
  readonly running: boolean[]
  /** Long tasks: [duration, start]. */
  readonly long: [number, number][]
  /** When the recording started (performance.now() clock), marked as 'bench-recording'. */
  readonly mark: number
}

/** Starts recording frame intervals and long tasks in the page. */
async function startRecording(page: Page): Promise<void> {
  await page.evaluate(START_RECORDING)
}

async function stopRecording(page: Page): Promise<Recording> {
  return (await page.evaluate(STOP_RECORDING)) as Recording
}

/**
 * Splits a recording of an import into loading (parsing, the new scenario's first render, up to
 * the run's start) and simulating (from the first frame that shows the run under way).
 */
function splitAtRun(r: Recording): { load: Recording; simulate: Recording; from: number } {
  const start = r.running.indexOf(true)
  const at = start < 0 ? r.frames.length : start
  // A long task belongs to the part whose frames it delayed: simulating from the end of the last
  // frame before the run showed.
  const from = at === 0 ? -Infinity : at < r.at.length ? r.at[at - 1]! : Infinity
  const part = (start: number, end: number, simulating: boolean): Recording => ({
    frames: r.frames.slice(start, end),
    at: r.at.slice(start, end),
    running: r.running.slice(start, end),
    long: r.long.filter(([d, t]) => t + d > from === simulating),
    mark: r.mark,
  })
  return { load: part(0, at, false), simulate: part(at, r.frames.length, true), from }
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor((s.length - 1) * p))]!
}

function report(label: string, r: Recording, target = '(target ≤ 20)'): void {
  const over50 = r.long.map(([d]) => d).filter((d) => d > 50)
  console.log(
    `${label.padEnd(34)} frames ${String(r.frames.length).padStart(5)}  p50 ${pct(r.frames, 0.5).toFixed(1).padStart(5)} ms  p95 ${pct(r.frames, 0.95).toFixed(1).padStart(5)} ms ${target}  max ${Math.max(...r.frames).toFixed(0).padStart(4)} ms  over 20 ms: ${r.frames.filter((f) => f > 20).length}  long tasks > 50 ms: ${over50.length}${over50.length > 0 ? ` (longest ${Math.max(...over50).toFixed(0)} ms)` : ''}`,
  )
}

/**
 * Puts the workload in the page as a File before the measurement, so that what is measured is
 * the app's work, not Playwright moving megabytes of base64 into the page.
 */
async function stageWorkload(page: Page, count: number, csv: string = jobBenchCsv(count)): Promise<void> {
  await stageFile(page, csv, `bench-${count}.csv`)
}

/** Chooses the staged file in the Import control, as a user picking it would, and waits for its run to start. */
async function importWorkload(page: Page, count: number): Promise<void> {
  await importStaged(page)
  await waitForRunStarted(page, count)
}

/** Waits until the run of the imported scenario is under way or done (polled outside the page's frames). */
async function waitForRunStarted(page: Page, count: number): Promise<void> {
  await page.waitForFunction(`Array.from(document.querySelectorAll('span.field.num'), (e) => e.textContent).join(' ').includes(' ${count} tasks')`, undefined, { timeout: 120_000, polling: 200 }).catch(() => undefined)
}

/** Clicks a button by its accessible name through a handle found before the measurement. */
async function clicker(page: Page, name: string): Promise<() => Promise<void>> {
  const handle = await page.getByRole('button', { name, exact: true }).elementHandle()
  return async () => {
    await handle!.evaluate((b) => (b as HTMLButtonElement).click())
  }
}

/** Waits until no run is going on, and, given a task count, until the results show all of them completed. */
async function waitForRunDone(page: Page, count?: number): Promise<void> {
  const results = count === undefined ? 'true' : `(document.querySelector('.results')?.textContent ?? '').includes('${count} / ${count}')`
  await page.waitForFunction(`document.querySelector('.run-status.running') === null && ${results}`, undefined, { timeout: 300_000, polling: 100 })
}

function initialJsGzipKB(): number {
  const dist = join(root, 'dist')
  const html = readFileSync(join(dist, 'index.html'), 'utf8')
  const files = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!)
  return files.reduce((kb, f) => kb + gzipSync(readFileSync(join(dist, f))).length / 1024, 0)
}

/**
 * A trace's long tasks with their ends on the recording's performance.now() clock, through the
 * 'bench-recording' mark the recording left in it.
 */
function tracedTasks(events: readonly TraceEvent[], r: Recording): (Task & { end: number })[] {
  const mark = events.filter((e) => e.name === 'bench-recording').at(-1)
  const offset = mark === undefined ? NaN : mark.ts / 1000 - r.mark
  return longTraceTasks(events).map((t) => ({ ...t, end: t.ts / 1000 - offset + t.wall }))
}

const servingOnly = process.argv.includes('--serving')
/** With --explain, each serving long task is printed with when it ran and what the browser did in it. */
const explain = process.argv.includes('--explain')
const load = () => `load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores`

/** The job modes' part: 10,000 tasks simulated and played, 100,000 loaded, simulated and scrubbed. */
async function jobModeBench(page: Page): Promise<void> {
  await stageWorkload(page, 10_000)
  await startRecording(page)
  const t0 = Date.now()
  await importWorkload(page, 10_000)
  await waitForRunDone(page, 10_000)
  const simMs = Date.now() - t0
  const imported = splitAtRun(await stopRecording(page))
  report('10,000 tasks: load the CSV', imported.load, '(no target)  ')
  report('10,000 tasks: simulate', imported.simulate)
  console.log(`${''.padEnd(34)} wall time ${simMs} ms from import to results`)

  await page.getByRole('combobox', { name: 'Speed' }).selectOption('64')
  await page.getByRole('button', { name: 'Reset', exact: true }).click()
  const play = await clicker(page, 'Play')
  await startRecording(page)
  await play()
  await page.waitForTimeout(6000)
  report('10,000 tasks: playing at 64×', await stopRecording(page))
  // Playback may have reached the end already (then the button reads Play again).
  await page.keyboard.press('Home')

  // A 100,000-task CSV (about 5 MB): parsed in a worker; the page must not freeze.
  const csv100k = jobBenchCsv(100_000)
  const csvMB = Buffer.byteLength(csv100k) / 1e6
  await stageWorkload(page, 100_000, csv100k)
  await startRecording(page)
  await importWorkload(page, 100_000)
  await waitForRunDone(page, 100_000)
  const imported100k = splitAtRun(await stopRecording(page))
  report(`100,000 tasks (${csvMB.toFixed(1)} MB): load`, imported100k.load, '(no target)  ')
  report('100,000 tasks: simulate', imported100k.simulate, '(no target)  ')

  // Scrubbing, measured as the page's work to show a new time, frame by frame: the input handler
  // and the next frame (its animation callbacks, where the views redraw, and its rendering, which
  // ends before a message posted from inside it arrives), then, for a jump in a run this large, the
  // two frames after it, where the queue and then the decisions follow (SPLIT_FRAME_TASKS).
  // Within one frame means each under 16.7 ms. The callbacks that time a frame are asked for before the input,
  // so they run first in their frames and count all the page's work there (the timestamp rAF
  // passes is the frame's scheduled start, which can precede the input and would count idle time).
  // A drag: the slider is pressed, then moves on every frame across the run, then is let go (text
  // panels refresh every 100 ms meanwhile). A jump: one move at a time, then its panels.
  const scrub = (await page.evaluate(`(async () => {
    const slider = document.querySelector('input[type=range][aria-label=Time]')
    const max = Number(slider.max)
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set
    // After a frame, a message rather than a timer: a timer waits at least 1 ms, time in which
    // the page's idle callbacks (background layers, drawn between frames) may run and be counted.
    const channel = new MessageChannel()
    const afterFrame = []
    channel.port1.onmessage = () => afterFrame.shift()()
    const move = async (i, n, frames) => {
      const work = []
      const timed = new Promise((done) => {
        const frame = (k) => requestAnimationFrame(() => {
          const begun = performance.now()
          if (k + 1 < frames) frame(k + 1)
          afterFrame.push(() => { work[k] = performance.now() - begun; if (k + 1 === frames) done() })
          channel.port2.postMessage(0)
        })
        frame(0)
      })
      const t0 = performance.now()
      setter.call(slider, String(Math.floor((max * ((i * 7) % n)) / n)))
      slider.dispatchEvent(new Event('input', { bubbles: true }))
      const handled = performance.now() - t0
      await timed
      work[0] += handled
      return work
    }
    const drag = [], jump = [], panels = []
    slider.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }))
    for (let i = 1; i <= 120; i++) drag.push((await move(i, 121, 1))[0])
    window.dispatchEvent(new PointerEvent('pointerup', { bubbles: true }))
    for (let i = 1; i <= 20; i++) {
      await new Promise((r) => setTimeout(r, 150))
      const [first, ...after] = await move(i, 20, 3)
      jump.push(first)
      panels.push(Math.max(...after))
    }
    return { drag, jump, panels }
  })()`)) as { drag: number[]; jump: number[]; panels: number[] }
  const p95 = (xs: number[]) => pct(xs, 0.95).toFixed(1)
  const line = (label: string, xs: number[], note: string) =>
    console.log(`${label.padEnd(34)} work p50 ${pct(xs, 0.5).toFixed(1)} ms  p95 ${p95(xs)} ms  max ${Math.max(...xs).toFixed(1)} ms ${note}`)
  line('100,000 tasks: drag the time slider', scrub.drag, 'per frame (input handler + its frame; one frame = 16.7 ms)')
  line('100,000 tasks: jump to a new time', scrub.jump, '(input handler + the frame showing the cursor and views)')
  line('  then the queue and decisions', scrub.panels, '(the costlier of the two frames after)')

}

// Cross-origin isolated: frame times to 5 µs, not 100 µs (see ISOLATION_HEADERS).
const server = await serveDist({ isolated: true })
const browser = await launchBrowser()
/** A fresh page of the app on h100_64gpu, its first run done. */
async function openApp(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  await page.goto(server.url)
  await page.getByRole('combobox', { name: 'Cluster' }).selectOption('h100_64gpu')
  await waitForRunDone(page)
  return page
}

try {
  let page = await openApp()
  console.log(`SchedScope UI benchmark (headless Chromium, 1280×800; ${load()})\n`)
  if (!servingOnly) {
    await jobModeBench(page)
    // Serving starts from a fresh page, as the job modes do: in the same one, its first seconds
    // carried the collection of the 100,000-task run it replaced (a major GC of that run's
    // objects, and its 150 MB of columns handed back to the system on the page's thread), which
    // is that part's cost, not serving's (docs/performance.md, "Fourteenth pass").
    await page.close()
    page = await openApp()
  }

  // Serving mode: a request CSV switches the page to Serving.
  // Traced too: each long task's thread (CPU) time beside its wall time tells the page's own
  // long tasks from the ones the loaded machine stretched.
  const cdp = await page.context().newCDPSession(page)
  const categories = [...(explain ? EXPLAIN_CATEGORIES : TASK_CATEGORIES), 'blink.user_timing']
  await stageWorkload(page, 10_000, servingBenchCsv(10_000))
  let stopTrace = await startTrace(cdp, categories)
  await startRecording(page)
  const s0 = Date.now()
  await importWorkload(page, 10_000)
  await waitForRunDone(page, 10_000)
  const servingMs = Date.now() - s0
  const recorded = await stopRecording(page)
  const importedServing = splitAtRun(recorded)
  const simEvents = await stopTrace()
  const simTasks = tracedTasks(simEvents, recorded).filter((t) => t.end > importedServing.from)
  report('serving, 10,000 requests: load', importedServing.load, '(no target)  ')
  report('serving, 10,000 requests: simulate', importedServing.simulate, '(target ≤ 16.7)')
  console.log(`${''.padEnd(34)} ${threadSummary(simTasks)}`)
  if (explain) for (const l of explainLongTasks(simEvents)) console.log(`${''.padEnd(36)}${l}`)
  console.log(`${''.padEnd(34)} wall time ${servingMs} ms from import to results (64 Llama3-8B replicas)`)
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('64')
  await page.getByRole('button', { name: 'Reset', exact: true }).click()
  const playServing = await clicker(page, 'Play')
  stopTrace = await startTrace(cdp, categories)
  await startRecording(page)
  await playServing()
  await page.waitForTimeout(6000)
  const played = await stopRecording(page)
  report('serving, 10,000 requests: 64×', played, '(target ≤ 16.7)')
  const playEvents = await stopTrace()
  console.log(`${''.padEnd(34)} ${threadSummary(tracedTasks(playEvents, played))}`)
  if (explain) for (const l of explainLongTasks(playEvents)) console.log(`${''.padEnd(36)}${l}`)
  console.log(`${''.padEnd(34)} ${load()} at the end`)
  await page.keyboard.press('Home')

  console.log(`\ninitial JavaScript (gzip)          ${initialJsGzipKB().toFixed(1)} KB (target < 250 KB)`)
  const assets = readdirSync(join(root, 'dist', 'assets')).filter((f) => f.endsWith('.js'))
  console.log(`JS files in dist/assets            ${assets.join(', ')}`)
} finally {
  await browser.close()
  await server.close()
}
