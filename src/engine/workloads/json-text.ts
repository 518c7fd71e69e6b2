import { InputError } from './errors.ts'

/** A scenario nests 4 levels (file → cluster → groups → group); a saved state one more. */
export const MAX_JSON_DEPTH = 64

/**
 * Whether JSON text nests arrays and objects deeper than `max`, found by one pass over the
 * characters (strings skipped), so that nothing recursive ever walks a hostile document.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92) i += 1 // backslash: skip the escaped character
      else if (c === 34) inString = false
    } else if (c === 34) inString = true
    else if (c === 91 || c === 123) {
      if (++depth > max) return true
    } else if (c === 93 || c === 125) depth -= 1
  }
  return false
}

/** JSON.parse with the nesting checked first; an InputError naming `source` when it fails. */
export function parseJsonText(text: string, source: string): unknown {
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    throw new InputError(source, [{ where: 'file', message: `nests arrays or objects more than ${MAX_JSON_DEPTH} levels deep; a scenario nests 4` }])
  }
  try {
    return JSON.parse(text)
  } catch (e) {
    throw new InputError(source, [{ where: 'file', message: `is not valid JSON (${(e as Error).message})` }])
  }
}

/** At most this many values are looked at to decide a value is small enough to show whole. */
const PREVIEW_NODES = 40

/**
 * A value as a message shows it: JSON when small, else a summary. Never recursive, so a value
 * nested thousands of levels deep cannot overflow the stack.
 */
export function previewJson(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? String(value)
  const stack: unknown[] = [value]
  let seen = 1
  while (stack.length > 0) {
    const x = stack.pop()
    if (typeof x !== 'object' || x === null) continue
    for (const k in x) {
      if (++seen > PREVIEW_NODES) {
        return Array.isArray(value) ? `[an array of ${value.length}]` : `{an object with ${Object.keys(value).length} keys}`
      }
      stack.push((x as Record<string, unknown>)[k])
    }
  }
  return JSON.stringify(value)
}

/** Keys of `obj` that are not in `known`, in the file's order. */
export function unknownKeys(obj: object, known: ReadonlySet<string>): string[] {
  return Object.keys(obj).filter((k) => !known.has(k))
}
