import { compareByKey, type SchedulingPolicy } from './policy.ts'

const key = (t: { arrivalS: number }) => t.arrivalS

/** First in, first out: the earliest arrival. */
export const fifo = {
  name: 'FIFO',
  label: 'FIFO',
  keyLabel: 'arrival (s)',
  higherFirst: false,
  key,
  compare: compareByKey(key, false),
} satisfies SchedulingPolicy
