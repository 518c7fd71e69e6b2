import { freezeBody } from './freeze.ts'

/**
 * Where a policy's code is compiled: a JavaScript realm (a global scope and its built-ins).
 * The simulation worker and the check worker compile in their own realm (thisRealm, after
 * hardenRealm); the CLI in a fresh node:vm context (src/cli/node-realm.ts).
 */
export interface Realm {
  /** A function made in the realm from parameter names and a body (the realm's `new Function`). */
  makeFunction(params: readonly string[], body: string): (...args: unknown[]) => unknown
  /** Every name the realm's global scope resolves (own and inherited properties of its global). */
  globalNames(): readonly string[]
}

/**
 * Built-ins a key may use: deterministic ECMAScript only. `Math` is given without `random`;
 * `console` as a no-op. Every other global name (self, postMessage, fetch, importScripts,
 * XMLHttpRequest, WebSocket, Date, performance, Function, eval, setTimeout, ...) is shadowed by
 * a parameter bound to undefined.
 */
export const ALLOWED_GLOBALS: ReadonlySet<string> = new Set([
  'Math', 'Number', 'String', 'Boolean', 'Array', 'Object', 'JSON', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Symbol', 'BigInt',
  'Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'isFinite', 'isNaN', 'parseFloat', 'parseInt',
  'Infinity', 'NaN', 'undefined', 'Float64Array', 'Int32Array', 'Uint8Array', 'console',
])

/** Denied even where the realm does not define them (another host may). */
const ALWAYS_DENIED = [
  'self', 'globalThis', 'window', 'global', 'postMessage', 'fetch', 'importScripts', 'XMLHttpRequest', 'WebSocket', 'EventSource',
  'Worker', 'SharedWorker', 'BroadcastChannel', 'MessageChannel', 'indexedDB', 'caches', 'navigator', 'location', 'close', 'onmessage',
  'Function', 'eval', 'require', 'process', 'module', 'exports', 'Buffer', 'setTimeout', 'setInterval', 'queueMicrotask',
  'Date', 'performance', 'crypto', 'Atomics', 'SharedArrayBuffer', 'WebAssembly', 'Reflect', 'Proxy', 'Promise',
]

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/** The names to shadow in a realm: its globals and the always-denied ones, less the allowed. */
export function deniedNames(realm: Realm): string[] {
  const names = new Set([...ALWAYS_DENIED, ...realm.globalNames()])
  return [...names].filter((n) => IDENTIFIER.test(n) && !ALLOWED_GLOBALS.has(n) && n !== 'arguments')
}

/** The global names of the realm running this code (worker, page or Node). */
export function globalNamesOf(global: object): string[] {
  const out: string[] = []
  for (let o: object | null = global; o !== null; o = Object.getPrototypeOf(o) as object | null) out.push(...Object.getOwnPropertyNames(o))
  return out
}

/**
 * Cuts the ways from any function to its realm's Function constructor
 * (`(() => {}).constructor('return this')()` reaches the global scope otherwise): the
 * `constructor` of every kind of function's prototype is made undefined, for good. Then freezes
 * the built-ins a policy can reach (freeze.ts), so that no policy changes what the engine or
 * another policy computes. Run once in a realm that only runs the engine and policies (a
 * worker, a vm context), before any policy's code: never on the page.
 */
export const HARDEN_BODY = `
  for (const f of [function () {}, function* () {}, async function () {}, async function* () {}]) {
    const proto = Object.getPrototypeOf(f)
    if (Object.getOwnPropertyDescriptor(proto, 'constructor')?.configurable !== false) {
      Object.defineProperty(proto, 'constructor', { value: undefined, writable: false, enumerable: false, configurable: false })
    }
  }
` + freezeBody(ALLOWED_GLOBALS)

/** The realm this code runs in; hardened first when asked (the workers ask). */
export function thisRealm(options: { readonly harden: boolean }): Realm {
  // The Function constructor, taken before hardening (the global binding stays; only the
  // prototypes' `constructor` goes). Policy code cannot reach this binding: it is shadowed.
  const Make = Function
  if (options.harden) new Make(HARDEN_BODY)()
  return {
    makeFunction: (params, body) => new Make(...params, body) as (...args: unknown[]) => unknown,
    globalNames: () => globalNamesOf(globalThis),
  }
}
