/**
 * The fuzz harness: runs one hostile input through the parsers and, when accepted, the engine,
 * and sorts what happened into ok, crash, hang, unsound or unclear. A budget of steps and time
 * per input stands in for a hang detector (a sync loop cannot be interrupted from inside).
 */
import { parseClusterName, resolveCluster } from '../../src/engine/catalog/clusters.ts'
import { fixedRateDurationS } from '../../src/engine/perf/fixed-rate.ts'
import { createRng } from '../../src/engine/rng.ts'
import type { RunResult } from '../../src/engine/results.ts'
import { createSimulation } from '../../src/engine/simulation.ts'
import { policies } from '../../src/engine/policies/registry.ts'
import type { Scenario } from '../../src/engine/types.ts'
import { parseWorkloadCsv } from '../../src/engine/workloads/csv.ts'
import { InputError } from '../../src/engine/workloads/errors.ts'
import { parseScenarioJson } from '../../src/engine/workloads/scenario-json.ts'
import { loadSaved } from '../../src/store/persistence.ts'
import { decodeScenarioHash } from '../../src/sharing/share-link.ts'
import type { FuzzInput } from './inputs.ts'

export type Verdict = 'ok' | 'crash' | 'hang' | 'unsound' | 'unclear'
export interface Finding {
  readonly verdict: Exclude<Verdict, 'ok'>
  readonly detail: string
}

/** Text of a runtime or parser internals, which must never reach a user. */
export const INTERNAL_TEXT =
  /is not a function|Invalid array length|Cannot read propert|Cannot convert|undefined is not|is not iterable|Maximum call stack|is not defined|\[object Object\]|= 'undefined'|NaN %|got NaN|RangeError|TypeError|ReferenceError|\n\s+at /

export interface Budget {
  /** Loop iterations (advance calls) one algorithm may take. */
  readonly steps: number
  /** Wall-clock milliseconds one input may take in the engine. */
  readonly ms: number
}

export const DEFAULT_BUDGET: Budget = { steps: 2_000_000, ms: 20_000 }

class HangError extends Error {}

/** A message a user may see: not empty, no internal text; `where` (a file, a flag) must be named in it. */
export function unclearMessage(message: string, where?: string): string | undefined {
  if (INTERNAL_TEXT.test(message)) return `internal text in: ${message.slice(0, 300)}`
  if (message.trim() === '') return 'empty message'
  if (where !== undefined && !message.includes(where)) return `does not name ${where}: ${message.slice(0, 300)}`
  return undefined
}

function issueFindings(e: InputError): Finding[] {
  const out: Finding[] = []
  if (e.issues.length === 0) out.push({ verdict: 'unclear', detail: 'refused without a reason' })
  for (const i of e.issues) {
    if (i.where.trim() === '') out.push({ verdict: 'unclear', detail: `no location: ${i.message}` })
    const why = unclearMessage(`${i.where}: ${i.message}`)
    if (why !== undefined) out.push({ verdict: 'unclear', detail: why })
  }
  return out
}

/** Settings for a CSV, which holds tasks only: drawn from the input's number, hostile ones included. */
function csvScenario(tasks: Scenario['tasks'], n: number): Scenario {
  const rng = createRng(n)
  const at = <T>(xs: readonly T[]) => xs[Math.floor(rng.next() * xs.length)]!
  return {
    name: 'fuzz',
    cluster: parseClusterName(at(['h100_8gpu', 'h100_16gpu', 'mixed_8gpu', 'h100:1', 'a30:3', 'l4:2,h200:8'])),
    dtS: at([0.01, 0.1, 0.25, 1e-3, 1e-6]),
    maxTimeS: at([5, 60, Infinity]),
    mode: at(['exact', 'reference'] as const),
    backfill: rng.next() < 0.7,
    tasks,
  }
}

/** Runs one algorithm within the budget; HangError past it. */
function runBounded(s: Scenario, algorithm: string, budget: Budget): RunResult {
  const sim = createSimulation(s, algorithm, { recordDecisions: false })
  const t0 = performance.now()
  for (let i = 0; sim.advance(); i++) {
    if (i > budget.steps) throw new HangError(`${algorithm}: more than ${budget.steps} loop iterations`)
    if ((i & 1023) === 0 && performance.now() - t0 > budget.ms) throw new HangError(`${algorithm}: more than ${budget.ms} ms`)
  }
  return sim.run()
}

/** Everything a result must hold, whatever the input: each a finding when broken. */
export function checkRun(s: Scenario, r: RunResult): Finding[] {
  const bad = (detail: string): Finding => ({ verdict: 'unsound', detail: `${r.algorithm} ${s.mode}: ${detail}` })
  const out: Finding[] = []
  const cluster = resolveCluster(s.cluster)
  const n = s.tasks.length
  for (const [k, v] of Object.entries(r.metrics)) if (typeof v !== 'number' || !Number.isFinite(v)) out.push(bad(`metric ${k} is ${v}`))
  if (r.tasks.length !== n || r.tasks.some((t, i) => t.index !== i)) out.push(bad('tasks lost, repeated or out of order'))
  const counts = { completed: 0, unfinished: 0, rejected: 0 }
  for (const t of r.tasks) counts[t.status] += 1
  const m = r.metrics
  if (counts.completed !== m.completed_count || counts.unfinished !== m.unfinished_count || counts.rejected !== m.rejected_count || m.total_count !== n) {
    out.push(bad(`counts ${JSON.stringify(counts)} vs metrics ${m.completed_count}/${m.unfinished_count}/${m.rejected_count} of ${m.total_count}`))
  }
  const held = new Map<number, { start: number; end: number; startS: number; endS: number; id: string }[]>()
  for (const t of r.tasks) {
    const spec = s.tasks[t.index]!
    if (t.status !== 'completed') {
      if (t.startS !== null || t.gpus.length > 0) out.push(bad(`${t.id} ${t.status} but holds GPUs or a start`))
      continue
    }
    if (t.startS === null || t.completionS === null || !Number.isFinite(t.startS) || !Number.isFinite(t.completionS)) {
      out.push(bad(`${t.id} completed without finite times`))
      continue
    }
    if (t.startS < spec.arrivalS) out.push(bad(`${t.id} starts at ${t.startS} before its arrival ${spec.arrivalS}`))
    if (t.completionS !== t.startS + fixedRateDurationS(spec.phase, spec.tokens)) out.push(bad(`${t.id} completion is not start + duration`))
    if (t.startStep < 0 || t.endStep <= t.startStep || t.startStep < t.arrivalStep) out.push(bad(`${t.id} steps ${t.arrivalStep}/${t.startStep}/${t.endStep}`))
    const want = s.mode === 'reference' ? 2 : t.tp
    if (t.gpus.length !== want || new Set(t.gpus).size !== want || t.gpus.some((g) => !(g >= 0 && g < cluster.gpus.length))) out.push(bad(`${t.id} holds GPUs ${t.gpus.join(';')}`))
    if (s.mode === 'exact' && new Set(t.gpus.map((g) => cluster.nodeOfGpu[g])).size > 1) out.push(bad(`${t.id} spans nodes`))
    for (const g of t.gpus) {
      const list = held.get(g) ?? []
      list.push({ start: t.startStep, end: t.endStep, startS: t.startS, endS: t.completionS, id: t.id })
      held.set(g, list)
    }
  }
  // No GPU holds two tasks at once. A completion the clock's tolerance lets a step see frees its
  // GPUs at that step, up to min(1e-9 t, dt / 1000) before its exact finish (clock.ts).
  for (const [g, list] of held) {
    list.sort((a, b) => a.start - b.start || a.startS - b.startS)
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1]!
      const next = list[i]!
      const tol = Math.min(1e-9 * Math.max(1, Math.abs(prev.endS)), 1e-3 * s.dtS) * (1 + 1e-9)
      if (next.start < prev.end || next.startS < prev.endS - tol) out.push(bad(`GPU ${g} holds ${prev.id} and ${next.id} at once`))
    }
  }
  return out
}

function runScenario(s: Scenario, algorithms: readonly string[], budget: Budget): Finding[] {
  const out: Finding[] = []
  for (const a of algorithms) {
    let r: RunResult
    try {
      r = runBounded(s, a, budget)
    } catch (e) {
      if (e instanceof HangError) return [{ verdict: 'hang', detail: e.message }]
      // The engine's own refusal of a scenario too large to simulate: a message, not a crash.
      if (e instanceof Error && e.message.startsWith('This scenario cannot be simulated:')) {
        const why = unclearMessage(e.message)
        return why === undefined ? [] : [{ verdict: 'unclear', detail: why }]
      }
      return [{ verdict: 'crash', detail: `engine: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` }]
    }
    out.push(...checkRun(s, r))
  }
  return out
}

/** What one input came to: no findings means all was well (accepted and sound, or refused clearly). */
export interface InputResult {
  readonly findings: Finding[]
  /** Accepted by its reader and simulated. */
  readonly simulated: boolean
}

export function checkInput(input: FuzzInput, n: number, budget: Budget = DEFAULT_BUDGET): InputResult {
  const findings = readInput(input, n)
  if (!('scenario' in findings)) return { findings, simulated: false }
  return { findings: runScenario(findings.scenario, findings.algorithms, budget), simulated: true }
}

/** The scenario an input holds, or the findings of reading it (none when refused clearly). */
function readInput(input: FuzzInput, n: number): Finding[] | { scenario: Scenario; algorithms: readonly string[] } {
  let scenario: Scenario | undefined
  let algorithms: readonly string[] = policies.names()
  try {
    if (input.kind === 'csv') scenario = csvScenario(parseWorkloadCsv(input.text, input.name), n)
    else if (input.kind === 'json') ({ scenario, algorithms } = parseScenarioJson(input.text, input.name))
    else if (input.kind === 'link') {
      const doc = decodeScenarioHash(input.hash)
      if (doc !== null) ({ scenario, algorithms } = doc)
    } else {
      const { saved, notice } = loadSaved({ getItem: (k) => input.storage[k] ?? null, setItem: () => {} })
      if (notice !== null) {
        const why = unclearMessage(notice)
        if (why !== undefined) return [{ verdict: 'unclear', detail: why }]
      }
      if (saved !== null) ({ scenario, algorithms } = saved)
    }
  } catch (e) {
    if (e instanceof InputError) return issueFindings(e)
    return [{ verdict: 'crash', detail: `${input.kind} reader: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` }]
  }
  return scenario === undefined ? [] : { scenario, algorithms }
}
