import type { Metrics } from '../results.ts'
import type { ServingMetrics } from './metrics.ts'
import type { Replica } from './replica.ts'
import { FINISHED, REJECTED, type RunState } from './state.ts'
import type { DeploymentSpec } from './types.ts'

export type RequestStatus = 'completed' | 'unfinished' | 'rejected'

/** What happened to one request in one run; times in seconds, null where it never got there. */
export interface RequestOutcome {
  readonly index: number
  readonly id: string
  readonly model: string
  readonly weight: number
  readonly arrivalS: number
  readonly status: RequestStatus
  readonly firstTokenS: number | null
  readonly completionS: number | null
  /** The replica that finished it. */
  readonly replica: number | null
  readonly preemptions: number
  /** Every token computed, recomputation after preemptions included. */
  readonly computedTokens: number
  readonly rejection: string | null
}

export interface ServingResult {
  readonly algorithm: string
  readonly metrics: ServingMetrics
  /**
   * The keys every mode has (../results.ts Metrics), for the app's Results table and the
   * results JSON: flow time is E2E, queueing delay the wait until first admitted.
   */
  readonly common: Metrics
  /** Iterations run, over every replica. */
  readonly iterations: number
  /** Σ over iterations of the requests in each batch. */
  readonly batchedRequests: number
  /** Time of the run's last event: the last iteration's end, or the last arrival. */
  readonly endS: number
  readonly replicas: readonly Replica[]
  readonly deployments: readonly DeploymentSpec[]
  /** Per request, input order (built on first read). */
  readonly requests: readonly RequestOutcome[]
}

export function buildOutcomes(s: RunState): RequestOutcome[] {
  const { prepared, req } = s
  const orNull = (x: number) => (Number.isNaN(x) ? null : x)
  return prepared.tasks.map((r, i) => {
    const place = req.place[i]
    return {
      index: i,
      id: r.id,
      model: r.model,
      weight: r.weight,
      arrivalS: r.arrivalS,
      status: place === FINISHED ? 'completed' : place === REJECTED ? 'rejected' : 'unfinished',
      firstTokenS: orNull(req.firstTokenS[i]!),
      completionS: orNull(req.finishS[i]!),
      replica: req.replica[i]! >= 0 ? req.replica[i]! : null,
      preemptions: req.preemptions[i]!,
      computedTokens: req.computed[i]!,
      rejection: place === REJECTED ? prepared.rejection[i]! : null,
    }
  })
}
