import { describe, expect, it } from 'vitest'
import type { WaitingItem } from '../../src/engine/policies/policy.ts'
import { nodeRealm } from '../../src/cli/node-realm.ts'
import { compileKey } from '../../src/policy-code/compile.ts'
import { thisRealm } from '../../src/policy-code/realm.ts'

// Not hardened: hardening this realm would change the test process's built-ins; the hardened
// realm is tested in a vm context below (the CLI's), made the way the workers harden theirs.
const here = thisRealm({ harden: false })

const item = (over: Partial<WaitingItem> = {}): WaitingItem => ({
  order: 0,
  arrival: 1.5,
  weight: 2,
  remaining: 3,
  ratioRemaining: 3,
  tokens: 3000,
  remainingTokens: 3000,
  model: 'Llama3-8B',
  tp: 2,
  waited: 0.25,
  now: 1.75,
  ...over,
})

/** The message a key's evaluation throws ('' when it returns). */
function problem(text: string, over: Partial<WaitingItem> = {}, budget?: number): string {
  try {
    compileKey(text, here, budget).key(item(over))
    return ''
  } catch (e) {
    return (e as Error).message
  }
}

describe('the forms a key takes', () => {
  it.each([
    ['an expression', 't.arrival + 0.001 * t.tokens'],
    ['statements with return', 'const k = 0.001\nreturn t.arrival + k * t.tokens'],
    ['an arrow function', '(t) => t.arrival + 0.001 * t.tokens'],
    ['an arrow with a block, and its own name for the task', '(task) => {\n  return task.arrival + 0.001 * task.tokens\n}'],
    ['a function declaration', 'function deadline(t) {\n  return t.arrival + 0.001 * t.tokens\n}'],
  ])('%s: 1.5 + 0.001 × 3000 = 4.5', (_, text) => {
    expect(compileKey(text, here).key(item())).toBe(4.5)
  })

  it('sees the task in seconds and tokens: every field', () => {
    const key = compileKey('[t.order, t.arrival, t.weight, t.remaining, t.ratioRemaining, t.tokens, t.remainingTokens, t.tp, t.waited, t.now].reduce((a, b) => a * 10 + b, 0) + (t.model === "Llama3-8B" ? 0.5 : 0)', here)
    // ((((((((0·10+1.5)·10+2)·10+3)·10+3)·10+3000)·10+3000)·10+2)·10+0.25)·10+1.75, then + 0.5.
    let expected = 0
    for (const x of [0, 1.5, 2, 3, 3, 3000, 3000, 2, 0.25, 1.75]) expected = expected * 10 + x
    expect(key.key(item())).toBe(expected + 0.5)
  })

  it('tells a key that reads the time (waited, now) from one that does not', () => {
    expect(compileKey('t.weight', here).keyReadingTime(item())).toEqual({ key: 2, readTime: false })
    expect(compileKey('t.weight * (1 + 0.5 * t.waited)', here).keyReadingTime(item())).toEqual({ key: 2.25, readTime: true })
    expect(compileKey('t.now - t.arrival', here).keyReadingTime(item())).toEqual({ key: 0.25, readTime: true })
    // Only when it is read: a branch not taken does not count.
    expect(compileKey('t.weight > 5 ? t.waited : t.weight', here).keyReadingTime(item())).toEqual({ key: 2, readTime: false })
    expect(compileKey('t.weight > 5 ? t.waited : t.weight', here).keyReadingTime(item({ weight: 10 }))).toEqual({ key: 0.25, readTime: true })
  })
})

describe('validation messages name the line', () => {
  it('a syntax error', () => {
    expect(problem('const k = 0.001\nreturn t.arrival +\n')).toBe('line 3: syntax error: Unexpected token')
    expect(problem('return t.weight)')).toBe('line 1: syntax error: Unexpected token')
    // Strict mode's rules, as when it runs.
    expect(problem('let x = 1\nwith (t) { x = weight }\nreturn x')).toBe("line 2: syntax error: 'with' in strict mode")
  })

  it('an error thrown while it runs', () => {
    expect(problem('const m = null\nconst k = 2\nreturn m.scale * k')).toBe("line 3: TypeError: Cannot read properties of null (reading 'scale')")
    expect(problem('if (t.weight > 1) {\n  throw new Error("too heavy")\n}\nreturn 0')).toBe('line 2: Error: too heavy')
    expect(problem('if (t.weight > 1) {\n  throw "plain"\n}\nreturn 0')).toBe('line 2: it threw "plain"')
  })

  it('a value that is not a finite number, with the task it was worked out for', () => {
    const task = 'for a task that arrived at 1.5 s (weight 2, 3000 tokens, t.now 1.75 s); a key must be a finite number'
    expect(problem('const k = 2\nt.weight * k')).toBe(`line 2: returned undefined (is a \`return\` missing?) ${task}`)
    expect(problem('return t.model')).toBe(`line 1: returned the text "Llama3-8B" ${task}`)
    expect(problem('\nreturn 0 / 0')).toBe(`line 2: returned NaN ${task}`)
    expect(problem('1 / (t.weight - 2)')).toBe(`line 1: returned Infinity ${task}`)
    expect(problem('({ key: 1 })')).toBe(`line 1: returned an object ${task}`)
    expect(problem('((t) => t.weight * 2)')).toBe('')
    expect(problem('')).toBe('the key is empty: write an expression over t, such as t.weight')
  })
})

describe('the step budget', () => {
  // Steps: one per statement in a list, per loop iteration, per call. Here 3 statements and N iterations.
  const sum = (n: number) => `let s = 0\nfor (let i = 0; i < ${n}; i++) s += i\nreturn s`

  it('counts statements, iterations and calls exactly', () => {
    expect(compileKey(sum(97), here, 100).key(item())).toBe((97 * 96) / 2)
    // 2 + 98 steps by the end of the loop, the 101st is the return; with 99 iterations the loop's last.
    expect(problem(sum(98), {}, 100)).toBe('line 3: stopped after 100 steps for one task (an endless loop?)')
    expect(problem(sum(99), {}, 100)).toBe('line 2: stopped after 100 steps for one task (an endless loop?)')
    // Afresh for every task: the same key runs again.
    const key = compileKey(sum(97), here, 100)
    expect([key.key(item()), key.key(item())]).toEqual([4656, 4656])
  })

  it('stops a key that loops, on the loop’s line', () => {
    expect(problem('let x = 0\n\nwhile (true) {}\nreturn x')).toBe('line 3: stopped after 1,000,000 steps for one task (an endless loop?)')
    expect(problem('for (;;);')).toBe('line 1: stopped after 1,000,000 steps for one task (an endless loop?)')
    expect(problem('let i = 0\ndo { i-- } while (i < 1)\nreturn i')).toBe('line 2: stopped after 1,000,000 steps for one task (an endless loop?)')
  })

  it('stops it even when the key catches the stop and carries on', () => {
    expect(problem('try {\n  while (true) {}\n} catch (e) {}\nreturn 1')).toBe('line 2: stopped after 1,000,000 steps for one task (an endless loop?)')
    expect(problem('for (;;) {\n  try { for (;;) {} } catch {}\n}')).toMatch(/^line [12]: stopped after 1,000,000 steps/)
  })

  it('stops deep recursion (the stack) and loops in callbacks', () => {
    expect(problem('function f(n) { return f(n + 1) }\nreturn f(0)')).toBe('line 1: RangeError: Maximum call stack size exceeded')
    expect(problem('return Array.from({ length: 2000000 }, (_, i) => i).length', {}, 1000)).toBe('line 1: stopped after 1,000 steps for one task (an endless loop?)')
  })
})

describe('the sandbox', () => {
  const denied = ['self', 'globalThis', 'window', 'postMessage', 'fetch', 'importScripts', 'XMLHttpRequest', 'WebSocket', 'Function', 'eval', 'process', 'require', 'setTimeout', 'Date', 'performance', 'Reflect', 'Proxy']

  it.each(denied)('%s is undefined to a key', (name) => {
    expect(compileKey(`typeof ${name} === 'undefined' ? 1 : 0`, here).key(item())).toBe(1)
  })

  it('leaves the deterministic built-ins, Math without random', () => {
    expect(compileKey('Math.max(t.weight, 3) + Number.parseFloat("0.5") + JSON.parse("[1]")[0] + [3, 1].sort()[0]', here).key(item())).toBe(5.5)
    expect(compileKey('typeof Math.random === "undefined" ? 1 : 0', here).key(item())).toBe(1)
    // console prints nothing, rather than failing a key left with a log line.
    expect(compileKey('console.log(t)\nreturn 1', here).key(item())).toBe(1)
  })

  it('gives the task without a prototype, and `this` undefined', () => {
    expect(compileKey('Object.getPrototypeOf(t) === null && t.constructor === undefined ? 1 : 0', here).key(item())).toBe(1)
    expect(compileKey('function f() { return this }\nreturn f() === undefined ? 1 : 0', here).key(item())).toBe(1)
  })

  it('refuses imports and the names it reserves, before anything runs', () => {
    expect(problem('const m = 1\nreturn import("data:text/javascript,1")')).toBe('line 2: a policy cannot import anything: it sees only the task t')
    expect(problem('\n\nimport.meta.url')).toBe('line 3: a policy cannot import anything: it sees only the task t')
    expect(problem('__schedscope$s = () => {}\nwhile (true) {}')).toBe('line 1: names starting with __schedscope are reserved')
    expect(problem('async function f() {}\nreturn 1')).toBe('line 1: a key is worked out at once: no async functions or await')
  })

  it('in a hardened realm, no function leads to the Function constructor', () => {
    const hardened = nodeRealm()
    const run = (text: string) => compileKey(text, hardened).key(item())
    expect(run('(() => {}).constructor === undefined ? 1 : 0')).toBe(1)
    expect(run('Object.getPrototypeOf(function* () {}).constructor === undefined ? 1 : 0')).toBe(1)
    expect(() => run('({}).constructor.constructor("return 1")()')).toThrow('line 1: TypeError: {}.constructor.constructor is not a function')
    expect(() => run('try { null.x } catch (e) { return e.constructor.constructor("return 1")() }')).toThrow(/^line 1: TypeError: e\.constructor\.constructor is not a function$/)
    expect(run('typeof process + typeof require + typeof globalThis === "undefinedundefinedundefined" ? 1 : 0')).toBe(1)
  })
})
