import type { Lesson } from './lesson.ts'
import { ALL, job, lessonScenario } from './kit.ts'
import { lowest, num, type LessonRun } from './lesson-run.ts'

const scenario = () => lessonScenario('beat-srpt', 'h100:1', [job('A', 4, 1), job('B', 1, 1), job('C', 2, 4), job('D', 3, 9)])
const weighted = (run: LessonRun, a: string) => num(run.result(a).metrics.weighted_waiting_time)
const task = (run: LessonRun, id: string) => `${id} (${num(run.work('FIFO', id))} s, weight ${run.scenario.tasks[run.index(id)]!.weight})`

/** Be the scheduler: the student orders four tasks by hand and tries to beat SRPT on Σ w·F. */
export const beatSrpt: Lesson = {
  id: 'beat-srpt',
  title: 'Beat SRPT',
  summary: 'Be the scheduler: order four tasks yourself and beat SRPT on weighted flow.',
  pages: [
    {
      title: 'Beat SRPT on weighted flow',
      formula: 'weighted flow = Σ wᵢ × (Cᵢ − Aᵢ)',
      view: { label: 'beat-srpt', scenario, algorithms: ALL, focus: 'SRPT', atS: 0, hideResults: false, student: true },
      text: (run) =>
        `You are the scheduler. Four tasks wait at t = 0 for one GPU: ${['A', 'B', 'C', 'D'].map((id) => task(run, id)).join(', ')}. ` +
        `SRPT runs the shortest first and gets Σ w·F = ${weighted(run, 'SRPT')}; FIFO gets ${weighted(run, 'FIFO')}. ` +
        `Press Start on the task you run first, then on the next each time the GPU is free, and beat ${weighted(run, 'SRPT')}. Undo takes a pick back.`,
      gate: {
        kind: 'choice',
        question: 'Which policy beats SRPT on Σ w·F here by the most?',
        options: () => ALL.filter((a) => a !== 'SRPT'),
        answer: (run) => lowest(run, ALL, (m) => m.weighted_waiting_time),
        explain: {
          metric: { id: 'weightedFlow', algorithm: 'WSRPT' },
          why: (run) =>
            `Σ w·F: WSRPT ${weighted(run, 'WSRPT')}, WeightedFIFO ${weighted(run, 'WeightedFIFO')}, SRPT ${weighted(run, 'SRPT')}, FIFO ${weighted(run, 'FIFO')}. ` +
            `Ordering by weight over work (Smith's rule) is the best any order can do on one GPU: match it and you beat SRPT.`,
        },
      },
    },
  ],
}
