import type { SimulationListener } from '../../src/engine/segments.ts'
import { RUNNING } from '../../src/engine/segments.ts'
import { prepareScenario } from '../../src/engine/sim-task.ts'
import { createSimulation } from '../../src/engine/simulation.ts'
import type { Scenario } from '../../src/engine/types.ts'
import { applyBatch, createTimeline, type Timeline } from '../../src/run-view/timeline.ts'
import { BatchRecorder } from '../../src/worker/recorder.ts'

/** A segment as the loop reported it: kind, task, GPUs and times. */
export interface SeenSegment {
  readonly kind: string
  readonly item: number
  readonly gpus: number[]
  readonly t0: number
  t1: number
  readonly stepOpen: number
  stepClose: number
}

/** A listener that keeps every segment the loop opens and closes, in open order. */
export function segmentCollector(): SimulationListener & { readonly segments: SeenSegment[]; runsOf(item: number): [number, number][] } {
  const segments: SeenSegment[] = []
  const open = new Map<string, SeenSegment>()
  return {
    segments,
    open(item, kind, step, timeS, resources) {
      const s: SeenSegment = { kind, item, gpus: Array.from(resources), t0: timeS, t1: NaN, stepOpen: step, stepClose: -1 }
      segments.push(s)
      open.set(`${kind}:${item}`, s)
    },
    close(item, kind, step, timeS) {
      const s = open.get(`${kind}:${item}`)
      if (s === undefined) throw new Error(`close of ${kind} ${item} that is not open`)
      s.t1 = timeS
      s.stepClose = step
      open.delete(`${kind}:${item}`)
    },
    decided() {},
    runsOf(item) {
      return segments.filter((s) => s.kind === RUNNING && s.item === item).map((s) => [s.t0, s.t1])
    },
  }
}

/** One algorithm's run of a scenario as the page holds it: a finished timeline. */
export function timelineOf(scenario: Scenario, algorithm: string): Timeline {
  const prepared = prepareScenario(scenario)
  const recorder = new BatchRecorder(prepared.tasks.length)
  createSimulation(prepared, algorithm, { listener: recorder }).run()
  const tl = createTimeline(prepared.tasks.length, prepared.cluster.gpus.length)
  applyBatch(tl, recorder.flush(Number.MAX_SAFE_INTEGER, true))
  return tl
}
