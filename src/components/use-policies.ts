import { useSyncExternalStore } from 'react'
import { policies } from '../engine/policies/registry.ts'
import type { SchedulingPolicy } from '../engine/policies/policy.ts'

/** The registered policies, in order; re-renders when one is registered or disposed at run time. */
export function usePolicies(): readonly SchedulingPolicy[] {
  return useSyncExternalStore(policies.subscribe, policies.list)
}
