import { customPolicyProblems, type CustomPolicySource } from '../engine/policies/custom.ts'
import type { WaitingItem } from '../engine/policies/policy.ts'
import type { PolicyLookup } from '../engine/policies/registry.ts'

/**
 * A policy written by a user that a sweep runs. Sweep workers know only the app's registry, so
 * the code travels with the definition and each worker compiles it in its own sandbox (the
 * simulation worker's path, src/policy-code/): the policy lab's key, or a `--policy-file`'s text.
 */
export type SweepPolicyCode =
  | { readonly kind: 'key'; readonly source: CustomPolicySource }
  | { readonly kind: 'file'; readonly name: string; readonly file: string; readonly text: string }

export const policyCodeName = (p: SweepPolicyCode): string => (p.kind === 'key' ? p.source.name : p.name)

/**
 * Compiles a sweep's user policies and registers them for a run over `tasks`, in front of the
 * app's registry. Throws naming the policy and the line when the code is bad or its key fails.
 * Given by whoever has a sandbox: a sweep worker (policy-code/sweep-compiler.ts), the CLI.
 */
export type SweepPolicyCompiler = (code: readonly SweepPolicyCode[], tasks: readonly WaitingItem[] | null) => PolicyLookup

/** Problems of a definition's `policies` as read from a file, each [where, message] (empty when fine). */
export function sweepPolicyProblems(value: unknown): [where: string, message: string][] {
  if (!Array.isArray(value)) return [['policies', 'must be a list of policies written by a user']]
  const out: [string, string][] = []
  value.forEach((p: unknown, i) => {
    const where = `policies[${i}]`
    const o = typeof p === 'object' && p !== null ? (p as Record<string, unknown>) : {}
    if (o.kind === 'key') {
      for (const [field, message] of customPolicyProblems(o.source)) out.push([`${where}.source${field === '' ? '' : `.${field}`}`, message])
    } else if (o.kind === 'file') {
      for (const f of ['name', 'file', 'text']) if (typeof o[f] !== 'string' || o[f] === '') out.push([`${where}.${f}`, 'must be a non-empty text'])
    } else out.push([`${where}.kind`, "must be 'key' (a policy written in the browser) or 'file' (a --policy-file)"])
  })
  return out
}
