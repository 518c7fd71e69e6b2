import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { nodeRealm } from '../../src/cli/node-realm.ts'
import type { CustomPolicySource } from '../../src/engine/policies/custom.ts'
import type { WaitingItem } from '../../src/engine/policies/policy.ts'
import { compilePolicyFile } from '../../src/policy-code/policy-file.ts'
import { runSweepJob } from '../../src/sweep/jobs.ts'
import type { SweepDefinition } from '../../src/sweep/definition.ts'
import type { WorkerEvent } from '../../src/worker/protocol.ts'
import type { RealmRun, RealmRunRequest } from '../helpers/realm-run.ts'
import { smallRateSweep } from '../sweep/helpers.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
const WORKLOAD = 'test/fixtures/workloads/discriminating_test.csv'
const BUILT_INS = ['FIFO', 'WeightedFIFO', 'SRPT', 'WSRPT']
const HINT = " (a policy cannot change JavaScript's built-ins, such as Array.prototype, Math or Number: they are shared with the other policies)"

interface RealmRuns {
  readonly last: WorkerEvent[]
  readonly sweeps: ReturnType<typeof runSweepJob>['runs'][][]
}

/**
 * Runs through the simulation worker's handler in a process of its own (test/helpers/realm-run.ts);
 * asynchronous, so that two such processes can run at once.
 */
async function realmRuns(harden: boolean, runs: RealmRun[], sweeps: SweepDefinition[] = []): Promise<RealmRuns> {
  const request: RealmRunRequest = { harden, runs, sweeps }
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'test/helpers/realm-run.ts', JSON.stringify(request)], { cwd: root, encoding: 'utf8', timeout: 60_000 })
  return JSON.parse(stdout) as RealmRuns
}

const evil = (key: string): CustomPolicySource => ({ name: 'Evil', higherFirst: false, key })
const run = (algorithms: string[], customPolicies: CustomPolicySource[] = [], workload = WORKLOAD): RealmRun => ({ workload, algorithms, customPolicies })
const SERVING = 'test/fixtures/serving/preemption.json'
const metricsOf = (e: WorkerEvent | undefined) => {
  if (e?.type !== 'done') throw new Error(`the run did not finish: ${JSON.stringify(e)}`)
  return e.metrics
}
const messageOf = (e: WorkerEvent | undefined) => (e?.type === 'error' ? e.message : `not an error: ${e?.type}`)

// Each write is caught, so the policy runs to the end beside the built-ins. Unfrozen, these make
// FIFO count no task as started (metrics.ts skips a task whose start Number.isNaN says is NaN)
// and leave its flow times unsorted for the percentiles.
const QUIET = [
  'try { Array.prototype.sort = function () { return this.reverse() } } catch (e) {}',
  'try { Object.getPrototypeOf(Float64Array.prototype).sort = function () { return this.reverse() } } catch (e) {}',
  'try { Number.isNaN = () => true } catch (e) {}',
  'try { Number.isFinite = () => true } catch (e) {}',
  'try { Object.prototype.weight = 5 } catch (e) {}',
  'try { Number = null } catch (e) {}',
  'return t.arrival',
].join('\n')

describe('a policy cannot change the built-ins the engine and other policies use', () => {
  it('in the simulation worker’s hardened realm: FIFO’s results are those of a run without it, and writes are refused with the reason', async () => {
    // Two processes, run at once. In one, a realm never hardened: the built-ins alone, and a
    // serving run (preemption.json). In the other, one after another as in one worker: the
    // built-ins beside the policy that tries to change them, then the writes left uncaught (each
    // stops its run with a message), then the built-ins alone again, then the serving run beside
    // the policy, and a sweep as a sweep worker runs it.
    const sweep = smallRateSweep({ from: 1, to: 6, points: 2, seeds: 1, algorithms: ['FIFO', 'SRPT', 'Evil'], policies: [{ kind: 'key', source: evil(QUIET) }] })
    const hardened = [
      run([...BUILT_INS, 'Evil'], [evil(QUIET)]),
      run(['FIFO', 'Evil'], [evil('Array.prototype.sort = function () { return this }\nreturn t.arrival')]),
      run(['FIFO', 'Evil'], [evil('const m = Math\nm.min = () => 0\nreturn t.arrival')]),
      run(['FIFO', 'Evil'], [evil('Number.isNaN = () => true\nreturn t.arrival')]),
      run(['FIFO', 'Evil'], [evil('Object.defineProperty(Array.prototype, "push", { value: null })\nreturn t.arrival')]),
      run(['FIFO', 'Evil'], [evil('leaked = t.arrival\nreturn 1')]),
      run(BUILT_INS),
      run(['FIFO', 'Evil'], [evil(QUIET)], SERVING),
    ]
    const [unhardened, { last: events, sweeps }] = await Promise.all([
      realmRuns(false, [run(BUILT_INS), run(['FIFO'], [], SERVING)]),
      realmRuns(true, hardened, [sweep]),
    ])
    const [alone, servingAlone] = unhardened.last
    const expected = metricsOf(alone)
    // The engine in a frozen realm gives what it gives in an unfrozen one.
    expect(metricsOf(events[6])).toEqual(expected)
    const beside = metricsOf(events[0])
    for (const name of BUILT_INS) expect(beside[name]).toEqual(expected[name])
    // FIFO on one GPU: 20 tasks all start; Evil's key is FIFO's, so are its results.
    expect(beside.FIFO!.completed_count).toBe(20)
    expect(beside.Evil).toEqual(expected.FIFO)
    expect(events.slice(1, 6).map(messageOf)).toEqual([
      `policy Evil, line 1: TypeError: Cannot assign to read only property 'sort' of object '[object Array]'${HINT}. The run was stopped.`,
      `policy Evil, line 2: TypeError: Cannot assign to read only property 'min' of object '[object Object]'${HINT}. The run was stopped.`,
      `policy Evil, line 1: TypeError: Cannot assign to read only property 'isNaN' of Number${HINT}. The run was stopped.`,
      `policy Evil, line 1: TypeError: Cannot redefine property: push${HINT}. The run was stopped.`,
      // A global is not made: the code is strict.
      'policy Evil, line 1: ReferenceError: leaked is not defined. The run was stopped.',
    ])
    // Serving: FIFO's 18 preemptions (expected.json), as without the policy.
    const servingOf = (e: WorkerEvent | undefined) => (e?.type === 'done' ? e : undefined)
    expect(metricsOf(events[7]).FIFO).toEqual(metricsOf(servingAlone).FIFO)
    expect(servingOf(events[7])?.serving?.FIFO).toEqual(servingOf(servingAlone)?.serving?.FIFO)
    expect(servingOf(events[7])?.serving?.FIFO?.preemption_count).toBe(18)
    // The sweep: each job's FIFO and SRPT as the engine gives them without the policy.
    const plain: SweepDefinition = { ...sweep, algorithms: ['FIFO', 'SRPT'], policies: [] }
    const byAlgorithm = (runs: ReturnType<typeof runSweepJob>['runs'], a: string) => runs.filter((r) => r.algorithm === a).map((r) => r.metrics)
    expect(sweeps[0]).toHaveLength(2)
    sweeps[0]!.forEach((runs, j) => {
      const without = runSweepJob(plain, j).runs
      for (const a of ['FIFO', 'SRPT']) expect(byAlgorithm(runs, a)).toEqual(byAlgorithm(without, a))
      expect(byAlgorithm(runs, 'Evil')).toEqual(byAlgorithm(runs, 'FIFO'))
    })
  }, 120_000)

  it('in the CLI’s realm (--policy-file, sweep threads): one policy file cannot change another’s key', () => {
    const task: WaitingItem = { order: 0, arrival: 2, weight: 3, remaining: 1.5, ratioRemaining: 1.5, tokens: 1500, remainingTokens: 1500, model: 'Qwen3', tp: 1, waited: 0, now: 2 }
    const realm = nodeRealm()
    const tamper = compilePolicyFile(
      "try { Array.prototype.sort = function () { return this.reverse() } } catch (e) {}\ntry { Math.max = () => -1 } catch (e) {}\nexport default { name: 'Tamper', higherFirst: true, key: (t) => t.weight }\n",
      realm,
    )
    const sorted = compilePolicyFile("export default { name: 'Sorted', higherFirst: true, key: (t) => [t.weight, 10, 0].sort((a, b) => a - b)[0] + Math.max(t.tp, 2) }\n", realm)
    expect(tamper.key.key(task)).toBe(3)
    // [3, 10, 0] sorted ascending starts with 0; max(1, 2) = 2.
    expect(sorted.key.key(task)).toBe(2)
    const loud = compilePolicyFile("export default { name: 'Loud', higherFirst: true, key: (t) => { Array.prototype.sort = null; return 1 } }\n", realm)
    expect(() => loud.key.key(task)).toThrow(`line 1: TypeError: Cannot assign to read only property 'sort' of object '[object Array]'${HINT}`)
  })

  it('still lets code give its own objects a name or toString that the frozen prototypes have', () => {
    const realm = nodeRealm()
    const own = compilePolicyFile(
      "export default { name: 'Own', higherFirst: true, key: (t) => { const e = new RangeError('m'); e.name = 'Mine'; const o = {}; o.toString = () => 'own'; return e.name === 'Mine' && String(o) === 'own' && RangeError.prototype.name === 'RangeError' && String({}) === '[object Object]' ? 1 : 0 } }\n",
      realm,
    )
    expect(own.key.key({ order: 0, arrival: 0, weight: 1, remaining: 1, ratioRemaining: 1, tokens: 1000, remainingTokens: 1000, model: 'Qwen3', tp: 1, waited: 0, now: 0 })).toBe(1)
    expect(() => compilePolicyFile("Error.prototype.name = 'x'\nexport default { name: 'E', higherFirst: true, key: (t) => 1 }\n", realm)).toThrow(
      `line 1: TypeError: Cannot assign to read only property 'name' of a built-in prototype${HINT}`,
    )
  })
})
