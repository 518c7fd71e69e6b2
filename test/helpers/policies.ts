import { createPolicyCompiler } from '../../src/policy-code/compiler.ts'
import { thisRealm } from '../../src/policy-code/realm.ts'

/**
 * Compiles user policies on this thread (no Worker in Node or jsdom), in this realm, not
 * hardened: hardening would change the test process's built-ins (test/policy-code/ tests a
 * hardened vm realm, the CLI's).
 */
export const testPolicyCompiler = createPolicyCompiler(() => thisRealm({ harden: false }))
