import { chooseTp } from '../capacity/tp.ts'
import type { Cluster } from '../catalog/clusters.ts'
import { findModel } from '../catalog/models.ts'
import type { Mode, TaskSpec } from '../types.ts'
import { checkArrival, checkMemory, checkTokens, checkTp, checkWeight } from './validate.ts'

/** A task's fields as the editor shows them; serving mode shows a request's P and O instead of phase and tokens. */
export type TaskField = 'id' | 'model' | 'weight' | 'arrivalS' | 'phase' | 'tokens' | 'tp' | 'memoryGB' | 'inputTokens' | 'outputTokens'

/** Why a field of a task is wrong; `blocking` problems keep the scenario from running. */
export interface FieldProblem {
  readonly field: TaskField
  readonly message: string
  /** False for warnings: the task runs (or is rejected with a reason) but the user should know. */
  readonly blocking: boolean
}

/**
 * Everything wrong with one task as typed in the editor, field by field: values the engine
 * refuses (negative tokens, NaN, duplicate ids) and, for the given cluster and mode, why it
 * could never run (unknown model without TP, TP outside the model's range, no node big enough).
 * `idCount` is how many tasks carry each id.
 */
export function checkTask(task: TaskSpec, cluster: Cluster, mode: Mode, idCount: ReadonlyMap<string, number>): FieldProblem[] {
  const out: FieldProblem[] = []
  const add = (field: TaskField, message: string | undefined, blocking = true) => {
    if (message !== undefined) out.push({ field, message, blocking })
  }
  if (task.id.trim() === '') add('id', 'task id is empty')
  else if ((idCount.get(task.id) ?? 0) > 1) add('id', `duplicate id: ${idCount.get(task.id)} tasks are called ${task.id}`)
  if (task.model.trim() === '') add('model', 'model name is empty')
  add('weight', checkWeight(task.weight))
  add('arrivalS', checkArrival(task.arrivalS))
  add('tokens', checkTokens(task.tokens))
  if (task.memoryGB !== undefined) add('memoryGB', checkMemory(task.memoryGB))
  if (task.tp !== undefined) add('tp', checkTp(task.tp))
  if (out.some((p) => p.blocking) || mode === 'reference') return out

  // Exact mode: would the engine reject it? Say so on the field to change.
  const choice = cachedChoice(task, cluster)
  if (!choice.ok) {
    const model = findModel(task.model)
    const field: TaskField = model === undefined && task.tp === undefined ? 'model' : 'tp'
    add(field, `never runs on this cluster: ${choice.reason}`, false)
  }
  return out
}

/** Tasks of one kind (model, TP, memory) get the same answer: work it out once per cluster. */
const choices = new WeakMap<Cluster, Map<string, ReturnType<typeof chooseTp>>>()

function cachedChoice(task: TaskSpec, cluster: Cluster): ReturnType<typeof chooseTp> {
  let byKind = choices.get(cluster)
  if (byKind === undefined) choices.set(cluster, (byKind = new Map()))
  const key = `${task.model}|${task.tp ?? ''}|${task.memoryGB ?? ''}`
  let choice = byKind.get(key)
  if (choice === undefined) byKind.set(key, (choice = chooseTp(task, cluster)))
  return choice
}

/** How many tasks carry each id (for duplicate checks). */
export function countIds(tasks: readonly TaskSpec[]): Map<string, number> {
  return countIdsInto(new Map<string, number>(), tasks, 0, tasks.length)
}

/** Duplicate ids that came with a list (see rememberDuplicateIds). */
const knownDuplicates = new WeakMap<readonly TaskSpec[], ReadonlyMap<string, number>>()

/**
 * The ids that more than one task of a list carries, with their counts: for checkTask as good as
 * the full count (an id missing from it is carried once). Lists parsed off the page's thread
 * come with it, so the page never hashes 100,000 ids of an import.
 */
export function duplicateIds(tasks: readonly TaskSpec[]): Map<string, number> {
  const counts = countIds(tasks)
  for (const [id, n] of counts) if (n < 2) counts.delete(id)
  return counts
}

export function rememberDuplicateIds(tasks: readonly TaskSpec[], duplicates: ReadonlyMap<string, number>): void {
  knownDuplicates.set(tasks, duplicates)
}

/** The duplicate ids of a list, if they came with it (else undefined: count them). */
export function knownDuplicateIds(tasks: readonly TaskSpec[]): ReadonlyMap<string, number> | undefined {
  return knownDuplicates.get(tasks)
}

/** Adds the ids of tasks[from, to) to a count (countIds in parts, for long lists). */
export function countIdsInto(counts: Map<string, number>, tasks: readonly TaskSpec[], from: number, to: number): Map<string, number> {
  for (let i = from; i < to; i++) {
    const id = tasks[i]!.id
    counts.set(id, (counts.get(id) ?? 0) + 1)
  }
  return counts
}
