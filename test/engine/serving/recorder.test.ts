import { describe, expect, it } from 'vitest'
import { DECODE, PREFILL, type ServingListener } from '../../../src/engine/serving/listener.ts'
import { prepareServing } from '../../../src/engine/serving/prepare.ts'
import { createServingRecorder, createServingTimeline, runServingRecorded } from '../../../src/engine/serving/record.ts'
import { ADMIT, FINISH, PREEMPT, REJECT, SEG_DECODE, SEG_PREEMPTED, SEG_PREFILL, SEG_QUEUED } from '../../../src/engine/serving/serving-batch.ts'
import { describeDecision } from '../../../src/engine/serving/decision-text.ts'
import { runServing } from '../../../src/engine/serving/run.ts'
import type { ServingModel } from '../../../src/engine/serving/types.ts'
import { servingScenario } from './helpers.ts'

const tiny: ServingModel = { name: 'Tiny', layers: 1, hidden: 1024, heads: 8, kvHeads: 1, headDim: 128, activeParamsB: 0.1, weightsGB: (72e9 - 3.5 * 8192) / 1e9 }
const knobs = { mfu: 0.5, mbu: 0.8, iterationOverheadS: 0.002, blockSize: 16, deployments: [{ model: 'Tiny', tp: 1, replicas: 1 }] }

function squeeze() {
  return servingScenario(
    [
      { id: 'A', inputTokens: 16, outputTokens: 17 },
      { id: 'B', inputTokens: 16, outputTokens: 17 },
      { id: 'C', inputTokens: 8, outputTokens: 3, arrivalS: 0.001 },
      { id: 'X', model: 'Nope', inputTokens: 1, outputTokens: 1, arrivalS: 0.002 },
    ],
    knobs,
    [tiny],
  )
}

describe('serving recorder and timeline', () => {
  it('coalesces each request into queued / prefill / decode / preempted segments and logs each decision', () => {
    const prepared = prepareServing(squeeze())
    const { result, timeline } = runServingRecorded(prepared, 'FIFO')
    expect(timeline.done).toBe(true)
    const segs = (r: number) => {
      const out: string[] = []
      for (let i = 0; i < timeline.segments.length; i += 3) if (timeline.segments.data[i] === r) out.push(['queued', 'prefill', 'decode', 'preempted'][timeline.segments.data[i + 1]!]!)
      return out
    }
    // A decodes 16 tokens after its prefill: two segments, not seventeen.
    expect(segs(0)).toEqual(['prefill', 'decode'])
    expect(segs(1)).toEqual(['prefill', 'preempted', 'prefill', 'decode'])
    expect(segs(2)).toEqual(['queued', 'prefill', 'decode'])
    expect(segs(3)).toEqual([])
    const [a, b] = result.requests
    // B waits from its preemption (the second iteration's start = A's first token) to A's finish.
    for (let i = 0; i < timeline.segments.length; i += 3) {
      if (timeline.segments.data[i] === 1 && timeline.segments.data[i + 1] === SEG_PREEMPTED) {
        expect([timeline.segmentTimes.data[(2 * i) / 3], timeline.segmentTimes.data[(2 * i) / 3 + 1]]).toEqual([a!.firstTokenS, a!.completionS])
      }
    }
    expect(SEG_QUEUED + SEG_PREFILL + SEG_DECODE).toBe(3)
    const decisions: string[] = []
    for (let i = 0; i < timeline.decisions.length; i += 4) {
      const d = timeline.decisions.data
      decisions.push(`${['admit', 'preempt', 'finish', 'reject'][d[i]!]} ${d[i + 1]}`)
    }
    expect(decisions).toEqual(['admit 0', 'admit 1', 'reject 3', 'preempt 1', 'finish 0', 'admit 1', 'admit 2', 'finish 2', 'finish 1'])
    expect([ADMIT, PREEMPT, FINISH, REJECT]).toEqual([0, 1, 2, 3])
    expect(b!.preemptions).toBe(1)
  })

  it('rebuilds any dt step: each replica’s batch, KV blocks used and free, and its queue', () => {
    const prepared = prepareServing(squeeze())
    const { result, timeline } = runServingRecorded(prepared, 'FIFO')
    const a = result.requests[0]!
    // Just after A's first token, the second iteration runs A's first decode alone: B was preempted, C waits.
    const dt = a.firstTokenS! / 10
    const [step] = timeline.stepAt(11, dt)
    expect(step).toMatchObject({ requests: [0], tokens: [1], kinds: [DECODE], usedBlocks: 2, freeBlocks: 1, queueLength: 2 })
    const [first] = timeline.stepAt(5, dt)
    expect(first).toMatchObject({ requests: [0, 1], tokens: [16, 16], kinds: [PREFILL, PREFILL], usedBlocks: 2, freeBlocks: 1 })
    // After the last finish the replica is idle with every block free.
    expect(timeline.stepAt(1, result.endS + 1)[0]).toMatchObject({ iteration: -1, requests: [], usedBlocks: 0, freeBlocks: 3, queueLength: 0 })
  })

  it('recording changes no result; a timeline streamed in pieces equals one recorded whole', () => {
    const prepared = prepareServing(squeeze())
    const whole = runServingRecorded(prepared, 'WSRPT')
    expect(whole.result.requests).toEqual(runServing(prepared, 'WSRPT').requests)
    const recorder = createServingRecorder(prepared)
    const streamed = createServingTimeline(prepared)
    const listener: ServingListener = {
      arrived: (...a) => recorder.arrived(...a),
      rejected: (...a) => recorder.rejected(...a),
      admitted: (...a) => recorder.admitted(...a),
      preempted: (...a) => recorder.preempted(...a),
      finished: (...a) => recorder.finished(...a),
      iteration(...a) {
        recorder.iteration(...a)
        streamed.append(recorder.flush())
      },
    }
    const result = runServing(prepared, 'WSRPT', { listener })
    streamed.append(recorder.flush(result.endS))
    for (const key of ['iterations', 'iterationTimes', 'batch', 'decisions', 'decisionTimes'] as const) expect(streamed[key].toArray()).toEqual(whole.timeline[key].toArray())
    const dt = result.endS / 50
    for (let k = 0; k <= 50; k++) expect(streamed.stepAt(k, dt)).toEqual(whole.timeline.stepAt(k, dt))
  })
})

describe('decision reasons', () => {
  it('say why each admission, preemption, finish and rejection happened', () => {
    const prepared = prepareServing(squeeze())
    expect(describeDecision(prepared, 'FIFO', ADMIT, 2, 0, 1)).toBe('C joins replica 0: head of the Tiny queue in FIFO order, with KV blocks free for its first chunk (1 still waiting)')
    expect(describeDecision(prepared, 'FIFO', PREEMPT, 1, 0, 1)).toMatch(/^B is preempted on replica 0: ranked last in FIFO order among the running requests when it needed more KV blocks itself/)
    expect(describeDecision(prepared, 'FIFO', PREEMPT, 1, 0, 0)).toMatch(/when A needed more KV blocks/)
    expect(describeDecision(prepared, 'FIFO', FINISH, 0, 0, -1)).toBe('A finishes on replica 0: it generated its 17 tokens and frees its KV blocks')
    expect(describeDecision(prepared, 'FIFO', REJECT, 3, -1, -1)).toBe("X is rejected: no deployment serves model 'Nope'")
  })
})
