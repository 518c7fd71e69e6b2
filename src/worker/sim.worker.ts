/// <reference lib="webworker" />
import { createPolicyCompiler } from '../policy-code/compiler.ts'
import { thisRealm } from '../policy-code/realm.ts'
import { createSimHandler } from './handler.ts'
import { commandFromWire, type WorkerCommandWire } from './protocol.ts'

// The thin adapter: the logic lives in handler.ts, which tests drive without a Worker. Policies
// written by a user are compiled here, in this worker's realm, hardened on first use.
declare const self: DedicatedWorkerGlobalScope
const handle = createSimHandler((event, transfer) => self.postMessage(event, transfer), {
  compilePolicies: createPolicyCompiler(() => thisRealm({ harden: true })),
})
self.onmessage = (e: MessageEvent<WorkerCommandWire>) => handle(commandFromWire(e.data))
