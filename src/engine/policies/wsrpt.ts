import { compareByKey, type SchedulingPolicy } from './policy.ts'

/** Smith's rule: weight per second of remaining work; a task with no work left ranks first. */
const key = (t: { weight: number; ratioRemainingS: number }) =>
  t.ratioRemainingS > 0 ? t.weight / t.ratioRemainingS : Infinity

/** Weighted shortest remaining processing time: largest weight / remaining first. */
export const wsrpt = {
  name: 'WSRPT',
  label: 'Weighted SRPT',
  keyLabel: 'weight / remaining',
  higherFirst: true,
  key,
  compare: compareByKey(key, true),
} satisfies SchedulingPolicy
