/**
 * Asks the simulation worker for a policy's keys of some tasks at a step; in a serving run,
 * with each request's generated tokens then (g, in task order).
 */
export type AskKeys = (algorithm: string, step: number, tasks: readonly number[], generated?: readonly number[]) => void

/**
 * The keys of a moving policy written by a user, as the worker works them out: the page runs
 * no user code, so the queue panels and the decisions ask for the keys at the step they show
 * and hear of the answer through `onAnswer` (the store counts answers: run.keysVersion).
 * A few steps are kept per algorithm; a step not known yet is asked for once.
 */
export class RemoteKeys {
  private readonly byStep = new Map<string, Map<number, number | null>>()
  private readonly errors = new Map<string, string>()
  private readonly asked = new Set<string>()

  constructor(
    private readonly ask: AskKeys,
    private readonly onAnswer: () => void,
    private readonly keep = 16,
  ) {}

  /**
   * Task i's key at the step: a number, null when the key failed there, undefined while it is
   * not known (then it is asked for, with the other tasks given). A serving run gives each
   * request's generated tokens at the step too (`generated`, in the order of `tasks`): they
   * depend on the step, which the cache is keyed by, so a known key stays right.
   */
  keysAt(algorithm: string, step: number, tasks: readonly number[], generated?: readonly number[]): (number | null | undefined)[] {
    const id = `${algorithm}@${step}`
    const known = this.byStep.get(id)
    const out = tasks.map((i) => known?.get(i))
    const missing = tasks.filter((_, k) => out[k] === undefined)
    const wanted = `${id}:${missing.join(',')}`
    if (missing.length > 0 && !this.asked.has(wanted)) {
      this.asked.add(wanted)
      if (generated === undefined) this.ask(algorithm, step, missing)
      else
        this.ask(
          algorithm,
          step,
          missing,
          tasks.flatMap((_, k) => (out[k] === undefined ? [generated[k] ?? 0] : [])),
        )
    }
    return out
  }

  /** What the first key that failed at the step said (the policy, its line, the problem), once answered. */
  errorAt(algorithm: string, step: number): string | undefined {
    return this.errors.get(`${algorithm}@${step}`)
  }

  /** The worker's answer (a `ranked` event). */
  answer(algorithm: string, step: number, tasks: readonly number[], keys: readonly (number | null)[], error?: string): void {
    const id = `${algorithm}@${step}`
    let known = this.byStep.get(id)
    if (known === undefined) {
      this.byStep.set(id, (known = new Map()))
      // The oldest steps go first: scrubbing asks for a new step every frame.
      while (this.byStep.size > this.keep) {
        const oldest = this.byStep.keys().next().value!
        this.byStep.delete(oldest)
        this.errors.delete(oldest)
        for (const a of [...this.asked]) if (a.startsWith(`${oldest}:`)) this.asked.delete(a)
      }
    }
    tasks.forEach((i, k) => known.set(i, keys[k] ?? null))
    if (error !== undefined && !this.errors.has(id)) this.errors.set(id, error)
    this.onAnswer()
  }
}
