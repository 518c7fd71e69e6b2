/**
 * Runs one command through the simulation worker's handler, with user policies compiled in this
 * process's own realm, hardened as the workers harden theirs (src/worker/sim.worker.ts), and
 * prints each run's last event (done or error) as JSON. A process of its own, since hardening freezes
 * the built-ins of the realm it runs in: the test process's must stay as they are.
 *
 *   node --import tsx test/helpers/realm-run.ts '{"harden":true,"runs":[{"workload":"…csv","algorithms":[…],"customPolicies":[…]}]}'
 */
import { readFileSync } from 'node:fs'
import type { CustomPolicySource } from '../../src/engine/policies/custom.ts'
import { parseWorkloadCsv } from '../../src/engine/workloads/csv.ts'
import { createPolicyCompiler } from '../../src/policy-code/compiler.ts'
import { thisRealm } from '../../src/policy-code/realm.ts'
import { createSimHandler } from '../../src/worker/handler.ts'
import type { WorkerEvent } from '../../src/worker/protocol.ts'
import { scenario } from './scenario.ts'

export interface RealmRun {
  /** A workload CSV's path, run on h100:1 to the end. */
  readonly workload: string
  readonly algorithms: readonly string[]
  readonly customPolicies: readonly CustomPolicySource[]
}

/** Runs one after another through one handler and one compiler, as in one worker. */
export interface RealmRunRequest {
  readonly harden: boolean
  readonly runs: readonly RealmRun[]
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
  const s = scenario(parseWorkloadCsv(readFileSync(run.workload, 'utf8'), run.workload), { cluster: 'h100:1', maxTimeS: Infinity })
  const ended = () => events.some((e) => (e.type === 'done' || e.type === 'error') && e.runId === runId)
  handle({ type: 'run', runId, scenario: s, algorithms: [...run.algorithms], customPolicies: [...run.customPolicies] })
  for (let n = 0; n < 100_000 && !ended(); n++) handle({ type: 'ack', runId })
  return events.at(-1)
})
process.stdout.write(JSON.stringify(last))
