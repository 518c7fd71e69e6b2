import type { ModelBook } from '../serving/model-book.ts'
import { inputTokensOf, outputTokensOf } from '../serving/requests.ts'
import type { TaskSpec } from '../types.ts'
import { MAX_TOKENS, fmtLimit } from './limits.ts'
import type { FieldProblem, TaskField } from './task-checks.ts'
import { checkArrival, checkWeight } from './validate.ts'

/**
 * A request's token count as the editor takes it: a whole number >= 1 (serving has no empty
 * request, serving/request-checks.ts) and at most the tokens limit every task has (limits.ts).
 */
export function checkRequestTokens(x: number, what: 'input tokens' | 'output tokens'): string | undefined {
  if (!Number.isInteger(x) || x < 1) return `${what} must be a whole number >= 1, not ${String(x)}`
  if (x > MAX_TOKENS) return `${what} must be at most ${fmtLimit(MAX_TOKENS)}, not ${fmtLimit(x)}`
  return undefined
}

/**
 * Everything wrong with one task read as a serving request (P and O mapped where the task has
 * none), field by field. A model that neither the catalog nor the scenario's `models` knows is
 * a warning, not an error: the engine runs the scenario and rejects those requests at arrival.
 */
export function checkRequestTask(task: TaskSpec, book: ModelBook, idCount: ReadonlyMap<string, number>): FieldProblem[] {
  const out: FieldProblem[] = []
  const add = (field: TaskField, message: string | undefined, blocking = true) => {
    if (message !== undefined) out.push({ field, message, blocking })
  }
  if (task.id.trim() === '') add('id', 'request id is empty')
  else if ((idCount.get(task.id) ?? 0) > 1) add('id', `duplicate id: ${idCount.get(task.id)} requests are called ${task.id}`)
  if (task.model.trim() === '') add('model', 'model name is empty')
  else if (book.find(task.model) === undefined) {
    add('model', `unknown model '${task.model}': neither the catalog nor the scenario's models define it, so no deployment serves it and the request is rejected at arrival`, false)
  }
  add('weight', checkWeight(task.weight) ?? (task.weight > 0 ? undefined : 'weight must be > 0 in serving mode'))
  add('arrivalS', checkArrival(task.arrivalS))
  add('inputTokens', checkRequestTokens(inputTokensOf(task), 'input tokens'))
  add('outputTokens', checkRequestTokens(outputTokensOf(task), 'output tokens'))
  return out
}
