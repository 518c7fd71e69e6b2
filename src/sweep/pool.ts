import type { SweepDefinition } from './definition.ts'
import { runSweepJob, type JobResult } from './jobs.ts'
import type { SweepPolicyCompiler } from './user-policies.ts'

/** What a worker is asked: one job of a sweep. The definition travels with it (a few hundred bytes). */
export interface SweepJobRequest {
  readonly definition: SweepDefinition
  readonly job: number
}

export type SweepJobReply = { readonly ok: true; readonly result: JobResult } | { readonly ok: false; readonly job: number; readonly message: string }

/**
 * The worker's side: runs the job, or says why it could not (the message names the point and
 * seed, and for a policy written by a user, the policy and line). `compile`: the worker's sandbox.
 */
export function answerJob(req: SweepJobRequest, compile?: SweepPolicyCompiler): SweepJobReply {
  try {
    return { ok: true, result: runSweepJob(req.definition, req.job, compile) }
  } catch (e) {
    return { ok: false, job: req.job, message: e instanceof Error ? e.message : String(e) }
  }
}

/** A worker as the pool sees it: a Web Worker, a Node worker thread, or this thread. */
export interface PoolWorker {
  post(req: SweepJobRequest): void
  terminate(): void
}

/** Starts a worker that calls onReply with each answer, or onFail if the worker itself dies. */
export type StartWorker = (onReply: (reply: SweepJobReply) => void, onFail: (message: string) => void) => PoolWorker

/** Runs jobs on this thread, each in a later task `defer` gives (tests, pages without workers). */
export function inThreadWorkers(defer: (run: () => void) => void, compile?: SweepPolicyCompiler): StartWorker {
  return (onReply) => {
    let live = true
    return {
      post: (req) => defer(() => live && onReply(answerJob(req, compile))),
      terminate: () => {
        live = false
      },
    }
  }
}

export class SweepCancelled extends Error {
  constructor() {
    super('sweep cancelled')
  }
}

export interface SweepExecution {
  /** Every job's result, in job order; rejects with the first failure, or SweepCancelled. */
  readonly done: Promise<JobResult[]>
  /** Terminates every worker at once. */
  cancel(): void
}

export interface PoolOptions {
  readonly workers: number
  readonly start: StartWorker
  /** After each job, with how many are done of how many. */
  readonly onResult?: (result: JobResult, done: number, total: number) => void
}

/**
 * Hands jobs to `workers` workers one at a time (each asks for the next when it answers, so a
 * slow point never holds up the rest) and collects the answers. The results do not depend on
 * which worker ran what: each job is deterministic and they are returned in job order.
 */
export function runJobs(d: SweepDefinition, jobs: readonly number[], options: PoolOptions): SweepExecution {
  const workers: PoolWorker[] = []
  const results = new Map<number, JobResult>()
  let next = 0
  let settled = false
  let resolve!: (r: JobResult[]) => void
  let reject!: (e: Error) => void
  const done = new Promise<JobResult[]>((res, rej) => {
    resolve = res
    reject = rej
  })
  const stopAll = () => {
    for (const w of workers) w.terminate()
  }
  const fail = (e: Error) => {
    if (settled) return
    settled = true
    stopAll()
    reject(e)
  }
  const feed = (w: PoolWorker) => {
    if (next < jobs.length) w.post({ definition: d, job: jobs[next++]! })
    else w.terminate()
  }
  const count = Math.max(1, Math.min(Math.floor(options.workers), jobs.length))
  if (jobs.length === 0) {
    settled = true
    resolve([])
  }
  for (let i = 0; i < count && !settled; i++) {
    const w: PoolWorker = options.start(
      (reply) => {
        if (settled) return
        if (!reply.ok) return fail(new Error(reply.message))
        results.set(reply.result.job, reply.result)
        options.onResult?.(reply.result, results.size, jobs.length)
        if (results.size === jobs.length) {
          settled = true
          stopAll()
          resolve(jobs.map((j) => results.get(j)!))
        } else feed(w)
      },
      (message) => fail(new Error(message)),
    )
    workers.push(w)
    feed(w)
  }
  return { done, cancel: () => fail(new SweepCancelled()) }
}
