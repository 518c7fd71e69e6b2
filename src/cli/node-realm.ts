import { compileFunction, createContext, runInContext } from 'node:vm'
import { HARDEN_BODY, type Realm } from '../policy-code/realm.ts'

/**
 * A fresh realm for policy code in Node: a vm context whose global scope holds the ECMAScript
 * built-ins and nothing of Node's (no process, require or module), hardened like the workers'.
 * The step budget stops loops; the vm is no security boundary against hostile code, which a
 * user who runs a policy file runs on their own machine anyway.
 */
export function nodeRealm(): Realm {
  const context = createContext({})
  runInContext(HARDEN_BODY, context)
  return {
    makeFunction: (params, body) => compileFunction(body, [...params], { parsingContext: context }) as (...args: unknown[]) => unknown,
    globalNames: () =>
      runInContext('(() => { const out = []; for (let o = globalThis; o !== null; o = Object.getPrototypeOf(o)) out.push(...Object.getOwnPropertyNames(o)); return out })()', context) as string[],
  }
}
