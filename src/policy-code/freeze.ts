/** Globals a policy sees as frozen copies of its own (compile.ts): the host's stay as they are. */
const OWN_COPIES: ReadonlySet<string> = new Set(['console'])

/**
 * Freezes the built-ins a policy can reach, so that its code cannot change how the engine, or
 * another policy, computes in the same realm: a key that writes `Array.prototype.sort`,
 * `Number.isFinite` or `Number` itself gets a TypeError (the code is strict) and the engine's
 * objects stay as they were. Run once in the realm (it is text, so that the vm context's own
 * built-ins are frozen by functions of that context), before any policy's code.
 *
 * What is frozen: everything reachable, through properties and prototypes, from the globals a
 * policy may name (`allowedGlobals`) and from what its syntax makes (functions, generators,
 * iterators, regular expressions, typed arrays' buffers, promises). The global bindings of the
 * allowed names are made read-only too. The global object itself is left alone: the worker
 * sets its own `onmessage`.
 *
 * A frozen prototype would also stop ordinary code from giving an object its own `name` or
 * `toString` by assignment (`this.name = 'PolicyCodeError'` in an Error subclass throws once
 * Error.prototype.name is read-only). Those few properties become accessors first: reading
 * gives the built-in value, writing defines the property on the object written to, and writing
 * to the prototype itself still throws.
 */
export function freezeBody(allowedGlobals: Iterable<string>): string {
  return `(function () {
  'use strict'
  const tame = (proto, keys) => {
    for (const key of keys) {
      const d = Object.getOwnPropertyDescriptor(proto, key)
      if (d === undefined || !('value' in d) || !d.writable || !d.configurable) continue
      const value = d.value
      Object.defineProperty(proto, key, {
        get() { return value },
        set(v) {
          if (this === proto) throw new TypeError("Cannot assign to read only property '" + String(key) + "' of a built-in prototype")
          Object.defineProperty(this, key, { value: v, writable: true, enumerable: true, configurable: true })
        },
        enumerable: d.enumerable,
        configurable: false,
      })
    }
  }
  const errors = [Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError]
  if (typeof AggregateError === 'function') errors.push(AggregateError)
  tame(Object.prototype, ['constructor', 'toString', 'toLocaleString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable'])
  tame(Function.prototype, ['toString'])
  tame(Array.prototype, ['toString'])
  for (const E of errors) tame(E.prototype, ['constructor', 'name', 'message', 'toString'])

  const allowed = ${JSON.stringify([...allowedGlobals].filter((name) => !OWN_COPIES.has(name)))}
  const generator = function* () {}
  const roots = [
    ...allowed.map((name) => globalThis[name]),
    ...errors, ArrayBuffer, Promise, RegExp,
    typeof Iterator === 'undefined' ? null : Iterator,
    Function.prototype, generator, generator(), async function () {}, async function* () {},
    [][Symbol.iterator](), new Map()[Symbol.iterator](), new Set()[Symbol.iterator](), ''[Symbol.iterator](), /a/g[Symbol.matchAll]('a'),
  ]
  const seen = new Set()
  while (roots.length > 0) {
    const o = roots.pop()
    if (o === null || (typeof o !== 'object' && typeof o !== 'function') || seen.has(o)) continue
    seen.add(o)
    Object.freeze(o)
    roots.push(Object.getPrototypeOf(o))
    for (const key of Reflect.ownKeys(o)) {
      const d = Object.getOwnPropertyDescriptor(o, key)
      if ('value' in d) roots.push(d.value)
      else roots.push(d.get, d.set)
    }
  }
  for (const name of allowed) {
    const d = Object.getOwnPropertyDescriptor(globalThis, name)
    if (d !== undefined && d.configurable) Object.defineProperty(globalThis, name, { value: d.value, writable: false, enumerable: d.enumerable, configurable: false })
  }
})()
`
}
