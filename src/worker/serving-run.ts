import { policies, type PolicyLookup } from '../engine/policies/registry.ts'
import { REJECTED, SERVING_KINDS, WAITING } from '../engine/segments.ts'
import type { WaitingItem } from '../engine/policies/policy.ts'
import { prepareServing } from '../engine/serving/prepare.ts'
import { requestItem } from '../engine/serving/ranking.ts'
import { servingResult } from '../engine/serving/run.ts'
import { createSegmentWriter, stepAt } from '../engine/serving/segment-writer.ts'
import { createServingSimulation } from '../engine/serving/simulation.ts'
import type { ServingRunInfo } from '../run-view/serving.ts'
import type { WorkerCommand } from './protocol.ts'
import { BatchRecorder, BULK_KINDS } from './recorder.ts'
import type { SpareBuffers } from './packed-arrays.ts'
import { pageTimelines, preparedHead, type StartedRun, type Stepper } from './stepper.ts'

/** A waiting request as the run's policy sees it at `nowS`, having kept `generated` tokens (g); undefined if no replica serves it. */
export type RequestItemAt = (request: number, nowS: number, generated: number) => WaitingItem | undefined

/**
 * A serving run: the prepared run for the page (with the serving figures the views need), and
 * per algorithm a stepper over the event loop, its events written as segments (requests
 * 0..n−1, replica r as item n + r) and batches. dt only samples: the steps are the times' steps.
 * `spare`: buffers the page gave back, for the batches (packed-arrays.ts).
 */
export function startServingRun(cmd: Extract<WorkerCommand, { type: 'run' }>, lookup: PolicyLookup = policies, spare?: SpareBuffers): StartedRun & { readonly itemAt: RequestItemAt } {
  const { scenario } = cmd
  const prepared = prepareServing(scenario)
  const dtS = scenario.dtS
  const n = prepared.tasks.length
  const replicaCount = prepared.replicas.length
  const steppers = cmd.algorithms.map((algorithm): Stepper => {
    const recorder = new BatchRecorder(n + replicaCount, BULK_KINDS, spare)
    const writer = createSegmentWriter(prepared, dtS, recorder)
    const sim = createServingSimulation(prepared, lookup.get(algorithm), writer)
    let finished = false
    const step = () => (sim.done ? Number.MAX_SAFE_INTEGER : stepAt(dtS, sim.nextEventS))
    return {
      algorithm,
      get done() {
        return sim.done
      },
      get step() {
        return step()
      },
      get progress() {
        if (sim.done) return 1
        return Number.isFinite(scenario.maxTimeS) ? Math.min(1, sim.lastEventS / scenario.maxTimeS) : sim.arrivedCount / Math.max(1, n)
      },
      advanceTo(target) {
        while (!sim.done && step() < target) sim.advance()
      },
      flush() {
        if (sim.done && !finished) {
          writer.finish()
          finished = true
        }
        return recorder.flush(step(), sim.done)
      },
      result() {
        const r = servingResult(sim, algorithm)
        const horizon = Number.isFinite(scenario.maxTimeS) ? stepAt(dtS, scenario.maxTimeS) : Infinity
        // Like a job run: the horizon's step, or the step after the last event when it all ended before.
        const steps = r.endS >= scenario.maxTimeS ? horizon : Math.min(horizon, stepAt(dtS, r.endS) + 1)
        return { metrics: r.common, steps, serving: r.metrics }
      },
    }
  })
  const rejected = prepared.rejection.filter((r) => r !== null).length
  const expected = { [WAITING]: n - rejected, [REJECTED]: rejected, [SERVING_KINDS.prefill]: n - rejected, [SERVING_KINDS.decode]: n - rejected }
  const tp = Uint8Array.from(prepared.requestModel, (m) => (m >= 0 ? prepared.tpOfModel[m]! : 0))
  // What a policy reads as the work left at arrival: the output tokens (see WaitingItem).
  const remaining = prepared.outputTokens.slice()
  const ratioRemaining = prepared.outputTokens.slice()
  const serving: ServingRunInfo = {
    models: prepared.models,
    blockSize: prepared.config.blockSize,
    replicas: prepared.replicas.map((r) => ({ model: prepared.modelIndex.get(r.model)!, tp: r.tp, gpus: r.gpus, blocks: r.blocks })),
    requestModel: prepared.requestModel.slice(),
    order: prepared.order.slice(),
    inputTokens: prepared.inputTokens.slice(),
    outputTokens: prepared.outputTokens.slice(),
    weight: prepared.weight.slice(),
    arrivalS: prepared.arrivalS.slice(),
  }
  const arrays = [tp, remaining, ratioRemaining, serving.requestModel, serving.order, serving.inputTokens, serving.outputTokens, serving.weight, serving.arrivalS]
  const { columns, transfer } = pageTimelines(cmd.algorithms, n, expected, arrays)
  return {
    prepared: {
      ...preparedHead(cmd, n, prepared.cluster),
      tp,
      // Requests hold no GPUs: their replicas' iterations do.
      gpusNeeded: new Uint8Array(n),
      rejections: prepared.rejection,
      horizonStep: Number.isFinite(scenario.maxTimeS) ? stepAt(dtS, scenario.maxTimeS) : Infinity,
      rankOrders: {},
      keys: {},
      remaining,
      ratioRemaining,
      preemptive: false,
      columns,
      serving,
    },
    transfer,
    steppers,
    // The fields the loop's ranking reads (engine/serving/state.ts rankAt), for the page's questions.
    itemAt(r, nowS, generated) {
      const m = prepared.requestModel[r]
      if (m === undefined || m < 0) return undefined
      const fields = {
        order: prepared.order[r]!,
        arrival: prepared.arrivalS[r]!,
        weight: prepared.weight[r]!,
        inputTokens: prepared.inputTokens[r]!,
        outputTokens: prepared.outputTokens[r]!,
        generated,
        model: prepared.models[m]!,
        tp: prepared.tpOfModel[m]!,
      }
      return requestItem(fields, nowS)
    },
  }
}
