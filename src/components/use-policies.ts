import { useMemo, useSyncExternalStore } from 'react'
import { policyColor } from '../charts/palette.ts'
import { policies } from '../engine/policies/registry.ts'
import type { SchedulingPolicy } from '../engine/policies/policy.ts'
import { useApp } from '../store/context.tsx'

/**
 * The registered policies, in order; re-renders when one is registered or disposed at run time.
 * In presentation mode their colours are the colour-blind-safe palette's (charts/palette.ts).
 */
export function usePolicies(): readonly SchedulingPolicy[] {
  const list = useSyncExternalStore(policies.subscribe, policies.list)
  const presentation = useApp((s) => s.presentation)
  return useMemo(() => (presentation ? list.map((p, i) => ({ ...p, color: policyColor(p.name, p.color, i, true) })) : list), [list, presentation])
}
