import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRng } from '../../src/engine/rng.ts'
import { jobCount } from '../../src/sweep/definition.ts'
import { parseShard, shardJobs } from '../../src/sweep/jobs.ts'
import { formatSweepJson } from '../../src/sweep/json.ts'
import { mergeResults } from '../../src/sweep/merge.ts'
import { inThreadWorkers, runJobs, SweepCancelled, type StartWorker } from '../../src/sweep/pool.ts'
import { assembleResult } from '../../src/sweep/result.ts'
import { runSweep } from '../../src/sweep/run.ts'
import { smallRateSweep, tinySweep } from './helpers.ts'

/**
 * Workers on this thread whose answers come back in a shuffled order (seeded), as real workers
 * finishing at different speeds would: `drain` runs the pending work until none is left.
 */
function shuffledWorkers(seed: number): { start: StartWorker; drain(): void } {
  const rng = createRng(seed)
  const pending: (() => void)[] = []
  return {
    start: inThreadWorkers((f) => pending.push(f)),
    drain() {
      while (pending.length > 0) pending.splice(Math.floor(rng.next() * pending.length), 1)[0]!()
    },
  }
}

describe('sweeps in parallel', () => {
  const d = smallRateSweep()
  const alone = formatSweepJson(runSweep(d))

  it('give the same result, to the byte, with any number of workers finishing in any order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), fc.integer(), async (workers, seed) => {
        const pool = shuffledWorkers(seed)
        const progress: number[] = []
        const run = runJobs(d, shardJobs(d, null), { workers, start: pool.start, onResult: (_, done) => progress.push(done) })
        pool.drain()
        const jobs = await run.done
        expect(progress).toEqual(Array.from({ length: jobCount(d) }, (_, i) => i + 1))
        expect(formatSweepJson(assembleResult(d, jobs, null))).toBe(alone)
      }),
      { numRuns: 12, seed: 17 },
    )
  })

  it('shards split the jobs without overlap, and their merge is the whole sweep', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), (n) => {
        const shards = Array.from({ length: n }, (_, i) => ({ index: i + 1, count: n }))
        const jobs = shards.flatMap((s) => shardJobs(d, s))
        expect(jobs.sort((a, b) => a - b)).toEqual(shardJobs(d, null))
        const parts = shards.map((s) => ({ source: `part${s.index}.json`, result: runSweep(d, s) }))
        // Shards listed in any order merge to the same result.
        const merged = mergeResults([...parts].reverse())
        expect(formatSweepJson(merged)).toBe(alone)
      }),
      { numRuns: 5, seed: 5 },
    )
  })

  it('shard i/n runs jobs i−1, i−1+n, ...', () => {
    expect(shardJobs({ points: 4, seeds: 2 }, parseShard('2/3'))).toEqual([1, 4, 7])
    expect(shardJobs({ points: 4, seeds: 2 }, parseShard('3/3'))).toEqual([2, 5])
    expect(() => parseShard('0/3')).toThrow("a shard is i/n with 1 ≤ i ≤ n (such as 2/4), got '0/3'")
    expect(() => parseShard('4/3')).toThrow(/got '4\/3'/)
    expect(() => parseShard('x')).toThrow(/got 'x'/)
  })

  it('a merge of some shards says it is incomplete; overlapping shards merge once', () => {
    const t = tinySweep()
    const one = runSweep(t, { index: 1, count: 3 })
    expect(one.complete).toBe(false)
    expect(one.runs.map((r) => `${r.point}/${r.seed}`)).toEqual(['0/0', '0/0', '0/0', '0/0', '1/1', '1/1', '1/1', '1/1', '3/0', '3/0', '3/0', '3/0'])
    const partial = mergeResults([
      { source: 'a', result: one },
      { source: 'b', result: one },
    ])
    expect(partial.complete).toBe(false)
    expect(partial.runs).toHaveLength(12)
    // Points with no run have no mean.
    expect(partial.summary.find((s) => s.point === 2)).toMatchObject({ mean: null, min: null, max: null, n: 0 })
    const all = mergeResults([1, 2, 3].map((i) => ({ source: `${i}`, result: runSweep(t, { index: i, count: 3 }) })))
    expect(all.complete).toBe(true)
  })

  it('refuses to merge different sweeps, or one run with two answers', () => {
    const t = tinySweep()
    const a = runSweep(t, { index: 1, count: 2 })
    const b = runSweep({ ...t, seeds: 3 }, { index: 2, count: 2 })
    expect(() => mergeResults([{ source: 'a.json', result: a }, { source: 'b.json', result: b }])).toThrow('b.json is from another sweep than a.json: its seeds differs (3 against 2)')
    const forged = { ...a, runs: a.runs.map((r, i) => (i === 0 ? { ...r, metrics: { ...r.metrics, mean_flow: 99 } } : r)) }
    expect(() => mergeResults([{ source: 'a.json', result: a }, { source: 'forged.json', result: forged }])).toThrow('point 0, seed 0, FIFO has other numbers in forged.json than in a.json')
    expect(() => mergeResults([])).toThrow('merge needs at least one sweep file')
  })

  it('cancel stops every worker and rejects; a failing job rejects with its point and seed', async () => {
    const pool = shuffledWorkers(1)
    const run = runJobs(tinySweep(), [0, 1, 2, 3], { workers: 2, start: pool.start })
    run.cancel()
    pool.drain()
    await expect(run.done).rejects.toBeInstanceOf(SweepCancelled)

    // 200,000 one-second tasks at once on one GPU: more steps than a run may take.
    const huge = tinySweep({ generator: { ...tinySweep().generator, count: 200_000, prefillTokens: { kind: 'fixed', value: 1e7 } }, dtS: 0.001 })
    const failing = shuffledWorkers(2)
    const bad = runJobs(huge, [0], { workers: 1, start: failing.start })
    failing.drain()
    await expect(bad.done).rejects.toThrow(/^point 1 \(cluster-size 1\), seed 7: This scenario cannot be simulated/)
  })
})
