import type { CustomPolicySource } from '../engine/policies/custom.ts'
import { compileKey } from './compile.ts'
import { PolicyCodeError } from './errors.ts'
import type { Realm } from './realm.ts'
import type { CompiledPolicy } from './run-policies.ts'

/** Compiles the policies a run command carries; throws a PolicyCodeError naming the policy. */
export type PolicyCompiler = (sources: readonly CustomPolicySource[]) => CompiledPolicy[]

/**
 * A compiler over a realm made on first use (the workers harden theirs then, so a run without
 * custom policies leaves the realm as it was).
 */
export function createPolicyCompiler(makeRealm: () => Realm): PolicyCompiler {
  let realm: Realm | null = null
  return (sources) =>
    sources.map(({ key, ...source }) => {
      realm ??= makeRealm()
      try {
        return { source, key: compileKey(key, realm) }
      } catch (e) {
        throw e instanceof PolicyCodeError ? e.of(source.name) : e
      }
    })
}
