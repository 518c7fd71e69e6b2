import { discriminatingWorkload } from '../engine/workloads/presets.ts'
import { presetCluster } from '../engine/catalog/clusters.ts'
import type { Mode, Scenario } from '../engine/types.ts'
import type { Lesson, LessonView } from './lesson.ts'
import { cachedRun, num, pct, type LessonRun } from './lesson-run.ts'

/** The reference's discriminating workload on h100_16gpu, dt 0.01, max time 5 (its published setup). */
const scenario = (mode: Mode) => (): Scenario => ({
  name: 'discriminating',
  cluster: presetCluster('h100_16gpu')!,
  dtS: 0.01,
  maxTimeS: 5,
  mode,
  backfill: true,
  tasks: discriminatingWorkload(),
})
const ALGOS = ['FIFO', 'WeightedFIFO'] as const
const view = (mode: Mode, focus: string, atS: number, more: Partial<LessonView> = {}): LessonView => ({
  label: mode === 'exact' ? 'discriminating' : 'discriminating (reference)',
  scenario: scenario(mode),
  algorithms: ALGOS,
  focus,
  atS,
  ...more,
})
const runOf = (mode: Mode) => cachedRun(`discriminating-${mode}`, scenario(mode), ALGOS)

/** (FIFO's Σ w·F − WeightedFIFO's) / FIFO's, from a run. */
export function cut(run: LessonRun): number {
  const fifo = run.result('FIFO').metrics.weighted_waiting_time
  return (fifo - run.result('WeightedFIFO').metrics.weighted_waiting_time) / fifo
}
const w = (run: LessonRun, a: string) => num(run.result(a).metrics.weighted_waiting_time)

/** The seed experiment: why WeightedFIFO cuts weighted flow by 67.9 % (reference) and 69.6 % (exact). */
export const seedExperiment: Lesson = {
  id: 'seed-experiment',
  title: "The seed's own experiment",
  summary: 'discriminating: why WeightedFIFO cuts weighted flow by about 68–70 % against FIFO.',
  pages: [
    {
      title: 'Eight long, twelve heavy',
      formula: 'improvement = (Σ w·F of FIFO − Σ w·F of WeightedFIFO) / Σ w·F of FIFO',
      view: view('exact', 'FIFO', 0.5),
      text: (run) => {
        const t = run.scenario.tasks
        const low = t.filter((x) => x.weight === t[0]!.weight)
        const high = t.filter((x) => x.weight !== t[0]!.weight)
        return (
          `The research simulator's test: ${low.length} long tasks (${num(run.work('FIFO', low[0]!.id))} s, weight ${low[0]!.weight}) queued ahead of ` +
          `${high.length} short ones (${num(run.work('FIFO', high[0]!.id))} s, weight ${high[0]!.weight}), all at t = 0, TP ${run.task('FIFO', t[0]!.id).tp} on ` +
          `${run.result('FIFO').gpuCount} GPUs. FIFO starts the long ones first; the heavy ones wait ${num(run.task('FIFO', high[0]!.id).startS!)} s or more.`
        )
      },
      gate: {
        kind: 'number',
        question: 'By how many percent does WeightedFIFO cut FIFO’s Σ w·F (exact mode)?',
        tolerance: 1,
        unit: '%',
        answer: (run) => cut(run) * 100,
        explain: {
          metric: { id: 'weightedFlow', algorithm: 'FIFO' },
          why: (run) => `(${w(run, 'FIFO')} − ${w(run, 'WeightedFIFO')}) / ${w(run, 'FIFO')} = ${pct(cut(run))}.`,
        },
      },
    },
    {
      title: 'Heavy first',
      formula: 'Σ w·F = Σ groups count × weight × flow',
      view: view('exact', 'WeightedFIFO', 1, { hideResults: false }),
      text: (run) =>
        `WeightedFIFO runs the ${run.scenario.tasks.filter((x) => x.weight > 1).length} heavy tasks first, in two waves. Σ w·F falls from ${w(run, 'FIFO')} to ` +
        `${w(run, 'WeightedFIFO')}: ${pct(cut(run))} less. Click a Σ w·F cell in the Results table to see its terms.`,
    },
    {
      title: 'The reference’s accounting',
      formula: 'reference: slots = ⌊free / 2⌋ − running; t += dt in floating point',
      view: view('reference', 'WeightedFIFO', 1, { hideResults: false }),
      text: (run) =>
        `The Python simulator counts each running task twice in its slot formula and sums t += dt in floating point, so tasks start a step or more later ` +
        `and fewer start together. Σ w·F: FIFO ${w(run, 'FIFO')}, WeightedFIFO ${w(run, 'WeightedFIFO')}: a cut of ${pct(cut(run))}, against ` +
        `${pct(cut(runOf('exact')))} in exact mode. Same idea, same ranking; the accounting moves the numbers, not the lesson.`,
    },
  ],
}
