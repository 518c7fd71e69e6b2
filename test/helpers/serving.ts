import { prepareServing, type PreparedServing } from '../../src/engine/serving/prepare.ts'
import { policies } from '../../src/engine/policies/registry.ts'
import { servingResult } from '../../src/engine/serving/run.ts'
import { createSegmentWriter } from '../../src/engine/serving/segment-writer.ts'
import { createServingSimulation } from '../../src/engine/serving/simulation.ts'
import type { ServingModel } from '../../src/engine/serving/types.ts'
import type { Scenario } from '../../src/engine/types.ts'
import type { ServingRunInfo } from '../../src/run-view/serving.ts'
import type { KvUse } from '../../src/run-view/serving-kv.ts'
import { applyBatch, createTimeline, type Timeline } from '../../src/run-view/timeline.ts'
import { BatchRecorder, type SegmentBatch } from '../../src/worker/recorder.ts'
import { servingScenario } from '../engine/serving/helpers.ts'
import { parseClusterName } from '../../src/engine/catalog/clusters.ts'
import { generateRequests } from '../../src/engine/serving/generate.ts'

/** What the worker sends the page of a prepared serving run (worker/serving-run.ts). */
export function runInfo(p: PreparedServing): ServingRunInfo {
  return {
    models: p.models,
    blockSize: p.config.blockSize,
    replicas: p.replicas.map((r) => ({ model: p.modelIndex.get(r.model)!, tp: r.tp, gpus: r.gpus, blocks: r.blocks })),
    requestModel: p.requestModel,
    order: p.order,
    inputTokens: p.inputTokens,
    outputTokens: p.outputTokens,
    weight: p.weight,
    arrivalS: p.arrivalS,
  }
}

/**
 * Runs a prepared serving scenario as the worker records it into `recorder`, handing over a
 * batch after every `everyEvents` event times (Infinity: none) and one at the end.
 */
export function streamServing(
  prepared: PreparedServing,
  scenario: Scenario,
  policy: string,
  everyEvents: number,
  onBatch: (b: SegmentBatch) => void,
  recorder = new BatchRecorder(prepared.tasks.length + prepared.replicas.length),
): ReturnType<typeof createServingSimulation> {
  const writer = createSegmentWriter(prepared, scenario.dtS, recorder)
  const sim = createServingSimulation(prepared, policies.get(policy), writer)
  let events = 0
  while (sim.advance()) if (++events % everyEvents === 0) onBatch(recorder.flush(0, false))
  writer.finish()
  onBatch(recorder.flush(Number.MAX_SAFE_INTEGER, true))
  return sim
}

/** A page timeline for a prepared serving run's requests and GPUs. */
export const servingTimeline = (prepared: PreparedServing): Timeline => createTimeline(prepared.tasks.length, prepared.cluster.gpus.length)

/**
 * Runs a serving scenario as the worker records it, flushing into a page timeline after every
 * `everyEvents` event times (Infinity: once at the end).
 */
export function recordServing(scenario: Scenario, policy: string, everyEvents = Infinity) {
  const prepared = prepareServing(scenario)
  const tl = servingTimeline(prepared)
  const sim = streamServing(prepared, scenario, policy, everyEvents, (b) => applyBatch(tl, b))
  return { prepared, info: runInfo(prepared), tl, result: servingResult(sim, policy) }
}

/** One layer, one KV head of 128: 512 B of KV per token, 8 KiB per 16-token block; weights leave 3.5 blocks on an H100. */
export const tiny: ServingModel = { name: 'Tiny', layers: 1, hidden: 1024, heads: 8, kvHeads: 1, headDim: 128, activeParamsB: 0.1, weightsGB: (72e9 - 3.5 * 8192) / 1e9 }

/**
 * A and B (16 in, 17 out) fill 2 of the 3 blocks with their prefills; at A's first decode B
 * needs a second block too and is preempted; C (8 in, 3 out) arrives at 1 ms and waits; X asks
 * for a model nobody serves. One H100, mfu 0.5, mbu 0.8, 2 ms a step.
 */
export function squeeze(dtS: number): Scenario {
  const knobs = { mfu: 0.5, mbu: 0.8, iterationOverheadS: 0.002, blockSize: 16, deployments: [{ model: 'Tiny', tp: 1, replicas: 1 }] }
  const requests = [
    { id: 'A', inputTokens: 16, outputTokens: 17 },
    { id: 'B', inputTokens: 16, outputTokens: 17 },
    { id: 'C', inputTokens: 8, outputTokens: 3, arrivalS: 0.001 },
    { id: 'X', model: 'Nope', inputTokens: 1, outputTokens: 1, arrivalS: 0.002 },
  ]
  return { ...servingScenario(requests, knobs, [tiny]), name: 'squeeze', dtS }
}

// The squeeze's steps are memory-bound: the weights (72 GB less 3.5 blocks) and the batch's KV
// read at 80 % of 3,350 GB/s, plus 2 ms. `ctx` is Σ (c + s) over the batch.
const squeezeStepS = (ctx: number) => (72e9 - 3.5 * 8192 + 512 * ctx) / (3350e9 * 0.8) + 0.002
/** Its first iteration: A and B's prefills, 2 × 16 tokens. */
export const squeezeFirstS = squeezeStepS(32)
/** Its second: A's first decode alone, 16 cached + 1. */
export const squeezeSecondS = squeezeStepS(17)

/**
 * Runs a serving scenario as the worker streams it, flushing after every `everyEvents` event
 * times and at the end. After each batch `check` gets the page's timeline extended batch by
 * batch and one fed the same batches from scratch: an index extended as a run streams in must
 * read as the fresh one does.
 */
export function eachStreamedBatch(
  scenario: Scenario,
  policy: string,
  everyEvents: number,
  check: (streamed: Timeline, fresh: Timeline, prepared: PreparedServing) => void,
): void {
  const prepared = prepareServing(scenario)
  const streamed = servingTimeline(prepared)
  const batches: SegmentBatch[] = []
  streamServing(prepared, scenario, policy, everyEvents, (b) => {
    batches.push(b)
    applyBatch(streamed, b)
    const fresh = servingTimeline(prepared)
    for (const x of batches) applyBatch(fresh, x)
    check(streamed, fresh, prepared)
  })
}

/** `count` seeded Llama3-8B requests (median 60 in, 20 out) arriving at `ratePerS` on two H100s, with the default deployments. */
export function generatedServing(seed: number, count: number, ratePerS: number): Scenario {
  return {
    name: 'generated',
    cluster: parseClusterName('h100:2'),
    dtS: 0.01,
    maxTimeS: Infinity,
    mode: 'serving',
    backfill: true,
    tasks: generateRequests({ seed, count, ratePerS, model: 'Llama3-8B', medianInputTokens: 60, medianOutputTokens: 20, sigma: 0.8 }),
  }
}

/** A replica's KV use as rows: each of its iterations' start, end and blocks used, in order. */
export function kvRows(use: KvUse): { t0: number[]; t1: number[]; used: number[] } {
  const at = <T extends Float64Array | Int32Array>(col: T) => Array.from(use.positions, (s) => col[s]!)
  return { t0: at(use.t0), t1: at(use.t1), used: at(use.used) }
}
