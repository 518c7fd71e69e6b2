import type { TaskSpec } from '../types.ts'

/**
 * A serving request is a task (../types.ts TaskSpec) with its prompt P and output O. A task
 * read as a request carries both; any other task (a reference CSV's row, a built-in workload,
 * a job scenario's task) maps to one by its phase:
 * - a prefill task of T tokens is P = T, O = 1: it ends with its prefill, as the reference's
 *   prefill task does;
 * - a decode task of T tokens is P = 1, O = T: T tokens generated after a one-token prompt;
 * - T = 0 counts as 1 (serving has no empty request).
 * Its `memory` and `tp` are not used: serving sizes a model from its architecture, and the
 * deployments (given, or the default rule) set its TP.
 */
export function inputTokensOf(t: TaskSpec): number {
  return t.inputTokens ?? (t.phase === 'prefill' ? Math.max(1, t.tokens) : 1)
}

export function outputTokensOf(t: TaskSpec): number {
  return t.outputTokens ?? (t.phase === 'prefill' ? 1 : Math.max(1, t.tokens))
}

/**
 * A request as a task: P and O, with the phase and tokens that map back to it (O = 1: a
 * prefill of P; otherwise a decode of O), so that the job modes can run it too.
 */
export function requestTask(id: string, model: string, weight: number, arrivalS: number, inputTokens: number, outputTokens: number): TaskSpec {
  const prefill = outputTokens === 1
  return { id, model, weight, arrivalS, phase: prefill ? 'prefill' : 'decode', tokens: prefill ? inputTokens : outputTokens, inputTokens, outputTokens }
}
