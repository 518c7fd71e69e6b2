import { describe, expect, it } from 'vitest'
import { runSweepCli } from '../../src/cli/sweep-cli.ts'
import { runServingAlgorithms } from '../../src/engine/serving/run.ts'
import { checkSweep } from '../../src/sweep/check.ts'
import { formatSweepJson, parseSweepJson } from '../../src/sweep/json.ts'
import { metricsFor } from '../../src/sweep/metrics.ts'
import { inThreadWorkers } from '../../src/sweep/pool.ts'
import { summaryOf } from '../../src/sweep/result.ts'
import { runSweep } from '../../src/sweep/run.ts'
import { sweepScenario } from '../../src/sweep/scenario.ts'
import { smallRateSweep } from './helpers.ts'

/** The small Poisson sweep in serving mode: 40 requests of Llama3-8B and -70B on 8 H100s, the default deployments. */
const servingSweep = () => smallRateSweep({ mode: 'serving', points: 2, seeds: 2 })

describe('a sweep in serving mode', () => {
  it('has the job metrics (flow is E2E) and serving’s own: TTFT p95 and goodput', () => {
    expect(metricsFor('exact').map((m) => m.name)).not.toContain('ttft_p95')
    expect(metricsFor('serving').map((m) => m.name)).toEqual([
      'mean_flow', 'p95_flow', 'p99_flow', 'weighted_flow', 'mean_queueing_delay', 'gpu_utilization', 'rejected', 'ttft_p95', 'goodput',
    ])
  })

  it('each run holds what the serving engine gives for its scenario; the spread is over the seeds', () => {
    const d = servingSweep()
    const r = runSweep(d)
    expect(r.complete).toBe(true)
    expect(r.runs).toHaveLength(2 * 2 * 4)
    for (const run of r.runs) {
      const scenario = sweepScenario(d, run.point, run.seed)
      expect(scenario.mode).toBe('serving')
      const s = runServingAlgorithms(scenario, [run.algorithm]).get(run.algorithm)!
      expect(s.metrics.completed_count).toBe(40)
      expect(run.metrics.ttft_p95).toBe(s.metrics.ttft_p95)
      expect(run.metrics.goodput).toBe(s.metrics.goodput_rps)
      expect(run.metrics.mean_flow).toBe(s.metrics.average_waiting_time)
      expect(run.metrics.p95_flow).toBe(s.metrics.e2e_p95)
      expect(run.metrics.ttft_p95).toBeGreaterThan(0)
    }
    const seeds = r.runs.filter((x) => x.point === 1 && x.algorithm === 'SRPT').map((x) => x.metrics.ttft_p95!)
    expect(summaryOf(r, 1, 'SRPT', 'ttft_p95')).toEqual({ point: 1, algorithm: 'SRPT', metric: 'ttft_p95', mean: (seeds[0]! + seeds[1]!) / 2, min: Math.min(...seeds), max: Math.max(...seeds), n: 2 })
    // Batching makes a request's GPU time depend on the load: no offered load is claimed.
    expect(r.points.map((p) => p.offeredLoad)).toEqual([null, null])
    expect(r.points.map((p) => p.ratePerS)).toEqual([1, 6])
    expect(parseSweepJson(formatSweepJson(r))).toEqual(r)
  })

  it('refuses utilization and TP, which serving does not define per request', () => {
    expect(checkSweep(smallRateSweep({ mode: 'serving', param: 'utilization', from: 0.2, to: 1 }))).toEqual([
      { field: 'param', message: "Utilization (offered load) is defined for the job modes only: in serving mode a request's GPU time depends on its batch (sweep the arrival rate instead)" },
    ])
    expect(checkSweep(smallRateSweep({ mode: 'serving', param: 'tp', from: 1, to: 2, points: 2 }))).toEqual([
      { field: 'param', message: "TP in serving mode is each deployment's, not a request's: use exact mode" },
    ])
  })

  it('npm run sweep --mode serving --metric ttft_p95 writes the engine’s numbers; exact mode has no TTFT', async () => {
    let out = ''
    let err = ''
    const written: Record<string, string> = {}
    const io = {
      out: (t: string) => (out += t),
      err: (t: string) => (err += t),
      readFile: () => '',
      writeFile: (p: string, t: string) => (written[p] = t),
      outputProblem: () => undefined,
    }
    const workers = { start: inThreadWorkers((f) => setTimeout(f, 0)), count: 2 }
    const flags = ['--param', 'rate', '--from', '1', '--to', '6', '--points', '2', '--seeds', '2', '--count', '40', '--seed', '3', '--cluster', 'h100_8gpu', '--arrivals', 'poisson:5',
      '--prefill-tokens', 'lognormal:800:0.9', '--decode-tokens', 'lognormal:1500:0.9', '--weights', '1:0.7,10:0.3', '--models', 'Llama3-8B:0.5,Llama3-70B:0.5']
    expect(await runSweepCli([...flags, '--mode', 'serving', '--metric', 'ttft_p95', '--out', 's.json'], io, workers)).toBe(0)
    expect(written['s.json']).toBe(formatSweepJson(runSweep(servingSweep())))
    expect(out).toContain('TTFT p95 (s) against arrival rate (tasks/s): mean over 2 seeds [min–max]')
    expect(await runSweepCli([...flags, '--metric', 'ttft_p95'], io, workers)).toBe(2)
    expect(err).toContain("--metric ttft_p95: exact mode's runs do not have it (they have mean_flow, p95_flow, p99_flow, weighted_flow, mean_queueing_delay, gpu_utilization, rejected)")
  })
})
