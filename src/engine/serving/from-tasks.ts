import type { TaskSpec } from '../types.ts'
import { InputError, type InputIssue } from '../workloads/errors.ts'
import type { RequestSpec } from './types.ts'

/**
 * Reference-format tasks (CSV `Phase`/`Tokens`, the built-in workloads) as serving requests:
 * - a prefill task of T tokens is a request of P = T prompt tokens that generates O = 1 token
 *   (it ends with its prefill, as the reference's prefill task does);
 * - a decode task of T tokens generates O = T tokens after a one-token prompt (P = 1);
 * - T = 0 counts as 1 (serving has no empty request);
 * - `Memory` and `TP` are not used: serving sizes a model from its architecture, and the
 *   deployments (explicit, or the default rule) set its TP.
 * A weight of 0 is refused: serving requires weight > 0.
 */
export function requestsFromTasks(tasks: readonly TaskSpec[], source = 'workload'): RequestSpec[] {
  const issues: InputIssue[] = []
  const out = tasks.map((t, i) => {
    if (!(t.weight > 0)) issues.push({ where: `task ${t.id} (row ${i + 1})`, field: 'Weight', value: String(t.weight), message: 'serving mode needs a weight > 0' })
    const tokens = Math.max(1, t.tokens)
    const prefill = t.phase === 'prefill'
    return { id: t.id, model: t.model, weight: t.weight, arrivalS: t.arrivalS, inputTokens: prefill ? tokens : 1, outputTokens: prefill ? 1 : tokens }
  })
  if (issues.length > 0) throw new InputError(source, issues.slice(0, 50))
  return out
}
