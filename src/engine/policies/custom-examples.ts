import type { CustomPolicySource } from './custom.ts'

/** A shipped example for the policy editor: a policy as a user would write it, and what it shows. */
export interface PolicyExample extends CustomPolicySource {
  readonly label: string
  readonly about: string
}

/**
 * The examples the editor offers (issue 17). Each is what a user could type: plain key source,
 * with `t` the waiting task (times in seconds).
 */
export const POLICY_EXAMPLES: readonly PolicyExample[] = [
  {
    name: 'EDF',
    label: 'EDF-like: arrival + k × tokens',
    about: 'A deadline of the arrival plus k seconds per token; the earliest deadline starts first. Small k is FIFO, large k ranks by size like SRPT.',
    higherFirst: false,
    key: ['// Earliest deadline first: each task is due k seconds', '// per token after it arrives.', 'const k = 0.001', 'return t.arrival + k * t.tokens'].join('\n'),
  },
  {
    name: 'Aging',
    label: 'Aging: weight grows with waiting',
    about: 'The weight, grown by half of itself per second waited: heavy tasks first, but a light task that waits long enough overtakes them. A moving key: it is re-ranked at every decision.',
    higherFirst: true,
    key: ['// The weight grows with the time waited, so nobody', '// waits forever behind heavier tasks.', 'const perSecond = 0.5', 'return t.weight * (1 + perSecond * t.waited)'].join('\n'),
  },
  {
    name: 'LAS',
    label: 'Least attained service',
    about:
      'The service a task has received so far (tokens done), least first. Jobs here are never preempted, so a waiting job has received none: every key is 0 and LAS is FIFO (ties go to queue order). It differs only where work is preempted and resumed.',
    higherFirst: false,
    key: ['// Least attained service: the tokens already produced.', '// A waiting job has produced none (jobs are not', '// preempted), so here this ties and falls to FIFO.', 'return t.tokens - t.remainingTokens'].join('\n'),
  },
]
