import type { Lesson, LessonView } from './lesson.ts'
import { job, lessonScenario } from './kit.ts'
import { lastToComplete, num, type LessonRun } from './lesson-run.ts'

const scenario = () => lessonScenario('convoy', 'h100:1', [job('Long', 6, 3), job('S1', 1, 1), job('S2', 3, 1), job('S3', 1, 2)])
const view = (focus: string, atS: number, more: Partial<LessonView> = {}): LessonView => ({ label: 'convoy', scenario, algorithms: ['FIFO', 'SRPT'], focus, atS, ...more })

const mean = (run: LessonRun, a: string) => num(run.result(a).metrics.average_waiting_time)

/** The convoy effect: one long task queued first makes every short one behind it wait. */
export const convoy: Lesson = {
  id: 'convoy',
  title: 'The convoy effect',
  summary: 'FIFO vs SRPT on one GPU: a long task first makes the short ones wait.',
  pages: [
    {
      title: 'A long task at the head of the line',
      formula: 'flow time F = completion C − arrival A; mean flow = Σ F / n',
      view: view('FIFO', 0, { highlight: ['Long'] }),
      text: (run) =>
        `Four tasks arrive together at t = 0 on one GPU. FIFO takes them in queue order, so Long runs first for ` +
        `${num(run.work('FIFO', 'Long'))} s while S1, S2 and S3 wait behind it, ` +
        `like cars behind a truck. S1 needs only ${num(run.work('FIFO', 'S1'))} s of GPU but completes at ` +
        `${num(run.task('FIFO', 'S1').completionS!)} s.`,
      gate: {
        kind: 'number',
        question: 'What is FIFO’s mean flow time, in seconds?',
        tolerance: 0.05,
        unit: 's',
        answer: (run) => run.result('FIFO').metrics.average_waiting_time,
        explain: {
          metric: { id: 'meanFlow', algorithm: 'FIFO' },
          why: (run) => `Every short task's flow includes Long's ${num(run.flow('FIFO', 'Long'))} s.`,
        },
      },
    },
    {
      title: 'Shortest first',
      formula: 'on one machine, shortest-first minimises Σ F: each task delays only the ones after it',
      view: view('SRPT', 0, { highlight: ['S1', 'S3'] }),
      text: () => `SRPT starts the shortest waiting task first. Same four tasks, same GPU.`,
      after: (run) =>
        `S1 and S3 (${num(run.work('SRPT', 'S1'))} s of work each) first, Long last. The mean flow drops from ` +
        `${mean(run, 'FIFO')} s under FIFO to ${mean(run, 'SRPT')} s, although the GPU does the same work and both end at ` +
        `${num(run.result('SRPT').metrics.makespan)} s. Long pays: its flow grows from ${num(run.flow('FIFO', 'Long'))} s to ${num(run.flow('SRPT', 'Long'))} s.`,
      gate: {
        kind: 'choice',
        question: 'Which task does SRPT run last?',
        options: (run) => run.scenario.tasks.map((t) => t.id),
        answer: (run) => lastToComplete(run, 'SRPT'),
        explain: {
          metric: { id: 'meanFlow', algorithm: 'SRPT' },
          why: (run) => `The longest task goes last: ${lastToComplete(run, 'SRPT')} completes at ${num(run.result('SRPT').metrics.makespan)} s.`,
        },
      },
    },
    {
      title: 'The price of a convoy',
      formula: 'Σ F = Σ over positions k of (n − k + 1) × duration of the k-th task run',
      view: view('FIFO', 11, { hideResults: false }),
      text: (run) =>
        `A task run k-th adds its duration to the flow of itself and of everyone after it. Long, run first by FIFO, ` +
        `is counted ${run.scenario.tasks.length} times; run last by SRPT, once. Σ F: FIFO ${num(run.sumFlow('FIFO'))} s, ` +
        `SRPT ${num(run.sumFlow('SRPT'))} s.`,
    },
  ],
}
