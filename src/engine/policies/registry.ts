import { POLICY_NAMES, type PolicyName } from '../types.ts'
import { fifo } from './fifo.ts'
import type { SchedulingPolicy } from './policy.ts'
import { srpt } from './srpt.ts'
import { weightedFifo } from './weighted-fifo.ts'
import { wsrpt } from './wsrpt.ts'

/** Name → policy. Throws on a duplicate name at registration and on an unknown name at lookup. */
export function createPolicyRegistry(policies: readonly SchedulingPolicy[]) {
  const byName = new Map<string, SchedulingPolicy>()
  for (const p of policies) {
    if (byName.has(p.name)) throw new Error(`policy ${p.name} registered twice`)
    byName.set(p.name, p)
  }
  return {
    names: (): string[] => [...byName.keys()],
    get(name: string): SchedulingPolicy {
      const p = byName.get(name)
      if (p === undefined) throw new Error(`unknown algorithm '${name}' (known: ${[...byName.keys()].join(', ')})`)
      return p
    },
    has: (name: string): boolean => byName.has(name),
  }
}

export const policies = createPolicyRegistry([fifo, weightedFifo, srpt, wsrpt])

export function getPolicy(name: PolicyName): SchedulingPolicy {
  return policies.get(name)
}

export function isPolicyName(name: string): name is PolicyName {
  return (POLICY_NAMES as readonly string[]).includes(name)
}
