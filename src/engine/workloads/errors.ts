/** One thing wrong with an input, located as precisely as the format allows. */
export interface InputIssue {
  /** 1-based line (CSV) or a JSON path like `tasks[3].tokens`. */
  readonly where: string
  readonly field?: string
  readonly value?: string
  readonly message: string
}

/** At most this many issues are listed; a broken file should not produce a wall of text. */
export const MAX_ISSUES = 50

export function formatIssue(source: string, issue: InputIssue): string {
  return `${source}: ${describeIssue(issue)}`
}

/** An issue without its source: `line 3, Tokens = '-7': tokens must not be negative`. */
export function describeIssue(issue: InputIssue): string {
  const field = issue.field !== undefined ? `, ${issue.field}` : ''
  const value = issue.value !== undefined ? ` = '${truncate(issue.value)}'` : ''
  return `${issue.where}${field}${value}: ${issue.message}`
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}...` : s
}

/**
 * Collects the problems of one input: keeps the first MAX_ISSUES, counts the rest, so a reader
 * can check everything and still say how much it left unlisted.
 */
export class IssueList {
  private readonly kept: InputIssue[] = []
  private total = 0

  get count(): number {
    return this.total
  }

  add(issue: InputIssue): void {
    this.total += 1
    if (this.kept.length < MAX_ISSUES) this.kept.push(issue)
  }

  /** The kept issues, then one saying how many more there were, if any. */
  list(): InputIssue[] {
    const more = this.total - this.kept.length
    return more > 0 ? [...this.kept, { where: 'file', message: `and ${more} more problems (only the first ${MAX_ISSUES} are listed)` }] : [...this.kept]
  }
}

/** Thrown for input the engine refuses; `issues` lists every problem found (up to MAX_ISSUES). */
export class InputError extends Error {
  readonly source: string
  readonly issues: readonly InputIssue[]

  constructor(source: string, issues: readonly InputIssue[]) {
    const shown = issues.slice(0, 10).map((i) => formatIssue(source, i))
    const more = issues.length > 10 ? [`... and ${issues.length - 10} more`] : []
    super([...shown, ...more].join('\n'))
    this.name = 'InputError'
    this.source = source
    this.issues = issues
  }
}

/** A decimal number as people write it in a CSV: no hex, no empty string, no 'Infinity'. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

export function parseDecimal(text: string): number | undefined {
  const s = text.trim()
  return DECIMAL.test(s) ? Number(s) : undefined
}
