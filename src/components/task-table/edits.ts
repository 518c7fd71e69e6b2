import { inputTokensOf, outputTokensOf, requestTask } from '../../engine/serving/requests.ts'
import type { Mode, TaskSpec } from '../../engine/types.ts'
import type { TaskPatch } from './columns.ts'

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/** The task with one field changed; clearing an optional field removes it (exact optional types). */
export function applyPatch(task: TaskSpec, patch: TaskPatch): TaskSpec {
  switch (patch.field) {
    case 'tp':
    case 'memoryGB': {
      if (patch.value !== undefined) return { ...task, [patch.field]: patch.value }
      const rest: Mutable<TaskSpec> = { ...task }
      delete rest[patch.field]
      return rest
    }
    case 'inputTokens':
    case 'outputTokens': {
      // The request's P and O both become explicit, with the phase and tokens that map back to
      // them (requestTask), so job modes read the edited request as serving does.
      const p = patch.field === 'inputTokens' ? patch.value : inputTokensOf(task)
      const o = patch.field === 'outputTokens' ? patch.value : outputTokensOf(task)
      const { phase, tokens } = requestTask(task.id, task.model, task.weight, task.arrivalS, p, o)
      return { ...task, phase, tokens, inputTokens: p, outputTokens: o }
    }
    default:
      return { ...task, [patch.field]: patch.value }
  }
}

/** Whether the patch would change nothing (so no undo step is recorded for it). */
export function isNoop(task: TaskSpec, patch: TaskPatch): boolean {
  if (patch.field === 'inputTokens') return inputTokensOf(task) === patch.value
  if (patch.field === 'outputTokens') return outputTokensOf(task) === patch.value
  return task[patch.field] === patch.value
}

/** Ids `T<n>` not used yet: n counts on from the largest such id in the scenario. */
export function freshIds(tasks: readonly TaskSpec[], count: number): string[] {
  let max = 0
  for (const t of tasks) {
    const m = /^T(\d+)$/.exec(t.id)
    if (m !== null) max = Math.max(max, Number(m[1]))
  }
  const taken = new Set(tasks.map((t) => t.id))
  const out: string[] = []
  for (let n = max + 1; out.length < count; n++) if (!taken.has(`T${n}`)) out.push(`T${n}`)
  return out
}

/** A new task like the last one (same model), arriving with it, ready to edit; in serving mode a request of 512 in, 128 out. */
export function newTask(tasks: readonly TaskSpec[], mode: Mode = 'exact'): TaskSpec {
  const last = tasks[tasks.length - 1]
  if (mode === 'serving') return requestTask(freshIds(tasks, 1)[0]!, last?.model ?? 'Llama3-8B', 1, last?.arrivalS ?? 0, 512, 128)
  return {
    id: freshIds(tasks, 1)[0]!,
    model: last?.model ?? 'Llama3-8B',
    weight: 1,
    arrivalS: last?.arrivalS ?? 0,
    phase: 'prefill',
    tokens: 1000,
  }
}

/** Copies of the picked tasks with fresh ids, each right after its original. */
export function duplicateTasks(tasks: readonly TaskSpec[], picked: ReadonlySet<TaskSpec>): { tasks: TaskSpec[]; copies: TaskSpec[] } {
  const ids = freshIds(tasks, tasks.filter((t) => picked.has(t)).length)
  const out: TaskSpec[] = []
  const copies: TaskSpec[] = []
  for (const t of tasks) {
    out.push(t)
    if (picked.has(t)) {
      const copy = { ...t, id: ids[copies.length]! }
      copies.push(copy)
      out.push(copy)
    }
  }
  return { tasks: out, copies }
}

/** The tasks with `patch` applied to every picked one; `replaced` maps old objects to new. */
export function patchTasks(tasks: readonly TaskSpec[], picked: ReadonlySet<TaskSpec>, patch: TaskPatch): { tasks: TaskSpec[]; replaced: Map<TaskSpec, TaskSpec> } {
  const replaced = new Map<TaskSpec, TaskSpec>()
  const out = tasks.map((t) => {
    if (!picked.has(t) || isNoop(t, patch)) return t
    const next = applyPatch(t, patch)
    replaced.set(t, next)
    return next
  })
  return { tasks: out, replaced }
}

/** Where an edit leaves the scenario's label: marked as edited once, so the picker can reload the original. */
export function editedLabel(label: string): string {
  return label.endsWith(' (edited)') ? label : `${label} (edited)`
}
