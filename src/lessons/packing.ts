import type { Lesson, LessonView } from './lesson.ts'
import { job, lessonScenario } from './kit.ts'
import { num, type LessonRun } from './lesson-run.ts'

/** Two nodes of 8: four TP-4 groups fill them; E (TP 8) needs one whole node. */
const scenario = () =>
  lessonScenario('packing', 'h100_16gpu', [
    job('A', 2, 1, { tp: 4 }),
    job('B', 4, 1, { tp: 4 }),
    job('C', 2, 1, { tp: 4 }),
    job('D', 4, 1, { tp: 4 }),
    job('E', 1, 1, { tp: 8 }),
  ])
const view = (focus: string, atS: number, more: Partial<LessonView> = {}): LessonView => ({ label: 'packing', scenario, algorithms: ['FIFO', 'SRPT'], focus, atS, ...more })

const nodeOf = (run: LessonRun, a: string, id: string) => Math.floor(run.task(a, id).gpus[0]! / 8)
/** GPUs free at time t under `a`: the cluster's, less those held by tasks running then. */
function freeAt(run: LessonRun, a: string, t: number): number {
  const r = run.result(a)
  return r.gpuCount - r.tasks.reduce((n, x) => n + (x.startS !== null && x.startS <= t && x.completionS! > t ? x.gpus.length : 0), 0)
}

/** Fragmentation: enough GPUs free in total, but not in one node. */
export const packing: Lesson = {
  id: 'packing',
  title: 'Packing TP groups into nodes',
  summary: 'Free GPUs split across nodes cannot host a large TP group: fragmentation.',
  pages: [
    {
      title: 'Free, but in pieces',
      formula: 'a TP-k group needs k free GPUs in one node; free GPUs in total do not suffice',
      view: view('FIFO', 2, { highlight: ['E'] }),
      text: (run) =>
        `Two nodes of 8 GPUs. FIFO starts A, B, C and D (TP 4 each) at t = 0: A and B share node ${nodeOf(run, 'FIFO', 'A')}, ` +
        `C and D node ${nodeOf(run, 'FIFO', 'C')}. A and C complete at ${num(run.task('FIFO', 'A').completionS!)} s: then ` +
        `${freeAt(run, 'FIFO', run.task('FIFO', 'A').completionS!)} GPUs are free, and E (queued since t = 0) needs ${run.task('FIFO', 'E').tp} in one node.`,
      gate: {
        kind: 'number',
        question: 'When does E start under FIFO (seconds)?',
        tolerance: 0.01,
        unit: 's',
        answer: (run) => run.task('FIFO', 'E').startS!,
        explain: {
          metric: { id: 'meanFlow', algorithm: 'FIFO' },
          why: (run) =>
            `At ${num(run.task('FIFO', 'A').completionS!)} s the free GPUs are split ${run.task('FIFO', 'A').gpus.length} + ${run.task('FIFO', 'C').gpus.length} across the two nodes; ` +
            `E waits until B and D free whole nodes at ${num(run.task('FIFO', 'E').startS!)} s.`,
        },
      },
    },
    {
      title: 'Place the big group first',
      formula: 'best fit: the node with the fewest free GPUs that still holds the group',
      view: view('SRPT', 0.5, { highlight: ['E'], hideResults: false }),
      text: (run) =>
        `SRPT happens to start E first (${num(run.work('SRPT', 'E'))} s, the shortest): it takes node ${nodeOf(run, 'SRPT', 'E')} whole at t = 0, ` +
        `and the TP-4 groups pack around it. E's flow: ${num(run.flow('SRPT', 'E'))} s under SRPT, ${num(run.flow('FIFO', 'E'))} s under FIFO; ` +
        `mean flow ${num(run.result('SRPT').metrics.average_waiting_time)} s against ${num(run.result('FIFO').metrics.average_waiting_time)} s. ` +
        `Best-fit placement keeps whole nodes free where it can, but cannot undo an order that fragments them.`,
    },
  ],
}
