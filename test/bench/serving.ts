/**
 * Serving benchmark (part of npm run bench): prints figures and ratios, asserts nothing.
 * Timings on a shared machine are noisy; compare the ratios within one run.
 */
import { parseClusterName } from '../../src/engine/catalog/clusters.ts'
import { generateRequests } from '../../src/engine/serving/generate.ts'
import { prepareServing } from '../../src/engine/serving/prepare.ts'
import { runServing } from '../../src/engine/serving/run.ts'
import { createSegmentWriter } from '../../src/engine/serving/segment-writer.ts'
import { BUILT_IN_POLICIES } from '../../src/engine/policies/registry.ts'
import type { Scenario } from '../../src/engine/types.ts'
import { BatchRecorder } from '../../src/worker/recorder.ts'

const POLICY_NAMES = BUILT_IN_POLICIES.map((p) => p.name)

const REPLICAS = 64
const shape = { seed: 7, model: 'Llama3-8B', medianInputTokens: 200, medianOutputTokens: 200, sigma: 0.8 }

function scenario(count: number, ratePerS: number, replicas = REPLICAS, dtS = 0.01): Scenario {
  return {
    name: `serving-bench-${count}`,
    cluster: parseClusterName(replicas === REPLICAS ? 'h100_64gpu' : `h100:${replicas}`),
    dtS,
    maxTimeS: Infinity,
    mode: 'serving',
    backfill: true,
    serving: { deployments: [{ model: 'Llama3-8B', tp: 1, replicas }] },
    tasks: generateRequests({ ...shape, count, ratePerS }),
  }
}

function time<T>(f: () => T): { ms: number; value: T } {
  const t0 = performance.now()
  const value = f()
  return { ms: performance.now() - t0, value }
}

const fmt = (ms: number) => `${ms.toFixed(0).padStart(6)} ms`
const row = (label: string, value: string, note = '') => console.log(`${label.padEnd(58)} ${value}${note ? `   ${note}` : ''}`)

console.log('\nSchedScope serving benchmark\n')

// Capacity of one replica: the request rate it sustains when saturated (2,000 requests at t = 0).
const saturated = runServing(scenario(2000, 1e9, 1), 'FIFO')
const perReplica = saturated.metrics.request_throughput_rps
const rate = 0.8 * perReplica * REPLICAS
row('capacity of one Llama3-8B replica on an H100 (saturated)', `${perReplica.toFixed(1)} req/s`, `80 % of 64 replicas: ${rate.toFixed(0)} req/s`)

for (const count of [10_000, 100_000]) {
  const prepared = prepareServing(scenario(count, rate))
  runServing(prepared, 'FIFO') // warm the JIT
  let iterations = 0
  let batched = 0
  const run = time(() => {
    for (const p of POLICY_NAMES) {
      const r = runServing(prepared, p)
      iterations += r.iterations
      batched += r.batchedRequests
    }
  })
  const target = count === 10_000 ? 'target < 2000 ms' : 'target < 20000 ms'
  row(`${count.toLocaleString('en')} requests, h100_64gpu, 64 replicas, 4 policies`, fmt(run.ms), target)
  row('  iterations per second', `${((iterations / run.ms) * 1000).toFixed(0)}`, `${iterations} iterations, mean batch ${(batched / iterations).toFixed(1)}`)
  row('  batch entries (iterations × batch) per second', `${((batched / run.ms) * 1000).toFixed(0)}`)
}

// The engine runs on event times: dt only samples snapshots. Same run at two dt, bare and
// recorded as the worker records it (segments and batches).
console.log('\ndt does not drive the cost (10,000 requests, FIFO):')
for (const dtS of [0.01, 0.0001]) {
  const prepared = prepareServing(scenario(10_000, rate, REPLICAS, dtS))
  const bare = time(() => runServing(prepared, 'FIFO'))
  const recorded = time(() => {
    const recorder = new BatchRecorder(prepared.tasks.length + prepared.replicas.length)
    const writer = createSegmentWriter(prepared, dtS, recorder)
    runServing(prepared, 'FIFO', { listener: writer })
    writer.finish()
    return recorder.flush(Number.MAX_SAFE_INTEGER, true)
  })
  row(`  dt ${dtS}`, fmt(bare.ms), `recorded ${fmt(recorded.ms).trim()}; ${bare.value.iterations} iterations, TTFT mean ${(bare.value.metrics.ttft_mean * 1000).toFixed(2)} ms`)
}
