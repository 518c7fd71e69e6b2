import { fifo } from './fifo.ts'
import { compareByKey, POLICY_NAME, type PolicyDefinition, type SchedulingPolicy } from './policy.ts'
import { srpt } from './srpt.ts'
import { weightedFifo } from './weighted-fifo.ts'
import { wsrpt } from './wsrpt.ts'

/** The policies SchedScope ships, in the order every list shows them. */
export const BUILT_IN_POLICIES: readonly PolicyDefinition[] = [fifo, weightedFifo, srpt, wsrpt]

/** Colours for policies registered without one (distinct from the built-ins' and the task colours). */
const SPARE_COLORS = ['#2563eb', '#db2777', '#0891b2', '#65a30d', '#9333ea', '#ea580c', '#0f766e', '#be123c']


/** Finds a policy by name (a registry, or a run's own policies in front of one). */
export interface PolicyLookup {
  get(name: string): SchedulingPolicy
}

/** What register() returns: dispose() removes the policy again (a no-op the second time). */
export interface Registration {
  dispose(): void
}

/**
 * Name → policy, the one list of policies everything iterates (the app's algorithm list, the
 * CLI's help, colours, saved state, the engine). Like Perfetto's registry: register() throws on
 * a duplicate or malformed name and returns a disposer; get() throws on an unknown name.
 */
export interface PolicyRegistry {
  register(definition: PolicyDefinition): Registration
  get(name: string): SchedulingPolicy
  has(name: string): boolean
  /** Names in registration order. */
  names(): readonly string[]
  list(): readonly SchedulingPolicy[]
  /** Calls `listener` after every registration and disposal; returns the unsubscribe. */
  subscribe(listener: () => void): () => void
  /** Changes with every registration and disposal (for useSyncExternalStore). */
  readonly version: number
}

export function createPolicyRegistry(definitions: readonly PolicyDefinition[] = []): PolicyRegistry {
  const byName = new Map<string, SchedulingPolicy>()
  const listeners = new Set<() => void>()
  let list: readonly SchedulingPolicy[] = []
  let version = 0
  const changed = () => {
    list = [...byName.values()]
    version += 1
    for (const l of [...listeners]) l()
  }
  const registry: PolicyRegistry = {
    register(definition) {
      const { name } = definition
      if (!POLICY_NAME.test(name)) throw new Error(`policy name '${name}' must start with a letter and hold only letters, digits, '_', '.' or '-' (at most 40)`)
      if (byName.has(name)) throw new Error(`policy ${name} registered twice`)
      const used = new Set([...byName.values()].map((p) => p.color))
      const policy: SchedulingPolicy = {
        ...definition,
        color: definition.color ?? SPARE_COLORS.find((c) => !used.has(c)) ?? SPARE_COLORS[byName.size % SPARE_COLORS.length]!,
        reason: definition.reason ?? `${definition.keyLabel} {key}, ${definition.higherFirst ? 'highest' : 'lowest'} in queue`,
        compare: compareByKey(definition.key, definition.higherFirst),
        servingKeyLabel: definition.servingKeyLabel ?? definition.keyLabel,
      }
      byName.set(name, policy)
      changed()
      return {
        dispose() {
          if (byName.get(name) !== policy) return
          byName.delete(name)
          changed()
        },
      }
    },
    get(name) {
      const p = byName.get(name)
      if (p === undefined) throw new Error(`unknown algorithm '${name}' (known: ${[...byName.keys()].join(', ')})`)
      return p
    },
    has: (name) => byName.has(name),
    names: () => list.map((p) => p.name),
    list: () => list,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    get version() {
      return version
    },
  }
  for (const d of definitions) registry.register(d)
  return registry
}

/** The app's and the CLI's registry: the built-ins, plus whatever is registered at run time. */
export const policies = createPolicyRegistry(BUILT_IN_POLICIES)
