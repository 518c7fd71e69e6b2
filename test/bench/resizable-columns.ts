/**
 * Micro-benchmark (prints ratios, asserts nothing): element reads and writes in loops like the
 * views' hottest (the Gantt's pass over a window of segments, a queue's binary search and scan,
 * closes written into earlier rows) on plain typed arrays against length-tracking ones over a
 * resizable ArrayBuffer (what the growable columns would use to grow in place). In Node and in
 * headless Chromium: `tsx test/bench/resizable-columns.ts`. Rounds alternate plain and
 * resizable so that the machine's load hits both alike; the ratio is resizable / plain.
 */
import { launchBrowser } from '../helpers/browser.ts'

// Passed to the page as text (tsx would wrap a function in helpers the page lacks).
const KERNELS = `
  // The Gantt: each segment of the window to a pixel column and a row, merged per (row, column).
  const draw = (c) => {
    const scale = 1280 / (N * 0.01)
    let sum = 0
    for (let s = 0; s < N; s++) {
      const x0 = (c.t0[s] * scale) | 0, x1 = (c.t1[s] * scale) | 0
      const row = c.resources[c.resOffset[s]]
      sum += (x1 - x0 + 1) * row + (c.item[s] & 7)
    }
    return sum
  }
  // A queue at a step: binary search for the last open before it, then a scan of the ones open.
  const queue = (c) => {
    let sum = 0
    for (let k = 0; k < 2000; k++) {
      const step = (k * 524287) % N
      let lo = 0, hi = N
      while (lo < hi) { const m = (lo + hi) >> 1; if (c.stepOpen[m] <= step) lo = m + 1; else hi = m }
      for (let s = Math.max(0, lo - 256); s < lo; s++) if (c.stepClose[s] < 0 || c.stepClose[s] > step) sum += c.item[s]
    }
    return sum
  }
  // Closes: written into earlier rows, as a batch's closes are.
  const close = (c) => {
    for (let s = 0; s < N; s++) { const p = (s * 7919) % N; c.stepClose[p] = s; c.t1[p] = s * 0.01 }
    return c.stepClose[N - 1]
  }
  return { draw, queue, close }
`
const BENCH = `(() => {
  const N = 1 << 20
  const make = (resizable) => {
    const f64 = (n) => new Float64Array(resizable ? new ArrayBuffer(8 * n, { maxByteLength: 8 * 4 * n }) : new ArrayBuffer(8 * n))
    const i32 = (n) => new Int32Array(resizable ? new ArrayBuffer(4 * n, { maxByteLength: 4 * 4 * n }) : new ArrayBuffer(4 * n))
    const c = { t0: f64(N), t1: f64(N), item: i32(N), stepOpen: i32(N), stepClose: i32(N), resOffset: i32(N), resources: i32(N) }
    for (let s = 0; s < N; s++) { c.t0[s] = s * 0.01; c.t1[s] = s * 0.01 + 0.05; c.item[s] = s % 10007; c.stepOpen[s] = s; c.stepClose[s] = -1; c.resOffset[s] = s; c.resources[s] = s & 63 }
    return c
  }
  // Kernels compiled once per array kind (new Function each time), so that each stays
  // monomorphic as in an app whose columns are all one kind; 'mixed' shares one set, as an app
  // whose columns are some plain (the worker's) and some resizable would.
  const KERNELS = ${JSON.stringify(KERNELS).replaceAll('`', '')}
  const kernels = () => new Function('N', KERNELS)(N)
  const time = (f, c, reps) => { const t = performance.now(); let x = 0; for (let r = 0; r < reps; r++) x += f(c); return [performance.now() - t, x] }
  const plain = make(false), rab = make(true)
  const out = {}
  const kp = kernels(), kr = kernels(), km = kernels()
  for (const [name, reps] of [['draw', 10], ['queue', 10], ['close', 5]]) {
    time(kp[name], plain, 2); time(kr[name], rab, 2); time(km[name], plain, 2); time(km[name], rab, 2)
    let a = 0, b = 0, ma = 0, mb = 0
    for (let round = 0; round < 6; round++) {
      a += time(kp[name], plain, reps)[0]; b += time(kr[name], rab, reps)[0]
      ma += time(km[name], plain, reps)[0]; mb += time(km[name], rab, reps)[0]
    }
    out[name] = [a, b, ma, mb]
  }
  return out
})()`

const NAMES: Record<string, string> = { draw: 'Gantt pass', queue: 'queue search+scan', close: 'closes' }
type Times = Record<string, [number, number, number, number]>
const show = (where: string, r: Times) => {
  for (const [name, [plain, rab, mixedPlain, mixedRab]] of Object.entries(r)) {
    console.log(
      `${where.padEnd(9)} ${NAMES[name]!.padEnd(18)} plain ${plain.toFixed(0).padStart(5)} ms  resizable ${rab.toFixed(0).padStart(5)} ms  ratio ${(rab / plain).toFixed(2)}` +
        `  | one kernel for both: plain ${mixedPlain.toFixed(0).padStart(5)} ms, resizable ${mixedRab.toFixed(0).padStart(5)} ms, ratio ${(mixedRab / plain).toFixed(2)}`,
    )
  }
}

show('Node', (0, eval)(BENCH) as Times)
const browser = await launchBrowser()
try {
  const page = await browser.newPage()
  show('Chromium', (await page.evaluate(BENCH)) as Times)
} finally {
  await browser.close()
}
