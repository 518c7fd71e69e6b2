import type { Lesson, LessonView } from './lesson.ts'
import { job, lessonScenario } from './kit.ts'
import { cachedRun, num, type LessonRun } from './lesson-run.ts'

/** A long task L with a short one at 0, then `shorts` short tasks arriving every second from 0.5 s. */
const scenario = (shorts: number) => () =>
  lessonScenario(`starvation-${shorts}`, 'h100:1', [
    job('S0', 1),
    job('L', 3),
    ...Array.from({ length: shorts }, (_, k) => job(`S${k + 1}`, 1, 1, { arrivalS: 0.5 + k })),
  ])
const view = (shorts: number, focus: string, atS: number, more: Partial<LessonView> = {}): LessonView => ({
  label: `starvation-${shorts}`,
  scenario: scenario(shorts),
  algorithms: ['FIFO', 'SRPT'],
  focus,
  atS,
  highlight: ['L'],
  ...more,
})

const shortCount = (run: LessonRun) => run.scenario.tasks.length - 2

/** Starvation: under SRPT a long task waits as long as shorter ones keep arriving. */
export const starvation: Lesson = {
  id: 'starvation',
  title: 'Starvation under SRPT',
  summary: 'A long task waits behind every short task that keeps arriving.',
  pages: [
    {
      title: 'Who goes next?',
      formula: 'SRPT starts the waiting task with the least remaining work',
      view: view(2, 'SRPT', 0.99),
      text: (run) =>
        `On one GPU, S0 (${num(run.work('SRPT', 'S0'))} s) runs first; L needs ${num(run.work('SRPT', 'L'))} s. ` +
        `S1 arrived at ${num(run.scenario.tasks[run.index('S1')]!.arrivalS)} s. The cursor is just before S0 completes.`,
      gate: {
        kind: 'next-task',
        question: 'When S0 completes, which task does SRPT start?',
        algorithm: 'SRPT',
        afterS: 0.99,
        explain: {
          why: (run) => `S1 has ${num(run.work('SRPT', 'S1'))} s of work left, L ${num(run.work('SRPT', 'L'))} s: the shorter one goes first, although L has waited longer.`,
        },
      },
    },
    {
      title: 'More short tasks, longer wait',
      formula: 'F(L) = (work of the tasks run before L) + p(L) − A(L)',
      view: view(5, 'SRPT', 0, { hideResults: true }),
      text: (run) =>
        `Now ${shortCount(run)} short tasks arrive, one every second. Each arrives before the one before it completes, so L is never the shortest waiting task.`,
      gate: {
        kind: 'number',
        question: 'What is L’s flow time under SRPT, in seconds?',
        tolerance: 0.05,
        unit: 's',
        answer: (run) => run.flow('SRPT', 'L'),
        explain: {
          metric: { id: 'meanFlow', algorithm: 'SRPT' },
          why: (run) =>
            `L starts at ${num(run.task('SRPT', 'L').startS!)} s, after every short task, and completes at ${num(run.task('SRPT', 'L').completionS!)} s. ` +
            `Under FIFO it would complete at ${num(run.task('FIFO', 'L').completionS!)} s.`,
        },
      },
    },
    {
      title: 'Good on average, bad at the tail',
      formula: 'mean flow = Σ F / n; worst flow = max F',
      view: view(5, 'SRPT', 9, { hideResults: false }),
      text: (run) =>
        `SRPT's mean flow is ${num(run.result('SRPT').metrics.average_waiting_time)} s against FIFO's ${num(run.result('FIFO').metrics.average_waiting_time)} s, ` +
        `but L's flow is ${num(run.flow('SRPT', 'L'))} s against ${num(run.flow('FIFO', 'L'))} s. ` +
        `With ${shortCount(scenarioRun(run, 2))} short tasks it was ${num(scenarioRun(run, 2).flow('SRPT', 'L'))} s: each short task that keeps arriving adds its work to L's wait. ` +
        `Ageing (raising a task's rank as it waits) bounds this wait.`,
    },
  ],
}

const scenarioRun = (_run: LessonRun, shorts: number) => cachedRun(`starvation-${shorts}`, scenario(shorts), ['FIFO', 'SRPT'])
