import { compareByKey, type SchedulingPolicy } from './policy.ts'

const key = (t: { remainingS: number }) => t.remainingS

/** Shortest remaining processing time first. */
export const srpt = {
  name: 'SRPT',
  label: 'SRPT',
  keyLabel: 'remaining (s)',
  higherFirst: false,
  key,
  compare: compareByKey(key, false),
} satisfies SchedulingPolicy
