import { useRef, useState } from 'react'
import { POLICY_EXAMPLES } from '../engine/policies/custom-examples.ts'
import { customPolicyProblems, type CustomPolicySource } from '../engine/policies/custom.ts'
import { useApp } from '../store/context.tsx'
import { ownPolicyNames } from '../store/page-policies.ts'
import { createPolicyChecker, type PolicyCheck, type PolicyChecker } from '../worker/policy-check-client.ts'
import { KeyTextarea } from './KeyTextarea.tsx'
import { useModalFocus } from './use-modal-focus.ts'

const STARTER = '// t: arrival, weight, remaining, tokens, model, tp, waited, now (seconds)\nreturn t.weight'

let sharedChecker: PolicyChecker | null = null
/** One checker for the page: it starts a worker per check (see policy-check-client.ts). */
const defaultChecker = (): PolicyChecker => (sharedChecker ??= createPolicyChecker())

interface Draft {
  readonly name: string
  readonly higherFirst: boolean
  readonly key: string
  /** The policy being edited (its name before any rename), or null for a new one. */
  readonly editing: string | null
}

const blank: Draft = { name: '', higherFirst: false, key: STARTER, editing: null }

type Outcome = { readonly kind: 'check'; readonly check: PolicyCheck } | { readonly kind: 'problems'; readonly lines: readonly string[] } | null

/**
 * Write a policy (issue 17): a key over a waiting task `t`, a name and a direction. Check
 * compiles it off the page and works it out on sample tasks; Add (or Save) checks it again and
 * puts it in the scenario, where it appears beside the built-in policies. The key's code runs
 * only in workers, never on the page.
 */
export function PolicyEditor({ onClose, checker = defaultChecker() }: { onClose: () => void; checker?: PolicyChecker }) {
  const custom = useApp((s) => s.customPolicies)
  const actions = useApp((s) => s.actions)
  const [draft, setDraft] = useState<Draft>(blank)
  const [outcome, setOutcome] = useState<Outcome>(null)
  const [busy, setBusy] = useState(false)
  const nameRef = useRef<HTMLInputElement>(null)
  const box = useRef<HTMLDivElement>(null)
  useModalFocus(box, true, { initial: nameRef, onEscape: onClose })

  const change = (d: Partial<Draft>) => {
    setDraft((old) => ({ ...old, ...d }))
    setOutcome(null)
  }

  /** What is wrong with the name and fields, before the code is looked at. */
  function fieldProblems(): string[] {
    const out = customPolicyProblems({ name: draft.name, higherFirst: draft.higherFirst, key: draft.key }).map(([field, message]) => `${field === 'key' ? 'Key' : 'Name'} ${message}.`)
    if (ownPolicyNames().includes(draft.name)) out.push(`Name ${draft.name} is a built-in policy's; choose another.`)
    else if (draft.name !== draft.editing && custom.some((p) => p.name === draft.name)) out.push(`Name ${draft.name} is taken by another of your policies.`)
    return out
  }

  async function check(): Promise<PolicyCheck | null> {
    setBusy(true)
    try {
      const result = await checker({ key: draft.key })
      setOutcome({ kind: 'check', check: result })
      return result
    } finally {
      setBusy(false)
    }
  }

  async function add() {
    const problems = fieldProblems()
    if (problems.length > 0) {
      setOutcome({ kind: 'problems', lines: problems })
      return
    }
    const result = await check()
    if (result === null || result.problems.length > 0) return
    const policy: CustomPolicySource = { name: draft.name, higherFirst: draft.higherFirst, key: draft.key }
    actions.savePolicy(policy, draft.editing ?? undefined)
    setDraft(blank)
    setOutcome(null)
  }

  const example = (label: string) => {
    const e = POLICY_EXAMPLES.find((x) => x.label === label)
    if (e !== undefined) change({ name: e.name, higherFirst: e.higherFirst, key: e.key })
  }

  const badLine = outcome?.kind === 'check' ? (outcome.check.problems[0]?.line ?? 0) : 0
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        ref={box}
        className="dialog policy-editor"
        role="dialog"
        aria-modal="true"
        aria-label="Policy editor"
        onClick={(e) => e.stopPropagation()}
      >
        <h2>Write a policy</h2>
        <p className="hint">
          A policy is a key worked out for each waiting task <code>t</code>; the task with the lowest (or highest) key starts first, ties in queue order.{' '}
          <code>t</code> has <code>arrival</code>, <code>weight</code>, <code>remaining</code>, <code>tokens</code>, <code>model</code>, <code>tp</code>,{' '}
          <code>waited</code> and <code>now</code> (times in seconds). Write an expression or a body with <code>return</code>. It runs only in the simulation
          worker, with a step budget.
        </p>
        {custom.length > 0 && (
          <ul className="policy-list" aria-label="Your policies">
            {custom.map((p) => (
              <li key={p.name}>
                <strong>{p.name}</strong> <span className="sub">{p.higherFirst ? 'higher first' : 'lower first'}</span>{' '}
                <button type="button" className="btn" aria-label={`Edit ${p.name}`} onClick={() => change({ name: p.name, higherFirst: p.higherFirst, key: p.key, editing: p.name })}>
                  Edit
                </button>{' '}
                <button type="button" className="btn" aria-label={`Remove ${p.name}`} onClick={() => actions.removePolicy(p.name)}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="policy-fields">
          <label className="field">
            Example
            <select value="" onChange={(e) => example(e.target.value)}>
              <option value="">Start from an example…</option>
              {POLICY_EXAMPLES.map((e) => (
                <option key={e.name} value={e.label} title={e.about}>
                  {e.label}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            Name
            <input ref={nameRef} type="text" value={draft.name} maxLength={40} spellCheck={false} onChange={(e) => change({ name: e.target.value })} />
          </label>
          <label className="switch">
            <input type="checkbox" role="switch" checked={draft.higherFirst} onChange={(e) => change({ higherFirst: e.target.checked })} />
            Higher first
          </label>
        </div>
        <KeyTextarea value={draft.key} badLine={badLine} onChange={(key) => change({ key })} />
        {POLICY_EXAMPLES.map((e) => e.key === draft.key && <p key={e.name} className="hint">{e.about}</p>)}
        <Outcome outcome={outcome} />
        <p className="dialog-buttons">
          <button type="button" className="btn" disabled={busy} onClick={() => void check()}>
            Check
          </button>{' '}
          <button type="button" className="btn primary" disabled={busy} onClick={() => void add()}>
            {draft.editing === null ? 'Add' : 'Save'}
          </button>{' '}
          {draft.editing !== null && (
            <button type="button" className="btn" onClick={() => change(blank)}>
              New policy
            </button>
          )}{' '}
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
        </p>
      </div>
    </div>
  )
}

function Outcome({ outcome }: { outcome: Outcome }) {
  if (outcome === null) return null
  if (outcome.kind === 'problems') {
    return (
      <div className="notice error" role="alert">
        {outcome.lines.map((l) => (
          <div key={l}>{l}</div>
        ))}
      </div>
    )
  }
  const { problems, values, readsTime } = outcome.check
  if (problems.length > 0) {
    return (
      <div className="notice error" role="alert">
        {problems.map((p) => (
          <div key={`${p.line}:${p.message}`}>{p.line > 0 ? `Line ${p.line}: ${p.message}` : p.message}</div>
        ))}
      </div>
    )
  }
  return (
    <p className="notice ok" role="status">
      OK. Keys of four sample tasks: {values.map((v) => String(Number(v.toPrecision(6)))).join(', ')}.{' '}
      {readsTime ? 'It reads waited or now: a moving key, re-ranked at every decision.' : 'A static key: ranked once per task.'}
    </p>
  )
}
