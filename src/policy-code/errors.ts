/**
 * Something wrong with a policy's code, at a line of the text the user wrote (the editor's
 * lines, or the policy file's). `line` is 0 when no line can be named.
 */
export class PolicyCodeError extends Error {
  constructor(
    readonly line: number,
    readonly problem: string,
    /** The policy's name, once known. */
    readonly policy?: string,
  ) {
    super(`${policy === undefined ? '' : `policy ${policy}, `}${line > 0 ? `line ${line}: ` : ''}${problem}`)
    this.name = 'PolicyCodeError'
  }

  /** The same problem, said of a named policy. */
  of(policy: string): PolicyCodeError {
    return this.policy === policy ? this : new PolicyCodeError(this.line, this.problem, policy)
  }
}

/**
 * What a value thrown by user code says, read without trusting it: its `message` may be a
 * getter that throws, its `toString` may loop (and hit the step budget).
 */
export function thrownMessage(e: unknown): string {
  try {
    if (typeof e === 'object' && e !== null) {
      const name: unknown = (e as { name?: unknown }).name
      const message: unknown = (e as { message?: unknown }).message
      if (typeof message === 'string') return typeof name === 'string' && name !== '' ? `${name}: ${message}` : message
    }
    return `it threw ${typeof e === 'string' ? JSON.stringify(e) : String(e)}`
  } catch {
    return 'it threw a value that cannot be shown'
  }
}

/** V8's words for a write to a frozen object or a read-only binding. */
const FROZEN_WRITE = /^TypeError: (Cannot assign to read only property|Cannot redefine property|Cannot add property|Cannot delete property|Cannot define property)|^TypeError: .* is not extensible$/

/**
 * What a value thrown by user code says, with the reason when the code wrote to a built-in
 * (src/policy-code/freeze.ts freezes them, so that no policy changes another's results).
 */
export function codeErrorMessage(e: unknown): string {
  // V8 names a built-in function by its source: "of function 'function Number() { [native code] }'".
  const message = thrownMessage(e).replace(/ of function 'function ([\w$]+)\(\) \{ \[native code\] \}'/, ' of $1')
  return FROZEN_WRITE.test(message) ? `${message} (a policy cannot change JavaScript's built-ins, such as Array.prototype, Math or Number: they are shared with the other policies)` : message
}
