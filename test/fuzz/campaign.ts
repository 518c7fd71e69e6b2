/**
 * The fuzz campaign: `count` hostile inputs from a seed through the parsers and the engine in
 * this process, and a sample through the CLI as a real process (the built bundle). Counts
 * crashes, hangs, unsound answers and unclear messages; every count should be zero.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRng } from '../../src/engine/rng.ts'
import { checkInput, DEFAULT_BUDGET, INTERNAL_TEXT, type Budget, type Finding, type Verdict } from './check.ts'
import { fuzzInput, INPUT_KINDS } from './inputs.ts'

export interface CampaignOptions {
  readonly seed: number
  readonly count: number
  /** Inputs also run through the CLI process (0: none). */
  readonly cliSample: number
  readonly budget?: Budget
  /** Told of each finding as it is made (for a live report). */
  readonly onFinding?: (where: string, f: Finding) => void
}

export interface CampaignReport {
  readonly inputs: Record<(typeof INPUT_KINDS)[number] | 'cli', number>
  /** Inputs accepted by their reader and simulated (all four algorithms unless the input names some). */
  readonly simulated: number
  readonly counts: Record<Exclude<Verdict, 'ok'>, number>
  readonly examples: { readonly where: string; readonly finding: Finding }[]
}

const root = fileURLToPath(new URL('../..', import.meta.url))

/** Flags a user might mistype, each with the flag a good message names. */
const HOSTILE_FLAGS: readonly (readonly string[])[] = [
  ['--cluster', 'constructor'],
  ['--cluster', '__proto__:8'],
  ['--cluster', 'hasOwnProperty'],
  ['--cluster', 'h100:1000000000000'],
  ['--cluster', 'h100:0'],
  ['--dt', '0x10'],
  ['--dt', '1e308'],
  ['--dt', '5e-324'],
  ['--dt', '1e-9'],
  ['--dt', ''],
  ['--max-time', '1e400'],
  ['--max-time', 'inf'],
  ['--max-time', '-1'],
  ['--algorithms', 'constructor'],
  ['--mode', '__proto__'],
  ['--workload', 'toString'],
  ['--output', '/nonexistent-dir/r.json'],
  ['--trace', '/tmp'],
  ['--bogus'],
  [],
]

function cliFindings(args: readonly string[], mentions: string, budget: Budget): Finding[] {
  const r = spawnSync(process.execPath, ['src/cli/schedscope.js', ...args], { cwd: root, encoding: 'utf8', timeout: budget.ms * 2 })
  if (r.error !== undefined || r.signal !== null) return [{ verdict: 'hang', detail: `cli ${args.join(' ')}: ${r.error?.message ?? r.signal}` }]
  if (r.status !== 0 && r.status !== 1 && r.status !== 2) return [{ verdict: 'crash', detail: `cli ${args.join(' ')}: exit ${r.status}: ${r.stderr.slice(0, 500)}` }]
  if (/\n\s+at |node:internal|^\w*Error:/m.test(r.stderr)) return [{ verdict: 'crash', detail: `cli ${args.join(' ')}: ${r.stderr.slice(0, 500)}` }]
  if (r.status !== 0) {
    if (INTERNAL_TEXT.test(r.stderr) || !r.stderr.startsWith('schedscope: ')) return [{ verdict: 'unclear', detail: `cli ${args.join(' ')}: ${r.stderr.slice(0, 300)}` }]
    // Bad input (exit 1) names the file; bad usage (exit 2) names the flag or says what it is.
    if (r.status === 1 && mentions !== undefined && !r.stderr.includes(mentions)) {
      return [{ verdict: 'unclear', detail: `cli ${args.join(' ')}: does not name ${mentions}: ${r.stderr.slice(0, 300)}` }]
    }
  } else if (/NaN|Infinity/.test(r.stdout)) return [{ verdict: 'unsound', detail: `cli ${args.join(' ')}: ${r.stdout.slice(0, 300)}` }]
  return []
}

export function runCampaign(o: CampaignOptions): CampaignReport {
  const budget = o.budget ?? DEFAULT_BUDGET
  const inputs = { csv: 0, json: 0, link: 0, saved: 0, cli: 0 }
  const counts = { crash: 0, hang: 0, unsound: 0, unclear: 0 }
  const examples: { where: string; finding: Finding }[] = []
  let simulated = 0
  const note = (where: string, findings: readonly Finding[]) => {
    // One count per input and verdict: a broken input is one crash, not one per task.
    for (const v of new Set(findings.map((f) => f.verdict))) counts[v] += 1
    for (const f of findings) {
      if (examples.length < 20) examples.push({ where, finding: f })
      o.onFinding?.(where, f)
    }
  }
  for (let i = 0; i < o.count; i++) {
    const input = fuzzInput(o.seed, i)
    inputs[input.kind] += 1
    const r = checkInput(input, o.seed * 7919 + i, budget)
    if (r.simulated) simulated += 1
    note(`seed ${o.seed} input ${i} (${input.kind})`, r.findings)
  }

  if (o.cliSample > 0) {
    const dir = mkdtempSync(join(tmpdir(), 'schedscope-fuzz-'))
    const rng = createRng(o.seed)
    try {
      for (let k = 0; k < o.cliSample; k++) {
        inputs.cli += 1
        const flags = HOSTILE_FLAGS[Math.floor(rng.next() * HOSTILE_FLAGS.length)]!
        if (k % 4 === 3) {
          // A hostile flag on a built-in workload.
          note(`cli ${flags.join(' ')}`, cliFindings(flags, flags[0] ?? 'schedscope', budget))
          continue
        }
        // Inputs cycle csv, json, link, saved: take a CSV or a JSON one.
        const input = fuzzInput(o.seed, 4 * Math.floor((rng.next() * o.count) / 4) + (k % 2))
        if (input.kind !== 'csv' && input.kind !== 'json') continue
        const file = join(dir, input.name)
        writeFileSync(file, input.text)
        const extra = rng.next() < 0.3 ? flags.filter((f) => f !== '--workload' && f !== 'toString') : []
        const findings = cliFindings(['--workload-file', file, '--max-time', '60', ...extra], file, budget)
        note(`cli --workload-file ${file} ${extra.join(' ')}`, findings)
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
  return { inputs, simulated, counts, examples }
}
