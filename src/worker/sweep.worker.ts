/// <reference lib="webworker" />
import { thisRealm } from '../policy-code/realm.ts'
import { sweepPolicyCompiler } from '../policy-code/sweep-compiler.ts'
import { answerJob, type SweepJobRequest } from '../sweep/pool.ts'

// One sweep job per message: the logic is the engine's (sweep/pool.ts), shared with the CLI's
// threads. Policies written by a user are compiled here as in the simulation worker, in this
// worker's realm, hardened on first use.
declare const self: DedicatedWorkerGlobalScope
const compile = sweepPolicyCompiler(() => thisRealm({ harden: true }))
self.onmessage = (e: MessageEvent<SweepJobRequest>) => self.postMessage(answerJob(e.data, compile))
