import { POLICY_NAME, type PolicyDefinition, type WaitingItem } from './policy.ts'

/**
 * A policy written by a user (issue 17), as data: what the editor makes and what links, saved
 * state and scenario files carry. The key is source text; only the simulation worker (and the
 * CLI) compile it, in a sandbox with a step budget (src/policy-code/). The page registers a
 * placeholder of the same name (customPolicyDefinition) whose key it never calls.
 */
export interface CustomPolicySource {
  /** The stable name, as for the built-ins (results keyed `<workload>_<name>`). */
  readonly name: string
  readonly higherFirst: boolean
  /** The key over a waiting task `t` (src/policy-code/instrument.ts lists the forms it takes). */
  readonly key: string
  readonly label?: string
  /** #rrggbb; the registry picks a spare colour without it. */
  readonly color?: string
}

/** At most this many custom policies in one scenario, each key at most this long. */
export const MAX_CUSTOM_POLICIES = 8
export const MAX_KEY_CHARS = 10_000

const COLOR = /^#[0-9a-fA-F]{6}$/

/**
 * What is wrong with a custom policy's fields, each as [field, message] (empty when fine).
 * Names are checked against the registry's pattern where they are registered.
 */
export function customPolicyProblems(value: unknown): [field: string, message: string][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [['', 'must be an object {name, higherFirst, key}']]
  const o = value as Record<string, unknown>
  const out: [string, string][] = []
  for (const k of Object.keys(o)) if (!['name', 'higherFirst', 'key', 'label', 'color'].includes(k)) out.push([k, 'unknown key (a policy has name, higherFirst, key, label, color)'])
  if (typeof o.name !== 'string' || !POLICY_NAME.test(o.name)) {
    out.push(['name', "must start with a letter and hold only letters, digits, '_', '.' or '-' (at most 40)"])
  }
  if (typeof o.higherFirst !== 'boolean') out.push(['higherFirst', 'must be true or false'])
  if (typeof o.key !== 'string' || o.key.trim() === '') out.push(['key', 'must be the key’s source text, not empty'])
  else if (o.key.length > MAX_KEY_CHARS) out.push(['key', `is ${o.key.length} characters long; the limit is ${MAX_KEY_CHARS}`])
  if (o.label !== undefined && (typeof o.label !== 'string' || o.label.length > 60)) out.push(['label', 'must be a text of at most 60 characters'])
  if (o.color !== undefined && (typeof o.color !== 'string' || !COLOR.test(o.color))) out.push(['color', 'must be a colour #rrggbb'])
  return out
}

/** The policy's fields as checked by customPolicyProblems (which must have found none). */
export function customPolicySource(o: CustomPolicySource): CustomPolicySource {
  return {
    name: o.name,
    higherFirst: o.higherFirst,
    key: o.key,
    ...(o.label !== undefined && { label: o.label }),
    ...(o.color !== undefined && { color: o.color }),
  }
}

/**
 * The registry entry of a custom policy, around a key: the compiled key in the worker, a
 * placeholder on the page. `staticKey` is whether the key read neither `waited` nor `now`
 * (the worker finds out; the page assumes it moves).
 */
export function customPolicyDefinition(src: CustomPolicySource, key: (t: WaitingItem) => number, staticKey: boolean): PolicyDefinition {
  const label = src.label ?? src.name
  const direction = src.higherFirst ? 'highest' : 'lowest'
  return {
    name: src.name,
    label,
    ...(src.color !== undefined && { color: src.color }),
    keyLabel: 'key',
    summary: `A policy written by a user: ${direction} key first, ties to queue order.`,
    reason: `key {key}, ${direction} in queue`,
    higherFirst: src.higherFirst,
    staticKey,
    key,
    userCode: true,
  }
}

/** The page's stand-in for a custom policy's key: its code runs only in the simulation worker. */
export function keyRunsInWorker(): number {
  throw new Error('a policy written in the browser runs only in the simulation worker')
}
