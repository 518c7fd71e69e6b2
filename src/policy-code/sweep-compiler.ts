import type { SweepPolicyCode, SweepPolicyCompiler } from '../sweep/user-policies.ts'
import { compileKey } from './compile.ts'
import { PolicyCodeError } from './errors.ts'
import { compilePolicyFile } from './policy-file.ts'
import type { Realm } from './realm.ts'
import { runPolicies, type CompiledPolicy } from './run-policies.ts'

/**
 * The sweep workers' compiler: the same sandbox, step budget and errors as the simulation
 * worker (compile.ts, run-policies.ts). The realm is made on first use; a sweep's policies are
 * compiled once per worker and reused for each of its jobs (the definition is the same).
 */
export function sweepPolicyCompiler(makeRealm: () => Realm): SweepPolicyCompiler {
  let realm: Realm | null = null
  let last: { readonly key: string; readonly compiled: CompiledPolicy[] } | null = null
  return (code, tasks) => {
    const key = JSON.stringify(code)
    if (last?.key !== key) last = { key, compiled: code.map((c) => compileOne(c, (realm ??= makeRealm()))) }
    return runPolicies(last.compiled, tasks).lookup
  }
}

function compileOne(c: SweepPolicyCode, realm: Realm): CompiledPolicy {
  if (c.kind === 'key') {
    try {
      return { source: { name: c.source.name, higherFirst: c.source.higherFirst, ...(c.source.label !== undefined && { label: c.source.label }), ...(c.source.color !== undefined && { color: c.source.color }) }, key: compileKey(c.source.key, realm) }
    } catch (e) {
      throw e instanceof PolicyCodeError ? e.of(c.source.name) : e
    }
  }
  let compiled: CompiledPolicy
  try {
    compiled = compilePolicyFile(c.text, realm)
  } catch (e) {
    throw e instanceof PolicyCodeError ? new PolicyCodeError(e.line, `${c.file}: ${e.problem}`, c.name) : e
  }
  if (compiled.source.name !== c.name) throw new PolicyCodeError(0, `${c.file} now defines ${compiled.source.name}, not ${c.name}`, c.name)
  // A key that fails while the sweep runs names its file too, as npm run sim does.
  const inFile = <T>(f: () => T): T => {
    try {
      return f()
    } catch (e) {
      throw e instanceof PolicyCodeError ? new PolicyCodeError(e.line, `${c.file}: ${e.problem}`, c.name) : e
    }
  }
  const { key } = compiled
  return { source: compiled.source, key: { key: (t) => inFile(() => key.key(t)), keyReadingTime: (t) => inFile(() => key.keyReadingTime(t)) } }
}
