import { describe, expect, it } from 'vitest'
import { REJECTED, SERVING_KINDS, WAITING } from '../../src/engine/segments.ts'
import { parseScenarioJson } from '../../src/engine/workloads/scenario-json.ts'
import { servingIdleReason, waitingByModel } from '../../src/run-view/serving-idle.ts'
import { iterationMix, prefillShare } from '../../src/run-view/serving-iterations.ts'
import { promptChunks, requestBars, requestFacts } from '../../src/run-view/serving-requests.ts'
import { readFixture } from '../helpers/scenario.ts'
import { recordServing, squeeze, squeezeFirstS as first } from '../helpers/serving.ts'

const preemption = parseScenarioJson(readFixture('serving/preemption.json'), 'preemption.json').scenario

describe('what each iteration computes (the Gantt fill)', () => {
  const { tl } = recordServing(preemption, 'FIFO', 7)
  const mix = iterationMix(tl)

  it('sums each iteration’s batch and its tokens by kind (preemption.json, FIFO)', () => {
    expect(mix.batch.length).toBe(251)
    expect(mix.maxBatch).toBe(3)
    // 0: A and B prefill 60 tokens each. 1: both decode. 2: both decode and C prefills 126 of
    // its 200 prompt tokens (the budget of 128 less the two decodes).
    expect([0, 1, 2].map((s) => [mix.batch.data[s], mix.prefill.data[s], mix.decode.data[s], mix.recompute.data[s]])).toEqual([
      [2, 120, 0, 0],
      [2, 0, 2, 0],
      [3, 126, 2, 0],
    ])
    expect([0, 1, 2].map((s) => prefillShare(mix, s))).toEqual([1, 0, 126 / 128])
    expect(126 / 128).toBe(0.984375)
  })

  it('counts a recompute as prompt work (the squeeze: B recomputes 17 tokens beside C’s 8-token prefill)', () => {
    const sq = recordServing(squeeze(first / 10), 'FIFO')
    const m = iterationMix(sq.tl)
    expect([m.batch.data[17], m.prefill.data[17], m.recompute.data[17], m.decode.data[17]]).toEqual([2, 8, 17, 0])
    expect(prefillShare(m, 17)).toBe(1)
  })

  it('reads a run streamed in pieces as it reads it whole', () => {
    const whole = iterationMix(recordServing(preemption, 'FIFO').tl)
    expect(Array.from(mix.prefill.data.subarray(0, 251))).toEqual(Array.from(whole.prefill.data.subarray(0, 251)))
    expect(Array.from(mix.batch.data.subarray(0, 251))).toEqual(Array.from(whole.batch.data.subarray(0, 251)))
  })
})

describe('each request’s row (the request view)', () => {
  const sq = recordServing(squeeze(first / 10), 'FIFO')
  const [a, b] = sq.result.requests

  it('gives a request preempted once its stretches in time order (the squeeze, B)', () => {
    expect(requestBars(sq.tl, 1)).toEqual([
      { kind: WAITING, t0: 0, t1: 0 },
      { kind: SERVING_KINDS.prefill, t0: 0, t1: first },
      { kind: SERVING_KINDS.preempted, t0: first, t1: a!.completionS },
      { kind: SERVING_KINDS.recompute, t0: a!.completionS, t1: 0.519581982758209 },
      { kind: SERVING_KINDS.decode, t0: 0.519581982758209, t1: b!.completionS },
    ])
    expect(requestBars(sq.tl, 3)).toEqual([{ kind: REJECTED, t0: 0.002, t1: 0.002 }])
    // Its prompt chunks: 16 prompt tokens before the preemption, 17 recomputed (16 + 1 generated) after.
    const f = requestFacts(sq.tl, sq.info)
    expect(promptChunks(sq.tl, f, 1)).toEqual([
      { t0: 0, t1: first, tokens: 16, kind: 0 },
      { t0: a!.completionS, t1: 0.519581982758209, tokens: 17, kind: 2 },
    ])
    // Its first token is the first prefill's end: a recompute gives no first token again.
    expect([f.firstTokenS[1], f.finishS[1], f.preemptions[1], f.replica[1]]).toEqual([first, b!.completionS, 1, 0])
    expect([f.firstTokenS[3], f.finishS[3], f.preemptions[3], f.replica[3]]).toEqual([NaN, NaN, 0, -1])
  })

  it('gives each request the first token, finish and preemptions the engine computes (preemption.json, every policy)', () => {
    for (const policy of ['FIFO', 'WeightedFIFO', 'SRPT', 'WSRPT']) {
      const run = recordServing(preemption, policy, 5)
      const f = requestFacts(run.tl, run.info)
      const engine = run.result.requests.map((r) => [r.firstTokenS ?? NaN, r.completionS ?? NaN, r.preemptions])
      expect({ policy, rows: engine.map((_, r) => [f.firstTokenS[r], f.finishS[r], f.preemptions[r]]) }).toEqual({ policy, rows: engine })
    }
  })

  it('shows C of preemption.json under FIFO preempted 18 times, a 126-token chunk before each, its first token at 2.842 s', () => {
    const run = recordServing(preemption, 'FIFO')
    const f = requestFacts(run.tl, run.info)
    expect(f.preemptions[2]).toBe(18)
    expect(f.firstTokenS[2]).toBe(2.8420992504835825)
    const bars = requestBars(run.tl, 2)
    expect(bars.filter((x) => x.kind === SERVING_KINDS.preempted)).toHaveLength(18)
    const chunks = promptChunks(run.tl, f, 2)
    expect(chunks.slice(0, 18).every((c) => c.tokens === 126 && c.kind === 0)).toBe(true)
    // Once A and B finish it gets the budget whole: its 200 prompt tokens in two chunks back to back.
    expect(chunks.slice(18)).toEqual([
      { t0: 2.786374579868657, t1: 2.8142355457671644, tokens: 128, kind: 0 },
      { t0: 2.8142355457671644, t1: 2.8420992504835825, tokens: 72, kind: 0 },
    ])
  })
})

describe('why GPUs idle in a serving run (the Gantt note)', () => {
  it('names the GPUs of no replica, and a replica whose queue is empty (preemption.json, FIFO)', () => {
    const run = recordServing(preemption, 'FIFO')
    expect(servingIdleReason(run.tl, run.info, 8, 50)).toBe('GPUs 1–7 hold no replica: the deployments use 1 of 8 GPUs, so no request can run there.')
    expect(servingIdleReason(run.tl, run.info, 8, 700)).toBe(
      'GPUs 1–7 hold no replica: the deployments use 1 of 8 GPUs, so no request can run there. Replica 0 is idle: no Tiny-Pool request waits.',
    )
  })

  it('says nothing while every GPU serves, and counts the queue per model (the squeeze)', () => {
    expect(waitingByModel(sq().tl, sq().info, 11)).toEqual([2])
    expect(servingIdleReason(sq().tl, sq().info, 1, 11)).toBeNull()
    expect(servingIdleReason(sq().tl, sq().info, 1, 1000)).toBe('Replica 0 is idle: no Tiny request waits.')
  })
})

let squeezed: ReturnType<typeof recordServing> | undefined
const sq = () => (squeezed ??= recordServing(squeeze(first / 10), 'FIFO'))
