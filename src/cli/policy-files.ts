import { customPolicyDefinition, type CustomPolicySource } from '../engine/policies/custom.ts'
import { policies, type Registration } from '../engine/policies/registry.ts'
import { InputError } from '../engine/workloads/errors.ts'
import { compileKey } from '../policy-code/compile.ts'
import { PolicyCodeError } from '../policy-code/errors.ts'
import { compilePolicyFile } from '../policy-code/policy-file.ts'
import type { Realm } from '../policy-code/realm.ts'
import type { CompiledPolicy } from '../policy-code/run-policies.ts'

/** A policy the CLI runs, and the file it came from (its errors name it). */
export interface LoadedPolicy extends CompiledPolicy {
  readonly file: string
}

/** Policies written by a user, registered for one CLI run; dispose() removes them again. */
export interface UserPolicies {
  readonly loaded: readonly LoadedPolicy[]
  dispose(): void
}

const inFile = (file: string, e: PolicyCodeError) =>
  new InputError(file, [{ where: e.line > 0 ? `line ${e.line}` : 'file', message: e.problem }])

/**
 * Compiles the `--policy-file`s and a scenario file's own policies, and registers each, so that
 * `--algorithms`, `--help` and scenario files know its name. A problem is an InputError naming
 * the file and the line.
 */
export function loadUserPolicies(
  files: readonly { readonly path: string; readonly text: string }[],
  fromScenario: readonly { readonly file: string; readonly source: CustomPolicySource }[],
  realm: Realm,
): UserPolicies {
  const loaded: LoadedPolicy[] = []
  const registrations: Registration[] = []
  const dispose = () => registrations.splice(0).forEach((r) => r.dispose())
  try {
    for (const { path, text } of files) {
      try {
        loaded.push({ ...compilePolicyFile(text, realm), file: path })
      } catch (e) {
        throw e instanceof PolicyCodeError ? inFile(path, e) : e
      }
    }
    for (const { file, source } of fromScenario) {
      try {
        loaded.push({ source, key: compileKey(source.key, realm), file })
      } catch (e) {
        throw e instanceof PolicyCodeError ? new InputError(file, [{ where: `policies (${source.name}), key line ${e.line}`, message: e.problem }]) : e
      }
    }
    for (const p of loaded) {
      if (policies.has(p.source.name)) {
        throw new InputError(p.file, [{ where: 'file', message: `defines a policy named ${p.source.name}, a name already taken (${policies.names().join(', ')})` }])
      }
      registrations.push(policies.register(customPolicyDefinition({ ...p.source, key: '' }, p.key.key, false)))
    }
  } catch (e) {
    dispose()
    throw e
  }
  return { loaded, dispose }
}

/** A policy's error during a run, in the CLI's words: the file, the policy and the line. */
export function runError(e: PolicyCodeError, loaded: readonly LoadedPolicy[]): InputError {
  const file = loaded.find((p) => p.source.name === e.policy)?.file ?? 'policy'
  return new InputError(file, [{ where: e.line > 0 ? `line ${e.line}` : 'file', message: `policy ${e.policy ?? '?'}: ${e.problem}; the run was stopped` }])
}
