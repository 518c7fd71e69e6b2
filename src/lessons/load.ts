import { generateWorkload } from '../engine/workloads/generator.ts'
import type { Lesson, LessonView } from './lesson.ts'
import { lessonScenario } from './kit.ts'
import { cachedRun, num, type LessonRun } from './lesson-run.ts'

/** Tasks per generated workload, and the generator's seed (same seed: same tasks everywhere). */
const COUNT = 100
const SEED = 1
/** Every task is a 1 s prefill (1000 tokens of Llama3-8B on one GPU), so utilization ρ = λ × 1 s. */
const WORK_S = 1
const LOADS = [0.5, 0.7, 0.9] as const

/** A seeded Poisson workload on one GPU at utilization `rho`: arrivals at rate ρ / (1 s). */
const scenario = (rho: number) => () =>
  lessonScenario(
    `poisson-${Math.round(rho * 100)}`,
    'h100:1',
    generateWorkload({
      count: COUNT,
      seed: SEED,
      arrivals: { kind: 'poisson', ratePerS: rho / WORK_S },
      prefillTokens: { kind: 'fixed', value: WORK_S * 1000 },
      decodeTokens: { kind: 'fixed', value: 0 },
      prefillShare: 1,
      weights: [{ value: 1, share: 1 }],
      models: [{ value: 'Llama3-8B', share: 1 }],
    }).map((t) => ({ ...t, tp: 1 })),
  )
const label = (rho: number) => `poisson-${Math.round(rho * 100)}`
const view = (rho: number, more: Partial<LessonView> = {}): LessonView => ({ label: label(rho), scenario: scenario(rho), algorithms: ['FIFO', 'SRPT'], focus: 'FIFO', atS: 0, ...more })
const runAt = (rho: number) => cachedRun(label(rho), scenario(rho), ['FIFO', 'SRPT'])
const meanFlow = (run: LessonRun) => run.result('FIFO').metrics.average_waiting_time

/** M/D/1 (Pollaczek–Khinchine, fixed service S): W = S + ρ S / (2 (1 − ρ)), for an endless run. */
export const md1Flow = (rho: number, serviceS = WORK_S) => serviceS + (rho * serviceS) / (2 * (1 - rho))

/** The measured growth factor of FIFO's mean flow from the lightest load to the heaviest, as a bucket. */
export function growthBucket(factor: number): string {
  return factor < 1.5 ? 'less than 1.5×' : factor <= 3 ? '1.5× to 3×' : 'more than 3×'
}
const growth = () => meanFlow(runAt(LOADS[2])) / meanFlow(runAt(LOADS[0]))

/** Load vs latency: mean flow grows slowly, then explodes as utilization nears 1. */
export const load: Lesson = {
  id: 'load',
  title: 'Load vs latency',
  summary: 'Seeded Poisson arrivals at rising utilization: waiting explodes near 100 %.',
  pages: [
    {
      title: 'Half busy',
      formula: 'utilization ρ = arrival rate λ × work per task S',
      view: view(LOADS[0], { hideResults: false }),
      text: (run) =>
        `${run.scenario.tasks.length} tasks of ${num(run.work('FIFO', run.scenario.tasks[0]!.id))} s each arrive at random (a Poisson process, seed ${SEED}) ` +
        `at λ = ${num(LOADS[0] / WORK_S)} per second on one GPU: ρ = ${num(LOADS[0])}. The GPU is idle half the time, yet tasks sometimes queue: ` +
        `arrivals bunch up. FIFO's mean flow: ${num(meanFlow(run))} s for ${num(WORK_S)} s of work.`,
    },
    {
      title: 'Busier',
      formula: 'M/D/1: W = S + ρ S / (2 (1 − ρ))',
      view: view(LOADS[1]),
      text: () =>
        `The same seed at λ = ${num(LOADS[1] / WORK_S)} per second (ρ = ${num(LOADS[1])}): the gaps between arrivals shrink by ` +
        `${num(LOADS[1] / LOADS[0], 2)}×. Queueing theory (M/D/1) predicts ${num(md1Flow(LOADS[1]))} s of mean flow for an endless run.`,
      after: (run) => `Measured here: ${num(meanFlow(run))} s.`,
      gate: {
        kind: 'choice',
        question: `At ρ = ${LOADS[2]}, how many times FIFO's mean flow at ρ = ${LOADS[0]} will it be?`,
        options: () => ['less than 1.5×', '1.5× to 3×', 'more than 3×'],
        answer: () => growthBucket(growth()),
        explain: {
          why: () =>
            `Measured on these seeded runs: ${num(meanFlow(runAt(LOADS[0])))} s at ρ = ${LOADS[0]}, ${num(meanFlow(runAt(LOADS[1])))} s at ${LOADS[1]}, ` +
            `${num(meanFlow(runAt(LOADS[2])))} s at ${LOADS[2]}: ${num(growth(), 2)}×. The 1 / (1 − ρ) term: M/D/1 predicts ${num(md1Flow(LOADS[0]))}, ${num(md1Flow(LOADS[1]))}, ${num(md1Flow(LOADS[2]))} s.`,
        },
      },
    },
    {
      title: 'Near saturation',
      formula: 'W grows like 1 / (1 − ρ): from 0.9 to 0.99, ten times the waiting',
      view: view(LOADS[2], { hideResults: false }),
      text: (run) =>
        `At ρ = ${num(LOADS[2])} FIFO's mean flow is ${num(meanFlow(run))} s (M/D/1: ${num(md1Flow(LOADS[2]))} s), SRPT's ${num(run.result('SRPT').metrics.average_waiting_time)} s ` +
        `(here every task has the same work, so SRPT can only follow queue order). A few random bursts dominate: change the seed in the generator and the ` +
        `numbers move, the shape does not. Provision for latency, not just for throughput.`,
    },
  ],
}
