import { customPolicyDefinition, type CustomPolicySource } from '../engine/policies/custom.ts'
import type { WaitingItem } from '../engine/policies/policy.ts'
import { createPolicyRegistry, policies, type PolicyLookup, type PolicyRegistry } from '../engine/policies/registry.ts'
import type { CompiledKey } from './compile.ts'
import { PolicyCodeError } from './errors.ts'

/** A user's policy with its key compiled (the editor's source, or a policy file). */
export interface CompiledPolicy {
  readonly source: Omit<CustomPolicySource, 'key'>
  readonly key: CompiledKey
}

/** The policies of one run: the compiled ones, found before the app's registry. */
export interface RunPolicies {
  readonly lookup: PolicyLookup
  /** The run's own registry (disposed with the run: nothing to undo in the app's). */
  readonly registry: PolicyRegistry
  /** Each static custom policy's key per task, worked out while finding it static. */
  readonly staticKeys: ReadonlyMap<string, Float64Array>
}

/**
 * Registers compiled policies for a run over `tasks` (as a static key sees them). A key is
 * static when it read neither `waited` nor `now` for any task: a pure function of fields that
 * do not change while the task waits gives the same value at every time, so the engine keeps
 * its queue in heaps; otherwise it is re-ranked at every pick (the registry's moving-key path).
 * Every task's key is worked out here once, so a key that throws or is not a finite number
 * stops the run before it starts, naming the policy and the line. Without tasks (`null`: a
 * serving run, whose requests' fields change between waits) every key is taken as moving,
 * ranked at every look, and its errors stop the run when they happen.
 */
export function runPolicies(compiled: readonly CompiledPolicy[], tasks: readonly WaitingItem[] | null): RunPolicies {
  const registry = createPolicyRegistry()
  const staticKeys = new Map<string, Float64Array>()
  for (const { source, key } of compiled) {
    const values = new Float64Array(tasks?.length ?? 0)
    let moving = tasks === null
    try {
      for (let i = 0; tasks !== null && i < tasks.length && !moving; i++) {
        const { key: k, readTime } = key.keyReadingTime(tasks[i]!)
        values[i] = k
        moving = readTime
      }
    } catch (e) {
      throw e instanceof PolicyCodeError ? e.of(source.name) : e
    }
    if (!moving) staticKeys.set(source.name, values)
    const named = (t: WaitingItem) => {
      try {
        return key.key(t)
      } catch (e) {
        throw e instanceof PolicyCodeError ? e.of(source.name) : e
      }
    }
    registry.register(customPolicyDefinition({ ...source, key: '' }, named, !moving))
  }
  return {
    registry,
    staticKeys,
    lookup: { get: (name) => (registry.has(name) ? registry.get(name) : policies.get(name)) },
  }
}
