/// <reference lib="webworker" />
import { checkPolicy } from '../policy-code/check.ts'
import { thisRealm } from '../policy-code/realm.ts'
import type { CustomPolicySource } from '../engine/policies/custom.ts'

// One check per worker: the page starts it, posts the source, reads the answer and ends it
// (or ends it after a while, if the code hangs where the step budget does not reach).
declare const self: DedicatedWorkerGlobalScope
self.onmessage = (e: MessageEvent<Pick<CustomPolicySource, 'key'>>) => self.postMessage(checkPolicy(e.data, thisRealm({ harden: true })))
