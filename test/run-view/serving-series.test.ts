import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SERVING_DEFAULTS } from '../../src/engine/serving/config.ts'
import { parseScenarioJson } from '../../src/engine/workloads/scenario-json.ts'
import { seriesPoints, valueAt, type StepSeries } from '../../src/run-view/series.ts'
import { ascending, bucketRates, servingSeries, servingSeriesSteps } from '../../src/run-view/serving-series.ts'
import { servingOutcomes } from '../../src/run-view/serving-outcomes.ts'
import { servingScenarioArb } from '../helpers/serving-arbitraries.ts'
import { recordServing, squeeze, squeezeFirstS as first, squeezeSecondS as second } from '../helpers/serving.ts'

const fixture = (name: string) => readFileSync(join(process.cwd(), 'test/fixtures/serving', name), 'utf8')
/** The integral of a rate that ends at 0: what was counted in all. */
const total = (s: StepSeries) => Array.from(s.v).reduce((sum, v, k) => sum + v * ((s.t[k + 1] ?? s.t[k]!) - s.t[k]!), 0)
const last = (s: StepSeries) => s.v[s.v.length - 1]!

function curvesOf(scenario: ReturnType<typeof squeeze>, policy: string, bucketS: number) {
  const run = recordServing(scenario, policy)
  const slo = { ...SERVING_DEFAULTS.slo, ...scenario.serving?.slo }
  return { ...run, curves: servingSeries(run.tl, run.info, servingOutcomes(run.tl, run.info), slo, bucketS) }
}

describe('serving curves over time', () => {
  it('buckets amounts into rates: Σ in [k·b, (k + 1)·b) / b from k·b on, 0 after the last bucket', () => {
    expect(seriesPoints(bucketRates([0.05, 0.1, 0.3, 0.8], [2, 3, 1, 4], 0.25))).toEqual([
      [0, 20],
      [0.25, 4],
      [0.5, 0],
      [0.75, 16],
      [1, 0],
    ])
    // Equal neighbours make one change point.
    expect(seriesPoints(bucketRates([0.1, 0.3], [1, 1], 0.25))).toEqual([
      [0, 4],
      [0.5, 0],
    ])
  })

  it('follow the squeeze run by hand: batches, KV blocks and tokens', () => {
    const { curves, result } = curvesOf(squeeze(0.001), 'FIFO', 0.1)
    // First iteration: A and B prefill 16 tokens each (2 of 3 blocks); then A decodes alone
    // (B is preempted), holding 2 blocks for its 17 tokens.
    expect(valueAt(curves.batchSize, 0)).toBe(2)
    expect(valueAt(curves.kvUse, 0)).toBe(2 / 3)
    expect(valueAt(curves.batchSize, first)).toBe(1)
    expect(valueAt(curves.kvUse, first + second / 2)).toBe(2 / 3)
    // After the last iteration nothing runs.
    expect(last(curves.batchSize)).toBe(0)
    expect(last(curves.kvUse)).toBe(0)
    // Every output token of A, B and C (17 + 17 + 3) is sampled once; X is rejected.
    expect(total(curves.throughput)).toBeCloseTo(37, 9)
    expect(last(curves.throughputSoFar)).toBe(result.metrics.output_throughput_tps)
    expect(last(curves.throughputSoFar)).toBe(37 / result.metrics.makespan)
  })

  it('end on the Results table’s throughput and goodput for every policy (preemption.json)', () => {
    const doc = parseScenarioJson(fixture('preemption.json'), 'preemption.json')
    const expected = (JSON.parse(fixture('expected.json')) as Record<string, { expected: Record<string, Record<string, number>> }>)['preemption']!.expected
    for (const policy of doc.algorithms) {
      const { curves } = curvesOf(doc.scenario, policy, 0.5)
      expect(last(curves.throughputSoFar)).toBe(expected[policy]!['output_throughput_tps'])
      expect(last(curves.goodputSoFar)).toBe(expected[policy]!['goodput_rps'])
    }
    // FIFO: A, B, C, D and E complete (100 + 100 + 20 + 150 + 5 = 375 tokens) by 6.993398159498509 s.
    const fifo = curvesOf(doc.scenario, 'FIFO', 0.5).curves
    expect(last(fifo.throughputSoFar).toFixed(2)).toBe('53.62')
    expect(last(fifo.throughputSoFar)).toBe(375 / 6.993398159498509)
    expect(total(fifo.throughput)).toBeCloseTo(375, 9)
    // 2 of 5 within both SLOs (goodput_rps 0.2859840029676529 × 6.993398159498509).
    expect(total(fifo.goodput)).toBeCloseTo(2, 9)
  })

  it('agree with the engine on any run (property)', () => {
    fc.assert(
      fc.property(servingScenarioArb, fc.constantFrom('FIFO', 'SRPT', 'WSRPT'), (scenario, policy) => {
        const { curves, result, prepared } = curvesOf(scenario, policy, 0.01)
        const m = result.metrics
        expect(last(curves.throughputSoFar)).toBe(m.output_throughput_tps)
        expect(last(curves.goodputSoFar)).toBe(m.goodput_rps)
        const completedTokens = result.requests.reduce((sum, r, i) => sum + (r.status === 'completed' ? prepared.outputTokens[i]! : 0), 0)
        const sampled = total(curves.throughput)
        // Unfinished requests may have sampled some of their tokens; none is sampled twice.
        expect(sampled).toBeGreaterThanOrEqual(completedTokens - 1e-6)
        if (m.unfinished_count === 0) expect(sampled).toBeCloseTo(completedTokens, 6)
        const capacity = prepared.replicas.length * prepared.config.maxNumSeqs
        for (const v of curves.batchSize.v) expect(v >= 0 && v <= capacity).toBe(true)
        for (const v of curves.kvUse.v) expect(v >= 0 && v <= 1 + 1e-12).toBe(true)
        expect(last(curves.batchSize)).toBe(0)
      }),
      { numRuns: 60 },
    )
  })
})

describe('serving curves in steps (idle slices)', () => {
  it('are the same curves in steps of any size, and a run of n iterations takes at least n / size steps (property)', () => {
    fc.assert(
      fc.property(servingScenarioArb, fc.constantFrom('FIFO', 'WSRPT'), fc.integer({ min: 1, max: 9 }), (scenario, policy, size) => {
        const { tl, info } = recordServing(scenario, policy)
        const slo = { ...SERVING_DEFAULTS.slo, ...scenario.serving?.slo }
        const drain = (stepItems: number) => {
          const steps = servingSeriesSteps(tl, info, servingOutcomes(tl, info), slo, 0.01, stepItems)
          for (let pauses = 0; ; pauses++) {
            const r = steps.next()
            if (r.done === true) return { curves: r.value, pauses }
          }
        }
        const whole = drain(Infinity)
        const sliced = drain(size)
        expect(sliced.curves).toEqual(whole.curves)
        // The iterations' loop alone pauses after every `size` of them.
        const iterations = tl.serving.entryCount.length
        expect(sliced.pauses - whole.pauses).toBeGreaterThanOrEqual(Math.floor((iterations - 1) / size))
      }),
      { numRuns: 40 },
    )
  })
})

describe('ascending (the order levelOver reads starts and ends in)', () => {
  // The comparator sort it replaced, as the reference: the keys must come out in the same order
  // (ties may differ: levelOver nets every change at one time).
  const byComparator = (keys: Float64Array) => Array.from(keys).sort((x, y) => x - y)
  const read = (keys: Float64Array, order: Uint32Array) => Array.from(order, (k) => keys[k]!)

  it('orders nearly sorted keys (ends a batch apart), far-off keys and NaN-free shuffles as a comparator sort does', () => {
    const nearly = fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 5 })), { maxLength: 200 }).map((xs) => Float64Array.from(xs, ([base, jitter], k) => k + base / 1000 - jitter))
    const any = fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { maxLength: 300 }).map((xs) => Float64Array.from(xs))
    fc.assert(
      fc.property(fc.oneof(nearly, any), (keys) => {
        const order = ascending(keys)
        expect(Array.from(order).sort((a, b) => a - b)).toEqual(Array.from(keys, (_, k) => k))
        expect(read(keys, order)).toEqual(byComparator(keys))
      }),
    )
  })

  it('moves a late end back past the ones before it: [1, 2, 5, 3, 4, 0] → positions 5, 0, 1, 3, 4, 2', () => {
    expect(Array.from(ascending(Float64Array.from([1, 2, 5, 3, 4, 0])))).toEqual([5, 0, 1, 3, 4, 2])
  })
})
