import type { Gate } from './lesson.ts'
import { num, type LessonRun } from './lesson-run.ts'

/** The task `algorithm` starts first after `afterS`, by the engine's decision log (null: none). */
export function nextStart(run: LessonRun, algorithm: string, afterS: number): string | null {
  const r = run.result(algorithm)
  const d = r.decisions.find((x) => x.task >= 0 && x.timeS > afterS + 1e-9)
  return d === undefined ? null : r.tasks[d.task]!.id
}

/** The tasks waiting at `atS` under `algorithm`: arrived, not yet started (ids, in input order). */
export function waitingAt(run: LessonRun, algorithm: string, atS: number): string[] {
  return run.result(algorithm).tasks.filter((t) => run.scenario.tasks[t.index]!.arrivalS <= atS + 1e-9 && (t.startS === null || t.startS > atS + 1e-9)).map((t) => t.id)
}

/** The answers a gate offers (empty for a number). */
export function gateOptions(gate: Gate, run: LessonRun): readonly string[] {
  if (gate.kind === 'choice') return gate.options(run)
  if (gate.kind === 'next-task') return waitingAt(run, gate.algorithm, gate.afterS)
  return []
}

/** The engine's answer, as the reveal states it. */
export function engineAnswer(gate: Gate, run: LessonRun): string {
  if (gate.kind === 'choice') return gate.answer(run)
  if (gate.kind === 'next-task') return nextStart(run, gate.algorithm, gate.afterS) ?? 'none'
  return `${num(gate.answer(run))}${gate.unit === '%' ? ' %' : gate.unit === '' ? '' : ` ${gate.unit}`}`
}

/** A number as a student may type it: "8.5", "8,5", " 69.6 % ". NaN when it is none. */
export function readNumber(text: string): number {
  const t = text.trim().replace(/\s*%$/, '').replace(',', '.')
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t) ? Number(t) : NaN
}

export type Verdict = { readonly correct: boolean; readonly engine: string } | { readonly invalid: string }

/** Checks an answer against the engine's run (never against a stored constant). */
export function checkAnswer(gate: Gate, run: LessonRun, answer: string): Verdict {
  if (gate.kind === 'number') {
    const x = readNumber(answer)
    if (Number.isNaN(x)) return { invalid: `“${answer}” is not a number: type one such as 4.5` }
    return { correct: Math.abs(x - gate.answer(run)) <= gate.tolerance, engine: engineAnswer(gate, run) }
  }
  if (!gateOptions(gate, run).includes(answer)) return { invalid: 'pick one of the answers' }
  return { correct: answer === engineAnswer(gate, run), engine: engineAnswer(gate, run) }
}
