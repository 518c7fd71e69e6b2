/**
 * Runs commands through the simulation worker's handler and sweep jobs as a sweep worker does,
 * with user policies compiled in this process's own realm, hardened as the workers harden theirs
 * (src/worker/sim.worker.ts, sweep.worker.ts), and prints each run's last event (done or error)
 * and each sweep's runs as JSON. A process of its own, since hardening freezes the built-ins of
 * the realm it runs in: the test process's must stay as they are.
 *
 *   node --import tsx test/helpers/realm-run.ts '{"harden":true,"runs":[{"workload":"…csv","algorithms":[…],"customPolicies":[…]}]}'
 */
import { readFileSync } from 'node:fs'
import type { CustomPolicySource } from '../../src/engine/policies/custom.ts'
import { parseWorkloadCsv } from '../../src/engine/workloads/csv.ts'
import { parseScenarioJson } from '../../src/engine/workloads/scenario-json.ts'
import { createPolicyCompiler } from '../../src/policy-code/compiler.ts'
import { thisRealm } from '../../src/policy-code/realm.ts'
import { sweepPolicyCompiler } from '../../src/policy-code/sweep-compiler.ts'
import { jobCount, type SweepDefinition } from '../../src/sweep/definition.ts'
import { runSweepJob } from '../../src/sweep/jobs.ts'
import { createSimHandler } from '../../src/worker/handler.ts'
import type { WorkerEvent } from '../../src/worker/protocol.ts'
import { scenario } from './scenario.ts'

export interface RealmRun {
  /** A workload CSV's path, run on h100:1 to the end, or a scenario JSON's, run as it says. */
  readonly workload: string
  readonly algorithms: readonly string[]
  readonly customPolicies: readonly CustomPolicySource[]
}

/** Runs one after another through one handler and one compiler, as in one worker. */
export interface RealmRunRequest {
  readonly harden: boolean
  readonly runs: readonly RealmRun[]
  /** Sweeps, each job run as a sweep worker runs it (src/worker/sweep.worker.ts), after the runs. */
  readonly sweeps?: readonly SweepDefinition[]
}

const request = JSON.parse(process.argv[2]!) as RealmRunRequest
const events: WorkerEvent[] = []
let clock = 0
const handle = createSimHandler((e) => events.push(e), {
  chunkMs: 1_000_000,
  now: () => (clock += 1),
  compilePolicies: createPolicyCompiler(() => thisRealm({ harden: request.harden })),
})
const last = request.runs.map((run, i) => {
  const runId = i + 1
  const text = readFileSync(run.workload, 'utf8')
  const s = run.workload.endsWith('.json') ? parseScenarioJson(text, run.workload).scenario : scenario(parseWorkloadCsv(text, run.workload), { cluster: 'h100:1', maxTimeS: Infinity })
  const ended = () => events.some((e) => (e.type === 'done' || e.type === 'error') && e.runId === runId)
  handle({ type: 'run', runId, scenario: s, algorithms: [...run.algorithms], customPolicies: [...run.customPolicies] })
  for (let n = 0; n < 100_000 && !ended(); n++) handle({ type: 'ack', runId })
  return events.at(-1)
})
const compileSweep = sweepPolicyCompiler(() => thisRealm({ harden: request.harden }))
const sweeps = (request.sweeps ?? []).map((d) => Array.from({ length: jobCount(d) }, (_, j) => runSweepJob(d, j, compileSweep).runs))
process.stdout.write(JSON.stringify({ last, sweeps }))
