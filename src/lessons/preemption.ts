import type { Lesson, LessonView } from './lesson.ts'
import { job, lessonScenario } from './kit.ts'
import { num, type LessonRun } from './lesson-run.ts'

/** A (0 s, 8 s of work), B (1 s, 1 s), C (2 s, 1 s) on one GPU; `preemptive` as README "Preemption". */
const scenario = (preemptive: boolean) => () =>
  lessonScenario(preemptive ? 'preemption' : 'preemption-off', 'h100:1', [job('A', 8, 1), job('B', 1, 1, { arrivalS: 1 }), job('C', 1, 1, { arrivalS: 2 })], preemptive ? { preemptive: true } : {})
const view = (preemptive: boolean, focus: string, atS: number, more: Partial<LessonView> = {}): LessonView => ({
  label: preemptive ? 'preemption' : 'preemption-off',
  scenario: scenario(preemptive),
  algorithms: ['FIFO', 'SRPT'],
  focus,
  atS,
  ...more,
})
const mean = (run: LessonRun, a: string) => num(run.result(a).metrics.average_waiting_time)

/** SRPT is optimal for mean flow on one machine only when it may preempt. */
export const preemption: Lesson = {
  id: 'preemption',
  title: 'Preemptive SRPT',
  summary: 'Shortest remaining time first is optimal on one GPU, if it may stop a running task.',
  pages: [
    {
      title: 'Too late to be short',
      formula: 'non-preemptive: a started task runs to its end',
      view: view(false, 'SRPT', 1.5, { highlight: ['A'], hideResults: false }),
      text: (run) =>
        `A (${num(run.work('SRPT', 'A'))} s) starts alone at t = 0. B and C, ${num(run.work('SRPT', 'B'))} s each, arrive at ` +
        `${num(run.scenario.tasks[run.index('B')]!.arrivalS)} s and ${num(run.scenario.tasks[run.index('C')]!.arrivalS)} s. Without preemption SRPT can only ` +
        `choose among waiting tasks: its mean flow is ${mean(run, 'SRPT')} s, FIFO's ${mean(run, 'FIFO')} s.`,
    },
    {
      title: 'Preempt the long task',
      formula: 'preemptive SRPT: rank by remaining work pᵢ − done; a shorter arrival stops the running task',
      view: view(true, 'SRPT', 1.5, { highlight: ['A', 'B', 'C'] }),
      text: (run) =>
        `Switch preemption on: when B arrives, A still has ${num(run.work('FIFO', 'A') - run.scenario.tasks[run.index('B')]!.arrivalS)} of its ${num(run.work('FIFO', 'A'))} s to go, ` +
        `so B ranks ahead and takes the GPU; A resumes later with the work it has left.`,
      gate: {
        kind: 'number',
        question: 'What is preemptive SRPT’s mean flow time (seconds)?',
        tolerance: 0.05,
        unit: 's',
        answer: (run) => run.result('SRPT').metrics.average_waiting_time,
        explain: {
          metric: { id: 'meanFlow', algorithm: 'SRPT' },
          why: (run) =>
            `B and C each wait no time: flows ${num(run.flow('SRPT', 'B'))} and ${num(run.flow('SRPT', 'C'))} s; A completes at ${num(run.task('SRPT', 'A').completionS!)} s. ` +
            `FIFO: ${mean(run, 'FIFO')} s. Shortest remaining processing time first minimises Σ F on one machine (Schrage, 1968).`,
        },
      },
    },
  ],
}
