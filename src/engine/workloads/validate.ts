import type { InputIssue } from './errors.ts'
import { fmtLimit, MAX_TIME_S, MAX_TOKENS, MAX_WEIGHT } from './limits.ts'

/**
 * Field checks shared by the CSV and JSON readers and the editor. Each returns a message when
 * the value is wrong, or undefined.
 */
export function checkNonNegative(x: number, what: string, max = Infinity, unit = ''): string | undefined {
  if (!Number.isFinite(x)) return `${what} must be a finite number`
  if (x < 0) return `${what} must not be negative`
  if (x > max) return `${what} must be at most ${fmtLimit(max)}${unit}`
  return undefined
}

export const checkWeight = (x: number): string | undefined => checkNonNegative(x, 'weight', MAX_WEIGHT)
export const checkArrival = (x: number): string | undefined => checkNonNegative(x, 'arrival time', MAX_TIME_S, ' s')
export const checkMemory = (x: number): string | undefined => checkNonNegative(x, 'memory')

export function checkTokens(x: number): string | undefined {
  return checkNonNegative(x, 'tokens', MAX_TOKENS) ?? (Number.isInteger(x) ? undefined : 'tokens must be a whole number')
}

export function checkTp(x: number): string | undefined {
  if (!Number.isInteger(x) || x < 1) return 'TP must be a whole number of GPUs, at least 1'
  if (x > 64) return 'TP must be at most 64'
  return undefined
}

/** Duplicate task ids make traces and the editor ambiguous. */
export function duplicateIdIssues(ids: readonly string[], where: (i: number) => string): InputIssue[] {
  const firstSeen = new Map<string, number>()
  const issues: InputIssue[] = []
  ids.forEach((id, i) => {
    const first = firstSeen.get(id)
    if (first === undefined) firstSeen.set(id, i)
    else issues.push({ where: where(i), field: 'Task', value: id, message: `duplicate task id (first at ${where(first)})` })
  })
  return issues
}
