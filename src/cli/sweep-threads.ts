import { availableParallelism } from 'node:os'
import { Worker, type MessagePort } from 'node:worker_threads'
import { sweepPolicyCompiler } from '../policy-code/sweep-compiler.ts'
import { answerJob, type StartWorker, type SweepJobReply, type SweepJobRequest } from '../sweep/pool.ts'
import { nodeRealm } from './node-realm.ts'

/** More threads than this gain little (each sweep job is one scenario) and cost memory. */
export const MAX_SWEEP_THREADS = 8

/** The default thread count: the machine's cores, capped. */
export const defaultThreads = () => Math.max(1, Math.min(MAX_SWEEP_THREADS, availableParallelism()))

/**
 * Node worker threads running `file` (the sweep bundle itself: in a worker thread it answers
 * jobs, see sweep-main.ts). A thread that dies takes the sweep with it, with the reason.
 */
export function threadWorkers(file: string): StartWorker {
  return (onReply, onFail) => {
    const worker = new Worker(file, { workerData: { schedscopeSweepWorker: true } })
    let terminated = false
    worker.on('message', (reply: SweepJobReply) => onReply(reply))
    worker.on('error', (e) => onFail(`a worker thread failed: ${e.message}`))
    worker.on('exit', (code) => {
      if (!terminated && code !== 0) onFail(`a worker thread exited with code ${code}`)
    })
    return {
      post: (req) => worker.postMessage(req),
      terminate: () => {
        terminated = true
        void worker.terminate()
      },
    }
  }
}

/** The worker thread's side: one answer per job request; `--policy-file`s compiled in a vm context of its own. */
export function serveSweepJobs(port: MessagePort): void {
  const compile = sweepPolicyCompiler(nodeRealm)
  port.on('message', (req: SweepJobRequest) => port.postMessage(answerJob(req, compile)))
}
