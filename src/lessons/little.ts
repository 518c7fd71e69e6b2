import type { Lesson, LessonView } from './lesson.ts'
import { job, lessonScenario } from './kit.ts'
import { num, type LessonRun } from './lesson-run.ts'

/** Eight tasks arriving over 5.5 s on one GPU: (arrival, seconds of work). */
const ARRIVALS: readonly (readonly [number, number])[] = [[0, 1], [0.5, 2], [1, 1], [2, 0.5], [2.5, 1.5], [3, 1], [5, 1], [5.5, 0.5]]
const scenario = () => lessonScenario('little', 'h100:1', ARRIVALS.map(([a, s], i) => job(`T${i + 1}`, s, 1, { arrivalS: a })))
const view = (atS: number, more: Partial<LessonView> = {}): LessonView => ({ label: 'little', scenario, algorithms: ['FIFO'], focus: 'FIFO', atS, ...more })

/**
 * Both sides of Little's law over [0, T], T the makespan, measured separately: L̄ as the time
 * average of N(t), the tasks in the system (arrived, not completed), swept over the run's
 * arrival and completion events; λ = n / T and W = the mean flow from the run's metrics.
 */
export function littleSides(run: LessonRun, algorithm = 'FIFO', untilS = Infinity): { area: number; span: number; averageN: number; lambda: number; meanFlow: number; n: number } {
  const r = run.result(algorithm)
  const span = Math.min(untilS, r.metrics.makespan)
  const events: [number, number][] = []
  for (const t of r.tasks) {
    const arrival = run.scenario.tasks[t.index]!.arrivalS
    if (arrival <= span) events.push([arrival, 1])
    if (t.completionS !== null && t.completionS <= span) events.push([t.completionS, -1])
  }
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  let area = 0
  let inSystem = 0
  let last = 0
  for (const [time, delta] of events) {
    area += inSystem * (time - last)
    inSystem += delta
    last = time
  }
  area += inSystem * (span - last)
  const n = r.metrics.completed_count
  return { area, span, averageN: span > 0 ? area / span : 0, lambda: span > 0 ? n / span : 0, meanFlow: r.metrics.average_waiting_time, n }
}

/** Little's law, measured on a run: L̄ = λ × W. */
export const little: Lesson = {
  id: 'little',
  title: "Little's law, measured",
  summary: 'Average tasks in the system = arrival rate × mean flow time, on a live run.',
  pages: [
    {
      title: 'Counting the tasks in the system',
      formula: 'N(t) = tasks arrived by t − tasks completed by t; L̄ = (1/T) ∫₀ᵀ N(t) dt',
      view: view(3),
      text: (run) =>
        `${run.scenario.tasks.length} tasks arrive at one GPU between t = 0 and ${num(Math.max(...run.scenario.tasks.map((t) => t.arrivalS)))} s; FIFO serves them. ` +
        `At any time, N(t) counts the tasks that have arrived and not completed: the queue plus the one running. ` +
        `Its time average over the run is L̄.`,
      gate: {
        kind: 'number',
        question: 'The run ends at T = makespan. λ = n / T and W = mean flow. Predict L̄ = λ × W (tasks).',
        tolerance: 0.05,
        unit: 'tasks',
        answer: (run) => littleSides(run).averageN,
        explain: {
          metric: { id: 'meanFlow', algorithm: 'FIFO' },
          why: (run) => {
            const s = littleSides(run)
            return (
              `Measured: ∫ N(t) dt = ${num(s.area)} task-seconds over T = ${num(s.span)} s, so L̄ = ${num(s.averageN)}. ` +
              `Predicted: λ × W = (${s.n} / ${num(s.span)}) × ${num(s.meanFlow)} = ${num(s.lambda * s.meanFlow)}.`
            )
          },
        },
      },
    },
    {
      title: 'Why it holds',
      formula: '∫₀ᵀ N(t) dt = Σᵢ (Cᵢ − Aᵢ) when the system starts and ends empty, so L̄ = (n / T) × (Σ F / n) = λ × W',
      view: view(0, { hideResults: false }),
      text: (run) => {
        const s = littleSides(run)
        return (
          `Each task adds 1 to N(t) for exactly its flow time, so the area under N(t) is the sum of the flow times: ` +
          `${num(s.area)} = ${num(run.sumFlow('FIFO'))}. Divide both by T = ${num(s.span)} s: L̄ = ${num(s.averageN)} = λ × W. ` +
          `No assumption about the arrivals or the policy: play the run and watch the queue; the law holds for any order. ` +
          `Counting only the queue (without the task running) gives the same law with the queueing delay: ` +
          `mean delay ${num(run.result('FIFO').metrics.average_queueing_delay)} s.`
        )
      },
    },
  ],
}
