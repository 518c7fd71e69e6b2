import type { WaitingItem } from '../engine/policies/policy.ts'
import { codeErrorMessage, PolicyCodeError, thrownMessage } from './errors.ts'
import { instrumentPolicyCode, RESERVED_PREFIX, STEP, type CodeForm } from './instrument.ts'
import { deniedNames, type Realm } from './realm.ts'

/** Steps (statements, loop iterations, calls) one evaluation may take: a key that loops is stopped. */
export const STEP_BUDGET = 1_000_000

const V = (name: string) => `${RESERVED_PREFIX}$${name}`

/**
 * The wrapper made in the realm around the instrumented body. It keeps the budget's state in
 * its own variables, makes the task objects the code sees (without a prototype, so `t` leads
 * nowhere), a Math without `random` and a console that prints nothing, and shadows every other
 * global by a parameter left undefined. The user's code is strict (nested in a strict function).
 */
function wrapperBody(body: string, budget: number): string {
  return `
const ${V('E')} = RangeError
let ${V('l')} = 0, ${V('n')} = 0, ${V('x')} = 0, ${V('r')} = 0
const ${STEP} = function (l) { ${V('l')} = l; if (++${V('n')} > ${budget}) { if (${V('x')} === 0) ${V('x')} = l; throw new ${V('E')}('the step budget is spent') } }
const ${V('M')} = Object.create(null)
for (const k of Object.getOwnPropertyNames(Math)) if (k !== 'random') ${V('M')}[k] = Math[k]
Object.freeze(${V('M')})
const ${V('C')} = Object.freeze({ log() {}, info() {}, warn() {}, error() {}, debug() {} })
const ${V('f')} = (function (Math, console) { return function (t) { "use strict";
${body}
} })(${V('M')}, ${V('C')})
const ${V('item')} = function (order, arrival, weight, remaining, ratioRemaining, tokens, remainingTokens, model, tp, waited, now, track) {
  const t = Object.create(null)
  t.order = order; t.arrival = arrival; t.weight = weight; t.remaining = remaining; t.ratioRemaining = ratioRemaining
  t.tokens = tokens; t.remainingTokens = remainingTokens; t.model = model; t.tp = tp
  if (track) {
    Object.defineProperty(t, 'waited', { get: function () { ${V('r')} = 1; return waited }, enumerable: true })
    Object.defineProperty(t, 'now', { get: function () { ${V('r')} = 1; return now }, enumerable: true })
  } else { t.waited = waited; t.now = now }
  return t
}
return [${V('f')}, ${V('item')}, function () { ${V('n')} = 0; ${V('x')} = 0; ${V('l')} = 0; ${V('r')} = 0 }, function () { return [${V('l')}, ${V('x')}, ${V('r')}] }]
`
}

type Fn = (...args: unknown[]) => unknown

/** A policy's code, compiled in a realm: runs it under the budget, errors placed on their line. */
export interface Sandboxed {
  /** Runs `f` (which calls into the code) under a fresh budget; the code's errors become PolicyCodeErrors. */
  guard<T>(f: () => T): T
  /** The compiled body: for a key, of `t`; for a policy file, its default export. */
  readonly run: Fn
  /** A task as the code sees it; with `track`, readTime() tells afterwards whether it read `waited` or `now`. */
  item(item: WaitingItem, track: boolean): unknown
  readTime(): boolean
}

/** Compiles a key or a policy file in `realm`; throws a PolicyCodeError (with the line) if it cannot. */
export function sandbox(text: string, form: CodeForm, realm: Realm, budget = STEP_BUDGET): Sandboxed {
  const body = instrumentPolicyCode(text, form)
  let parts: unknown
  try {
    parts = realm.makeFunction(deniedNames(realm), wrapperBody(body, budget))()
  } catch (e) {
    // The parser above accepts what the realm should: this is a syntax the realm does not know.
    throw new PolicyCodeError(0, `this JavaScript cannot run here: ${thrownMessage(e)}`)
  }
  const [run, item, reset, state] = parts as [Fn, Fn, Fn, () => [number, number, number]]
  return {
    run,
    guard<T>(f: () => T): T {
      reset()
      let out: T
      try {
        out = f()
      } catch (e) {
        const [line, tripped] = state()
        if (tripped > 0) throw budgetError(tripped, budget)
        // A value the host refused (checkedKey) is placed on the line that returned it.
        if (e instanceof PolicyCodeError) throw e.line > 0 ? e : new PolicyCodeError(line, e.problem, e.policy)
        throw new PolicyCodeError(line, codeErrorMessage(e))
      }
      // Caught inside and carried on: still stopped.
      const tripped = state()[1]
      if (tripped > 0) throw budgetError(tripped, budget)
      return out
    },
    item: (t, track) => item(t.order, t.arrival, t.weight, t.remaining, t.ratioRemaining, t.tokens, t.remainingTokens, t.model, t.tp, t.waited, t.now, track),
    readTime: () => state()[2] === 1,
  }
}

function budgetError(line: number, budget: number): PolicyCodeError {
  return new PolicyCodeError(line, `stopped after ${budget.toLocaleString('en')} steps for one task (an endless loop?)`)
}

/** What a key returned, for a message. */
function describeValue(v: unknown): string {
  if (v === undefined) return 'undefined (is a `return` missing?)'
  if (typeof v === 'number') return String(v)
  if (typeof v === 'string') return `the text ${JSON.stringify(v.slice(0, 20))}`
  return typeof v === 'object' ? (v === null ? 'null' : 'an object') : `a ${typeof v}`
}

/** A key's value, checked: a finite number, or a PolicyCodeError on the line that returned it. */
export function checkedKey(value: unknown, line: number, item: WaitingItem): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  throw new PolicyCodeError(line, `returned ${describeValue(value)} for a task that arrived at ${fmt(item.arrival)} s (weight ${fmt(item.weight)}, ${item.tokens} tokens, t.now ${fmt(item.now)} s); a key must be a finite number`)
}

const fmt = (x: number) => String(Number(x.toFixed(3)))

/** A compiled key: its value for a task, and whether it read the time. */
export interface CompiledKey {
  key(item: WaitingItem): number
  keyReadingTime(item: WaitingItem): { readonly key: number; readonly readTime: boolean }
}

/** Compiles the editor's key text (see instrumentPolicyCode for its forms). */
export function compileKey(text: string, realm: Realm, budget = STEP_BUDGET): CompiledKey {
  const box = sandbox(text, 'key', realm, budget)
  return keyOf(box, (t) => box.run(t))
}

/** A key from a function in the sandbox (`call` passes it the task as the code sees it). */
export function keyOf(box: Sandboxed, call: (t: unknown) => unknown): CompiledKey {
  const evaluate = (item: WaitingItem, track: boolean) => box.guard(() => checkedKey(call(box.item(item, track)), 0, item))
  return {
    key: (item) => evaluate(item, false),
    keyReadingTime(item) {
      const key = evaluate(item, true)
      return { key, readTime: box.readTime() }
    },
  }
}
