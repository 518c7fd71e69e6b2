/// <reference lib="webworker" />
import { answerJob, type SweepJobRequest } from '../sweep/pool.ts'

// One sweep job per message: the logic is the engine's (sweep/pool.ts), shared with the CLI's threads.
declare const self: DedicatedWorkerGlobalScope
self.onmessage = (e: MessageEvent<SweepJobRequest>) => self.postMessage(answerJob(e.data))
