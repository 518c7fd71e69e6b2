import { customPolicyDefinition, keyRunsInWorker, type CustomPolicySource } from '../engine/policies/custom.ts'
import { policies, type Registration } from '../engine/policies/registry.ts'

/** The placeholders this page registered, by name, with the source each was made from. */
const shown = new Map<string, { readonly source: CustomPolicySource; readonly registration: Registration }>()

/**
 * Makes the app's registry hold exactly these policies written by a user, beside the built-ins,
 * so that every list that iterates the registry (algorithms, Results, Gantt, queue, exports)
 * shows them. The page's entry is a placeholder whose key it never calls: the key's code runs
 * only in the simulation worker. A policy whose source changed is registered again.
 */
export function showCustomPolicies(list: readonly CustomPolicySource[]): void {
  const wanted = new Map(list.map((p) => [p.name, p]))
  for (const [name, { source, registration }] of [...shown]) {
    if (wanted.get(name) === source) continue
    registration.dispose()
    shown.delete(name)
  }
  for (const source of list) {
    if (shown.has(source.name)) continue
    // A user's policy can never take a built-in's place (the scenario reader refuses that too).
    if (policies.has(source.name)) continue
    shown.set(source.name, { source, registration: policies.register(customPolicyDefinition(source, keyRunsInWorker, false)) })
  }
}

/** Names of the app's own policies (the built-ins and any plugin), not a user's. */
export function ownPolicyNames(): string[] {
  return policies.list().filter((p) => p.userCode !== true).map((p) => p.name)
}
