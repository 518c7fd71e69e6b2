import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { GrowableFloat64, GrowableInt32 } from '../../src/engine/growable.ts'
import { DECODE, PREFILL, RECOMPUTE } from '../../src/engine/serving/listener.ts'
import { prepareServing } from '../../src/engine/serving/prepare.ts'
import type { Scenario } from '../../src/engine/types.ts'
import { batchEntries, type BatchEntries } from '../../src/run-view/serving-batches.ts'
import { applyBatch } from '../../src/run-view/timeline.ts'
import { BatchDeltaEncoder, KEYFRAME_EVERY, PERMUTE_FROM, type BatchDeltaColumns } from '../../src/worker/batch-delta.ts'
import { BatchRecorder } from '../../src/worker/recorder.ts'
import { servingScenarioArb } from '../helpers/serving-arbitraries.ts'
import { servingTimeline, squeeze, streamServing } from '../helpers/serving.ts'

/** A recorder that also keeps every batch as the engine gave it (copied: the arrays are reused). */
class TeeRecorder extends BatchRecorder {
  readonly raw: BatchEntries[] = []
  override iterationBatch(replica: number, requests: ArrayLike<number>, tokens: ArrayLike<number>, kinds: ArrayLike<number>, usedBlocks: number, computed: ArrayLike<number>): void {
    this.raw.push({ requests: Array.from(requests), tokens: Array.from(tokens), kinds: Array.from(kinds), computed: Array.from(computed) })
    super.iterationBatch(replica, requests, tokens, kinds, usedBlocks, computed)
  }
}

/** Runs the scenario as the worker records it, flushing every `every` events, into a page timeline. */
function record(scenario: Scenario, policy: string, every: number) {
  const prepared = prepareServing(scenario)
  const recorder = new TeeRecorder(prepared.tasks.length + prepared.replicas.length)
  const tl = servingTimeline(prepared)
  streamServing(prepared, scenario, policy, every, (b) => applyBatch(tl, b), recorder)
  return { tl, raw: recorder.raw }
}

const columns = (): BatchDeltaColumns => ({ iterations: new GrowableInt32(), removed: new GrowableInt32(), entries: new GrowableInt32(), entryTokens: new GrowableFloat64(), entryComputed: new GrowableFloat64() })
const values = (g: GrowableInt32 | GrowableFloat64) => Array.from(g.toArray())

describe('batches streamed as deltas from the replica’s previous iteration', () => {
  it('sends only what a decode step does not predict', () => {
    const out = columns()
    const enc = new BatchDeltaEncoder()
    // Iteration 0 (segment 0): A (7) and B (8) prefill 16 tokens each; sent whole.
    enc.encode(out, 0, 0, 2, [7, 8], [16, 16], [PREFILL, PREFILL], [0, 0])
    // Iteration 1 (segment 1): B left (preempted); A decodes one token after 16: predicted, nothing sent.
    enc.encode(out, 0, 1, 2, [7], [1], [DECODE], [16])
    // Iteration 2 (segment 2): A decodes again (predicted, 17), C (9) is admitted with a chunk of 8.
    enc.encode(out, 0, 2, 3, [7, 9], [1, 8], [DECODE, PREFILL], [17, 0])
    // Iteration 3 (segment 3): the policy puts C before A: the kept entries are reordered, so whole.
    enc.encode(out, 0, 3, 3, [9, 7], [1, 1], [DECODE, DECODE], [8, 18])
    expect(values(out.iterations)).toEqual([2, 2, -1, 0, 2, 2, 1, 0, 1, 0, 3, 2, 1, 0, 1, 3, 2, -1, 0, 2])
    expect(values(out.removed)).toEqual([1])
    expect(values(out.entries)).toEqual([0, 7, PREFILL, 1, 8, PREFILL, 1, 9, PREFILL, 0, 9, DECODE, 1, 7, DECODE])
    expect(values(out.entryTokens)).toEqual([16, 16, 8, 1, 1])
    expect(values(out.entryComputed)).toEqual([0, 0, 0, 8, 18])
  })

  it('sends a recompute and a changed chunk as explicit entries over the kept ones', () => {
    const out = columns()
    const enc = new BatchDeltaEncoder()
    enc.encode(out, 0, 0, 1, [3, 4], [10, 1], [PREFILL, DECODE], [0, 40])
    // 3's prompt goes on with a chunk of 10 after 10 (not a decode); 4 decodes after 41 (predicted).
    enc.encode(out, 0, 1, 1, [3, 4], [10, 1], [PREFILL, DECODE], [10, 41])
    // 3 recomputes (after a preemption elsewhere the engine would not keep it; here only the shape counts).
    enc.encode(out, 0, 2, 1, [3, 4], [5, 1], [RECOMPUTE, DECODE], [0, 42])
    // 4 decodes after 50, not after the 43 it would have reached: sent (the engine never does this; the reader must not guess).
    enc.encode(out, 0, 3, 1, [3, 4], [5, 1], [RECOMPUTE, DECODE], [5, 50])
    expect(values(out.iterations)).toEqual([1, 2, -1, 0, 2, 1, 2, 0, 0, 1, 1, 2, 1, 0, 1, 1, 2, 2, 0, 2])
    expect(values(out.entries)).toEqual([0, 3, PREFILL, 1, 4, DECODE, 0, 3, PREFILL, 0, 3, RECOMPUTE, 0, 3, RECOMPUTE, 1, 4, DECODE])
    expect(values(out.entryComputed)).toEqual([0, 40, 10, 0, 5, 50])
  })

  it('sends a replica’s batch whole every KEYFRAME_EVERY iterations', () => {
    const out = columns()
    const enc = new BatchDeltaEncoder()
    for (let i = 0; i <= 2 * KEYFRAME_EVERY; i++) enc.encode(out, 0, i, 1, [0], [1], [DECODE], [100 + i])
    const bases = values(out.iterations).filter((_, k) => k % 5 === 2)
    const whole = bases.flatMap((b, i) => (b === -1 ? [i] : []))
    expect(whole).toEqual([0, KEYFRAME_EVERY, 2 * KEYFRAME_EVERY])
  })

  it('reads back every iteration’s batch exactly as the engine ran it (the squeeze, by hand)', () => {
    const { tl, raw } = record(squeeze(0.0001), 'FIFO', 1)
    expect(raw.length).toBeGreaterThan(3)
    raw.forEach((b, s) => expect(batchEntries(tl.serving, s)).toEqual(b))
  })

  it('reads back every iteration’s batch exactly, over random runs, policies and flushes', () => {
    fc.assert(
      fc.property(servingScenarioArb, fc.constantFrom('FIFO', 'WeightedFIFO', 'SRPT', 'WSRPT'), fc.constantFrom(1, 3, 50, Infinity), (scenario, policy, every) => {
        const { tl, raw } = record(scenario, policy, every)
        expect(tl.serving.entryCount.length).toBe(raw.length)
        raw.forEach((b, s) => expect(batchEntries(tl.serving, s)).toEqual(b))
        // No read-back replays more than KEYFRAME_EVERY iterations.
        for (let s = 0; s < raw.length; s++) {
          let chain = 0
          for (let at = s; at >= 0; at = tl.serving.base.data[at]!) chain += 1
          expect(chain).toBeLessThanOrEqual(KEYFRAME_EVERY)
        }
      }),
      { numRuns: 60 },
    )
  })

  it('sends a batch whose kept entries were reordered as their new positions, from PERMUTE_FROM kept', () => {
    const out = { ...columns(), reordered: new GrowableInt32(), order: new GrowableInt32() }
    const enc = new BatchDeltaEncoder()
    expect(PERMUTE_FROM).toBe(3)
    // Iteration 0: A (1), B (2), C (3) prefill 4 tokens each; sent whole.
    enc.encode(out, 0, 0, 3, [1, 2, 3], [4, 4, 4], [PREFILL, PREFILL, PREFILL], [0, 0, 0])
    // Iteration 1: the policy ranks C, A, B, each decoding one token after its 4: all predicted,
    // so only where A, B and C (the base's order) went: positions 1, 2, 0.
    enc.encode(out, 0, 1, 3, [3, 1, 2], [1, 1, 1], [DECODE, DECODE, DECODE], [4, 4, 4])
    // Iteration 2: B left, D (4) comes first with a 4-token prefill, then A, C: two kept entries, reordered: whole.
    enc.encode(out, 0, 2, 4, [4, 1, 3], [4, 1, 1], [PREFILL, DECODE, DECODE], [0, 5, 5])
    expect(values(out.iterations)).toEqual([3, 3, -1, 0, 3, 3, 3, 0, 0, 0, 4, 3, -1, 0, 3])
    expect(values(out.reordered)).toEqual([1])
    expect(values(out.order)).toEqual([1, 2, 0])
    expect(values(out.removed)).toEqual([])
    expect(values(out.entries)).toEqual([0, 1, PREFILL, 1, 2, PREFILL, 2, 3, PREFILL, 0, 4, PREFILL, 1, 1, DECODE, 2, 3, DECODE])
  })

  it('reads back reordered batches exactly (WSRPT over random runs, where they occur)', () => {
    let permuted = 0
    for (const scenario of fc.sample(servingScenarioArb, { numRuns: 40, seed: 15 })) {
      for (const every of [1, Infinity]) {
        const { tl, raw } = record(scenario, 'WSRPT', every)
        raw.forEach((b, s) => expect(batchEntries(tl.serving, s)).toEqual(b))
        for (let s = 0; s < raw.length; s++) if (tl.serving.orderOffset.data[s]! >= 0) permuted += 1
      }
    }
    // The runs above do reorder (the count is what these 40 seeded scenarios give).
    expect(permuted).toBeGreaterThan(0)
  })
})
