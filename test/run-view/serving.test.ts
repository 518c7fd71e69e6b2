import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { policies } from '../../src/engine/policies/registry.ts'
import { REJECTED, SERVING_KINDS, WAITING } from '../../src/engine/segments.ts'
import { indexReplicaIterations, replicaAt } from '../../src/run-view/serving.ts'
import { describeServingDecision, servingDecisionsAt } from '../../src/run-view/serving-decisions.ts'
import { servingQueueAt } from '../../src/run-view/serving-queue.ts'
import type { Timeline } from '../../src/run-view/timeline.ts'
import { expectEqual } from '../helpers/fast-expect.ts'
import { servingScenarioArb } from '../helpers/serving-arbitraries.ts'
import { eachStreamedBatch, recordServing, runInfo, squeeze, squeezeFirstS as first, squeezeSecondS as second } from '../helpers/serving.ts'

const RUN_KINDS = new Set<string>([SERVING_KINDS.prefill, SERVING_KINDS.decode, SERVING_KINDS.recompute])

/** Each request's segments in time order: kind, t0, t1. */
function segmentsOf(tl: Timeline, request: number): [string, number, number][] {
  const out: [string, number, number][] = []
  for (const track of tl.tracks) for (let s = 0; s < track.length; s++) if (track.item[s] === request) out.push([track.kind, track.t0[s]!, track.t1[s]!])
  return out.sort((a, b) => a[1] - b[1] || a[2] - b[2])
}

describe('a serving run in the page read model', () => {
  const dtS = first / 10
  const { tl, info, result, prepared } = recordServing(squeeze(dtS), 'FIFO')
  const [a, b, c] = result.requests

  it('has the step times of the formula (hand-computed)', () => {
    // Compute is far below memory: 6.4 GFLOP at 50 % of 989 TFLOP/s is 13 µs.
    expect((2 * 0.1e9 * 32 + 4 * 8 * 128 * 272) / (989e12 * 0.5)).toBeLessThan(2e-5)
    expect(Math.abs(a!.firstTokenS! - first) / first).toBeLessThan(1e-12)
    // 71,999,987,712 B / 2.68e12 B/s + 2 ms.
    expect(Math.abs(first - 0.02886566705671642) / first).toBeLessThan(1e-12)
    expect(Math.abs(b!.firstTokenS! - first)).toBe(0)
  })

  it('records each request as waiting, prefill, decode, preempted and recompute segments', () => {
    expect(segmentsOf(tl, 0).map((x) => x[0])).toEqual([WAITING, SERVING_KINDS.prefill, SERVING_KINDS.decode])
    expect(segmentsOf(tl, 1).map((x) => x[0])).toEqual([WAITING, SERVING_KINDS.prefill, SERVING_KINDS.preempted, SERVING_KINDS.recompute, SERVING_KINDS.decode])
    expect(segmentsOf(tl, 2).map((x) => x[0])).toEqual([WAITING, SERVING_KINDS.prefill, SERVING_KINDS.decode])
    expect(segmentsOf(tl, 3)).toEqual([[REJECTED, 0.002, 0.002]])
    // A: prefill over the first iteration, then 16 decode iterations in one segment, to its finish.
    expect(segmentsOf(tl, 0)).toEqual([
      [WAITING, 0, 0],
      [SERVING_KINDS.prefill, 0, first],
      [SERVING_KINDS.decode, first, a!.completionS!],
    ])
    // B waits again from its preemption (A's first token) until A's finish frees the blocks.
    expect(segmentsOf(tl, 1)[2]).toEqual([SERVING_KINDS.preempted, first, a!.completionS!])
    expect(segmentsOf(tl, 1).at(-1)![2]).toBe(b!.completionS)
    expect(segmentsOf(tl, 2)[0]).toEqual([WAITING, 0.001, a!.completionS!])
  })

  it('gives each replica its batch and KV blocks at any step', () => {
    expect(prepared.replicas[0]!.blocks).toBe(3)
    expect(replicaAt(tl, info, 0, 5)).toEqual({ segment: 0, t0: 0, t1: first, requests: [0, 1], tokens: [16, 16], kinds: [0, 0], computed: [0, 0], usedBlocks: 2, freeBlocks: 1 })
    const at11 = replicaAt(tl, info, 0, 11)
    expect(at11).toMatchObject({ segment: 1, t0: first, requests: [0], tokens: [1], kinds: [1], computed: [16], usedBlocks: 2, freeBlocks: 1 })
    expect(Math.abs(at11.t1 - (first + second)) / (first + second)).toBeLessThan(1e-12)
    // After the last finish the replica is idle with every block free.
    expect(replicaAt(tl, info, 0, Math.ceil(result.endS / dtS) + 1)).toEqual({ segment: -1, t0: NaN, t1: NaN, requests: [], tokens: [], kinds: [], computed: [], usedBlocks: 0, freeBlocks: 3 })
  })

  it('gives each model its queue at a step in the policy order, with the keys', () => {
    // At step 11 B (preempted, 1 token generated) and C wait. FIFO ranks by arrival.
    expect(servingQueueAt(tl, info, 0, 11, 11 * dtS, policies.get('FIFO'))).toEqual({ head: [{ request: 1, key: 0 }, { request: 2, key: 0.001 }], length: 2 })
    // SRPT by output tokens left: C 3, B 17 − 1 = 16.
    expect(servingQueueAt(tl, info, 0, 11, 11 * dtS, policies.get('SRPT'))).toEqual({ head: [{ request: 2, key: 3 }, { request: 1, key: 16 }], length: 2 })
    // WSRPT by weight / tokens left, larger first; the head only.
    expect(servingQueueAt(tl, info, 0, 11, 11 * dtS, policies.get('WSRPT'), 1)).toEqual({ head: [{ request: 2, key: 1 / 3 }], length: 2 })
    expect(servingQueueAt(tl, info, 0, 5, 5 * dtS, policies.get('FIFO'))).toEqual({ head: [{ request: 2, key: 0.001 }], length: 1 })
    expect(servingQueueAt(tl, info, 0, 0, 0, policies.get('FIFO')).length).toBe(0)
  })

  it('logs each decision with its reason', () => {
    const ctx = { policy: 'FIFO', ids: ['A', 'B', 'C', 'X'], modelNames: ['Tiny', 'Tiny', 'Tiny', 'Nope'], rejections: prepared.rejection }
    const all = Array.from({ length: tl.serving.decisionKind.length }, (_, d) => describeServingDecision(tl, d, ctx))
    expect(all).toEqual([
      'A joins replica 0: head of the Tiny queue in FIFO order, with KV blocks free for its first chunk (1 still waiting)',
      'B joins replica 0: head of the Tiny queue in FIFO order, with KV blocks free for its first chunk (0 still waiting)',
      "X is rejected: no deployment serves model 'Nope'",
      'B is preempted on replica 0: ranked last in FIFO order among the running requests when it needed more KV blocks itself; its blocks are freed and it will recompute its tokens (1 generated so far)',
      'A finishes on replica 0: it generated its 17 tokens and frees its KV blocks',
      'B joins replica 0: head of the Tiny queue in FIFO order, with KV blocks free for its first chunk (1 still waiting)',
      'C joins replica 0: head of the Tiny queue in FIFO order, with KV blocks free for its first chunk (0 still waiting)',
      'C finishes on replica 0: it generated its 3 tokens and frees its KV blocks',
      'B finishes on replica 0: it generated its 17 tokens and frees its KV blocks',
    ])
    // The preemption is decided at A's first token: the first step at or after it.
    const preemptAt = tl.serving.decisionStep.data[3]!
    expect(preemptAt * dtS).toBeGreaterThanOrEqual(first)
    expect((preemptAt - 1) * dtS).toBeLessThan(first)
    expect(servingDecisionsAt(tl, preemptAt)).toEqual([3])
    expect(servingDecisionsAt(tl, 0)).toEqual([0, 1])
    expect(c!.preemptions).toBe(0)
  })

  it('streamed in pieces, the timeline is the one recorded whole', () => {
    const pieces = recordServing(squeeze(dtS), 'FIFO', 1)
    for (let k = 0; k < 40; k++) expect(replicaAt(pieces.tl, pieces.info, 0, k)).toEqual(replicaAt(tl, info, 0, k))
    for (let k = 0; k < 40; k++) expect(servingQueueAt(pieces.tl, pieces.info, 0, k, k * dtS, policies.get('SRPT'))).toEqual(servingQueueAt(tl, info, 0, k, k * dtS, policies.get('SRPT')))
    for (let r = 0; r < 4; r++) expect(segmentsOf(pieces.tl, r)).toEqual(segmentsOf(tl, r))
    expect(Array.from(pieces.tl.serving.decisionTimeS.toArray())).toEqual(Array.from(tl.serving.decisionTimeS.toArray()))
  })
})

describe('serving timelines over random scenarios', () => {
  it('agree with the results, streamed in pieces or whole', () => {
    fc.assert(
      fc.property(servingScenarioArb, fc.constantFrom('FIFO', 'SRPT', 'WSRPT'), fc.constantFrom(0.001, 0.01), (scenario, policy, dtS) => {
        const s = { ...scenario, dtS }
        const whole = recordServing(s, policy)
        const pieces = recordServing(s, policy, 3)
        const { tl, info, result } = whole
        const lastStep = Math.ceil(result.endS / dtS) + 1
        // Checked at every step, and asserted once: an expect per step and replica was most of
        // this test's time.
        const problems: string[] = []
        for (let k = 0; k <= lastStep; k++) {
          for (let r = 0; r < info.replicas.length; r++) {
            const at = replicaAt(tl, info, r, k)
            expectEqual(replicaAt(pieces.tl, pieces.info, r, k), at, `replica ${r} at step ${k}`)
            // Blocks never exceed the replica's; a batch's requests run on it then.
            const blocks = info.replicas[r]!.blocks
            if (at.usedBlocks > blocks || at.usedBlocks + at.freeBlocks !== blocks) problems.push(`step ${k}, replica ${r}: ${at.usedBlocks} used and ${at.freeBlocks} free of ${blocks} blocks`)
            for (const q of at.requests) {
              const runs = segmentsOf(tl, q).filter(([kind, t0, t1]) => RUN_KINDS.has(kind) && t0 <= k * dtS && k * dtS < t1)
              if (runs.length !== 1) problems.push(`step ${k}, replica ${r}: request ${q} in ${runs.length} running segments`)
            }
          }
          for (let m = 0; m < info.models.length; m++) {
            expectEqual(servingQueueAt(pieces.tl, pieces.info, m, k, k * dtS, policies.get(policy)), servingQueueAt(tl, info, m, k, k * dtS, policies.get(policy)), `model ${m}'s queue at step ${k}`)
          }
        }
        expect(problems).toEqual([])
        for (const q of result.requests) {
          const segments = segmentsOf(tl, q.index)
          expect(segmentsOf(pieces.tl, q.index)).toEqual(segments)
          expect(segments.filter(([kind]) => kind === SERVING_KINDS.preempted)).toHaveLength(q.preemptions)
          const runs = segments.filter(([kind]) => RUN_KINDS.has(kind))
          if (q.status === 'completed') expect(runs.at(-1)![2]).toBe(q.completionS)
          if (q.status === 'rejected') expect(segments).toEqual([[REJECTED, q.arrivalS, q.arrivalS]])
          for (const [, t0] of segments) expect(t0).toBeGreaterThanOrEqual(q.arrivalS)
        }
      }),
      { numRuns: 40 },
    )
  })
})

describe('each replica at a step, its iterations indexed as the run streams in', () => {
  it('reads, after every batch, as a timeline fed the same batches and read from scratch', () => {
    fc.assert(
      fc.property(servingScenarioArb, fc.constantFrom('FIFO', 'WSRPT'), fc.constantFrom(1, 4, 30), (scenario, policy, every) =>
        eachStreamedBatch(scenario, policy, every, (streamed, fresh, prepared) => {
          const info = runInfo(prepared)
          // Indexed after every batch, as the runner does; the fresh one only when read.
          indexReplicaIterations(streamed, info)
          // Every step an iteration starts or ends at, and the one after it (a gap, or the next).
          const iterations = streamed.tracks.find((t) => t.kind === SERVING_KINDS.iteration)
          const steps = new Set<number>([0])
          for (let s = 0; s < (iterations?.length ?? 0); s++) for (const at of [iterations!.stepOpen[s]!, iterations!.stepClose[s]!]) if (at >= 0) steps.add(at).add(at + 1)
          for (const step of steps) for (let r = 0; r < info.replicas.length; r++) expectEqual(replicaAt(streamed, info, r, step), replicaAt(fresh, info, r, step))
        }),
      ),
      { numRuns: 20 },
    )
  })
})
