import type { PreparedServing } from './prepare.ts'
import { ADMIT, FINISH, PREEMPT } from './serving-batch.ts'

/**
 * The reason of a recorded decision (recorder.ts), in words, for the app's decision log:
 * (kind, request, replica, detail) as the recorder stores them.
 */
export function describeDecision(prepared: PreparedServing, policy: string, kind: number, request: number, replica: number, detail: number): string {
  const q = prepared.requests[request]!
  if (kind === ADMIT) {
    return `${q.id} joins replica ${replica}: head of the ${q.model} queue in ${policy} order, with KV blocks free for its first chunk (${detail} still waiting)`
  }
  if (kind === PREEMPT) {
    const when = detail === request ? 'it needed more KV blocks itself' : `${prepared.requests[detail]!.id} needed more KV blocks`
    return `${q.id} is preempted on replica ${replica}: ranked last in ${policy} order among the running requests when ${when}; its blocks are freed and it will recompute its tokens`
  }
  if (kind === FINISH) return `${q.id} finishes on replica ${replica}: it generated its ${q.outputTokens} tokens and frees its KV blocks`
  return `${q.id} is rejected: ${prepared.rejection[request] ?? 'unknown reason'}`
}
