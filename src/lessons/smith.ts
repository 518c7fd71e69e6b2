import type { Lesson, LessonView } from './lesson.ts'
import { ALL, job, lessonScenario } from './kit.ts'
import { highest, lowest, num, type LessonRun } from './lesson-run.ts'

const scenario = () => lessonScenario('smith-rule', 'h100:1', [job('A', 4, 1), job('B', 1, 1), job('C', 2, 4), job('D', 3, 9)])
const view = (focus: string, more: Partial<LessonView> = {}): LessonView => ({ label: 'smith-rule', scenario, algorithms: ALL, focus, atS: 0, ...more })

const weighted = (run: LessonRun, a: string) => num(run.result(a).metrics.weighted_waiting_time)
const mean = (run: LessonRun, a: string) => num(run.result(a).metrics.average_waiting_time)

/** Smith's rule: with weights, order by weight / work; an order can win on Σ w·F and lose on mean F. */
export const smith: Lesson = {
  id: 'smith',
  title: "Smith's rule",
  summary: 'Weights change the best order: weight / work first minimises Σ w·F on one GPU.',
  pages: [
    {
      title: 'Weights change the question',
      formula: 'weighted flow = Σ wᵢ × (Cᵢ − Aᵢ)',
      view: view('WeightedFIFO', { highlight: ['C', 'D'] }),
      text: (run) =>
        `Four tasks at t = 0 on one GPU: A (${num(run.work('FIFO', 'A'))} s, weight ${run.scenario.tasks[run.index('A')]!.weight}), ` +
        `B (${num(run.work('FIFO', 'B'))} s, weight ${run.scenario.tasks[run.index('B')]!.weight}), ` +
        `C (${num(run.work('FIFO', 'C'))} s, weight ${run.scenario.tasks[run.index('C')]!.weight}) and ` +
        `D (${num(run.work('FIFO', 'D'))} s, weight ${run.scenario.tasks[run.index('D')]!.weight}). ` +
        `A heavy task that waits costs its weight for every second. WeightedFIFO runs the heaviest first, SRPT the shortest first.`,
      gate: {
        kind: 'choice',
        question: 'Which policy has the lowest Σ w·F here?',
        options: () => ALL,
        answer: (run) => lowest(run, ALL, (m) => m.weighted_waiting_time),
        explain: {
          metric: { id: 'weightedFlow', algorithm: 'WSRPT' },
          why: (run) =>
            `Σ w·F: FIFO ${weighted(run, 'FIFO')}, WeightedFIFO ${weighted(run, 'WeightedFIFO')}, SRPT ${weighted(run, 'SRPT')}, WSRPT ${weighted(run, 'WSRPT')}. ` +
            `WSRPT orders by weight / remaining work: Smith's rule.`,
        },
      },
    },
    {
      title: "Smith's rule: weight over work",
      formula: 'run in decreasing wᵢ / pᵢ: swapping neighbours i, j changes Σ w·F by wᵢ·pⱼ − wⱼ·pᵢ',
      view: view('WSRPT', { atS: 10, hideResults: false }),
      text: (run) =>
        `Exchange argument: if i runs just before j, swapping them moves i later by pⱼ and j earlier by pᵢ, so Σ w·F changes by wᵢ·pⱼ − wⱼ·pᵢ. ` +
        `No swap helps once wᵢ / pᵢ ≥ wⱼ / pⱼ down the order. Here: D ${ratio(run, 'D')}, C ${ratio(run, 'C')}, B ${ratio(run, 'B')}, A ${ratio(run, 'A')}, ` +
        `which WSRPT follows for Σ w·F = ${weighted(run, 'WSRPT')}.`,
    },
    {
      title: 'Best weighted, worst unweighted',
      formula: 'mean flow = Σ Fᵢ / n ignores the weights',
      view: view('WeightedFIFO', { atS: 10, hideResults: true }),
      text: () => `WeightedFIFO beat FIFO and SRPT on Σ w·F on the first page. The unweighted mean flow, Σ F / n, tells another story.`,
      after: (run) => `Σ w·F: WeightedFIFO ${weighted(run, 'WeightedFIFO')}, FIFO ${weighted(run, 'FIFO')}, SRPT ${weighted(run, 'SRPT')}: the best of the three on the weighted sum is the worst on the plain mean.`,
      gate: {
        kind: 'choice',
        question: 'Which policy has the highest (worst) unweighted mean flow?',
        options: () => ALL,
        answer: (run) => highest(run, ALL, (m) => m.average_waiting_time),
        explain: {
          metric: { id: 'meanFlow', algorithm: 'WeightedFIFO' },
          why: (run) =>
            `Mean flow: FIFO ${mean(run, 'FIFO')}, WeightedFIFO ${mean(run, 'WeightedFIFO')}, SRPT ${mean(run, 'SRPT')}, WSRPT ${mean(run, 'WSRPT')} s. ` +
            `Running the heavy D (${num(run.work('FIFO', 'D'))} s) first delays three tasks; the metric that counts decides which order is best.`,
        },
      },
    },
  ],
}

function ratio(run: LessonRun, id: string): string {
  return `${num(run.scenario.tasks[run.index(id)]!.weight / run.work('FIFO', id), 2)}`
}
