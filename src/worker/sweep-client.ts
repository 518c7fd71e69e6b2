import { inThreadWorkers, type StartWorker, type SweepJobReply } from '../sweep/pool.ts'

/** More workers than this gain little on a laptop and cost memory (each holds an engine). */
export const MAX_SWEEP_WORKERS = 8

/** As many workers as the machine has cores (2 when it does not say), capped. */
export function sweepWorkerCount(): number {
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency > 0 ? navigator.hardwareConcurrency : 2
  return Math.max(1, Math.min(MAX_SWEEP_WORKERS, cores))
}

/**
 * Module Web Workers for sweep jobs; where there are none (old browsers, test environments),
 * jobs run on the page's thread, one per task, so the page still breathes between them.
 */
export function sweepWorkers(): StartWorker {
  if (typeof Worker === 'undefined') return inThreadWorkers((run) => setTimeout(run, 0))
  return (onReply, onFail) => {
    const worker = new Worker(new URL('./sweep.worker.ts', import.meta.url), { type: 'module', name: 'schedscope-sweep' })
    worker.onmessage = (e: MessageEvent<SweepJobReply>) => onReply(e.data)
    worker.onerror = (e) => onFail(`a sweep worker failed: ${e.message}`)
    return { post: (req) => worker.postMessage(req), terminate: () => worker.terminate() }
  }
}
