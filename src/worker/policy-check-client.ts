import type { CustomPolicySource } from '../engine/policies/custom.ts'
import type { PolicyCheck } from '../policy-code/check.ts'

export type { PolicyCheck } from '../policy-code/check.ts'

/** Checks a policy's key off the page: compiles it and works it out on sample tasks. */
export type PolicyChecker = (source: Pick<CustomPolicySource, 'key'>) => Promise<PolicyCheck>

/** How long a check may take: the step budget stops loops well before; this ends the rest. */
export const CHECK_TIMEOUT_MS = 5_000

const failed = (message: string): PolicyCheck => ({ problems: [{ line: 0, message }], values: [], readsTime: false })

/**
 * Each check in a worker of its own, ended once it answers or after CHECK_TIMEOUT_MS (a key that
 * hangs where the budget does not count, such as a slow regular expression). Where there is no
 * Worker at all (tests under jsdom), the check runs here, loaded on demand so that the page's
 * own bundle never holds the compiler; where Workers exist but one cannot start, it fails.
 */
export function createPolicyChecker(timeoutMs = CHECK_TIMEOUT_MS): PolicyChecker {
  if (typeof Worker === 'undefined') {
    return async (source) => {
      const [{ checkPolicy }, { thisRealm }] = await Promise.all([import('../policy-code/check.ts'), import('../policy-code/realm.ts')])
      return checkPolicy(source, thisRealm({ harden: false }))
    }
  }
  return (source) =>
    new Promise<PolicyCheck>((resolve) => {
      let worker: Worker
      try {
        worker = new Worker(new URL('./policy-check.worker.ts', import.meta.url), { type: 'module', name: 'schedscope-policy-check' })
      } catch {
        resolve(failed('this browser could not start a worker to check the policy in'))
        return
      }
      const timer = setTimeout(() => {
        worker.terminate()
        resolve(failed(`the check did not finish in ${timeoutMs / 1000} s and was stopped (a loop the step budget does not count, such as a slow regular expression?)`))
      }, timeoutMs)
      const end = (check: PolicyCheck) => {
        clearTimeout(timer)
        worker.terminate()
        resolve(check)
      }
      worker.onmessage = (e: MessageEvent<PolicyCheck>) => end(e.data)
      worker.onerror = (e) => end(failed(`the check failed: ${e.message}`))
      worker.postMessage({ key: source.key })
    })
}
