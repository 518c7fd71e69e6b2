import type { CustomPolicySource } from '../engine/policies/custom.ts'
import type { WaitingItem } from '../engine/policies/policy.ts'
import { compileKey } from './compile.ts'
import { PolicyCodeError } from './errors.ts'
import type { Realm } from './realm.ts'

/** What the editor's Check finds: problems on their lines, or the key's value on each sample task. */
export interface PolicyCheck {
  readonly problems: readonly { readonly line: number; readonly message: string }[]
  /** The key of each sample task (empty when there are problems). */
  readonly values: readonly number[]
  /** Whether the key read `waited` or `now` (a moving key). */
  readonly readsTime: boolean
}

const task = (order: number, arrival: number, weight: number, tokens: number, model: string, tp: number, now: number): WaitingItem => ({
  order,
  arrival,
  weight,
  remaining: tokens / 1000,
  ratioRemaining: tokens / 1000,
  tokens,
  remainingTokens: tokens,
  model,
  tp,
  waited: now - arrival,
  now,
})

/**
 * Tasks a key is tried on before it is added: unlike one another in every field (a heavy short
 * task, a light long one, a fresh one, one that waited long), as the fields are in a run:
 * remaining in seconds at 1,000 tokens/s, times in seconds.
 */
export const SAMPLE_TASKS: readonly WaitingItem[] = [
  task(0, 0, 1, 2000, 'Llama3-8B', 1, 0),
  task(1, 0.5, 3, 200, 'Qwen3', 2, 2),
  task(2, 4, 0.5, 30000, 'Llama3-70B', 8, 4),
  task(3, 1, 2, 1000, 'Llama3-8B', 4, 61),
]

/** Compiles a policy and works out its key on the sample tasks (in the realm given: a worker's). */
export function checkPolicy(source: Pick<CustomPolicySource, 'key'>, realm: Realm): PolicyCheck {
  try {
    const key = compileKey(source.key, realm)
    let readsTime = false
    const values = SAMPLE_TASKS.map((t) => {
      const r = key.keyReadingTime(t)
      readsTime ||= r.readTime
      return r.key
    })
    return { problems: [], values, readsTime }
  } catch (e) {
    if (!(e instanceof PolicyCodeError)) throw e
    return { problems: [{ line: e.line, message: e.problem }], values: [], readsTime: false }
  }
}
