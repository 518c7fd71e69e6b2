import type { Lesson, LessonView } from './lesson.ts'
import { job, lessonScenario } from './kit.ts'
import { cachedRun, num, type LessonRun } from './lesson-run.ts'

/**
 * One node of 8 GPUs: A (TP 4) runs, B (TP 8) needs the whole node, C and D (TP 2) are small.
 * `longC` makes C run past A's end, so backfilling it delays B.
 */
const scenario = (backfill: boolean, longC: boolean) => () =>
  lessonScenario(
    `hol-${backfill ? 'backfill' : 'strict'}${longC ? '-long' : ''}`,
    'h100_8gpu',
    [job('A', 4, 1, { tp: 4 }), job('B', 1, 1, { tp: 8 }), job('C', longC ? 6 : 1, 1, { tp: 2 }), job('D', 1, 1, { tp: 2 })],
    { backfill },
  )
const view = (backfill: boolean, longC: boolean, atS: number, more: Partial<LessonView> = {}): LessonView => ({
  label: `hol-${backfill ? 'backfill' : 'strict'}${longC ? '-long' : ''}`,
  scenario: scenario(backfill, longC),
  algorithms: ['FIFO'],
  focus: 'FIFO',
  atS,
  ...more,
})
const other = (backfill: boolean, longC: boolean) => cachedRun(`hol-${backfill}-${longC}`, scenario(backfill, longC), ['FIFO'])
const start = (run: LessonRun, id: string) => num(run.task('FIFO', id).startS!)
const mean = (run: LessonRun) => num(run.result('FIFO').metrics.average_waiting_time)

/** Head-of-line blocking: a big TP group at the head of a strict queue holds back small ones. */
export const holBlocking: Lesson = {
  id: 'hol-blocking',
  title: 'Head-of-line blocking: strict vs backfill',
  summary: 'A TP-8 task at the head of the line idles GPUs that small groups could use.',
  pages: [
    {
      title: 'Strict order',
      formula: 'strict: start the head of the queue if its TP group fits, else stop',
      view: view(false, false, 0.5, { highlight: ['B'] }),
      text: (run) =>
        `One node of ${run.result('FIFO').gpuCount} GPUs. A holds ${run.task('FIFO', 'A').tp} of them from t = 0; B, next in line, needs ` +
        `${run.task('FIFO', 'B').tp} GPUs in one node. In strict order nothing may pass B, so C and D (TP ${run.task('FIFO', 'C').tp}) wait ` +
        `while ${run.result('FIFO').gpuCount - run.task('FIFO', 'A').tp} GPUs stay idle.`,
      gate: {
        kind: 'number',
        question: 'In strict order, when does C start (seconds)?',
        tolerance: 0.01,
        unit: 's',
        answer: (run) => run.task('FIFO', 'C').startS!,
        explain: {
          metric: { id: 'meanFlow', algorithm: 'FIFO' },
          why: (run) => `B can start only when A frees the node at ${start(run, 'B')} s; C follows B at ${start(run, 'C')} s. Mean flow ${mean(run)} s.`,
        },
      },
    },
    {
      title: 'Backfill',
      formula: 'backfill: follow the order, but start any later task that fits now',
      view: view(true, false, 0.5, { highlight: ['C', 'D'] }),
      text: () => `Same tasks with backfill: the scheduler follows FIFO's order but starts any later task whose group fits now.`,
      after: (run) =>
        `With backfill, C and D start at ${start(run, 'C')} s on the idle GPUs. B still starts at ${start(run, 'B')} s, as in strict order: ` +
        `mean flow falls from ${mean(other(false, false))} s to ${mean(run)} s.`,
      gate: {
        kind: 'choice',
        question: 'Does backfilling C and D delay B here?',
        options: () => ['yes', 'no'],
        answer: (run) => (run.task('FIFO', 'B').startS! > other(false, false).task('FIFO', 'B').startS! ? 'yes' : 'no'),
        explain: {
          metric: { id: 'meanFlow', algorithm: 'FIFO' },
          why: (run) => `C and D complete at ${num(run.task('FIFO', 'C').completionS!)} s, before A frees its GPUs at ${num(run.task('FIFO', 'A').completionS!)} s.`,
        },
      },
    },
    {
      title: 'When backfill hurts the big task',
      formula: 'a backfilled task that outlives the head’s wait delays the head',
      view: view(true, true, 4.5, { highlight: ['B', 'C'], hideResults: false }),
      text: (run) =>
        `Make C ${num(run.work('FIFO', 'C'))} s long. Backfilled at ${start(run, 'C')} s, it still holds ${run.task('FIFO', 'C').tp} GPUs when A ends at ` +
        `${num(run.task('FIFO', 'A').completionS!)} s, so B (TP ${run.task('FIFO', 'B').tp}) waits until ${start(run, 'B')} s instead of ` +
        `${start(other(false, true), 'B')} s in strict order. Schedulers such as EASY backfill only start a task that ends before the head's reserved start.`,
    },
  ],
}
