import { compareByKey, type SchedulingPolicy } from './policy.ts'

const key = (t: { weight: number }) => t.weight

/**
 * The heaviest task first; among equal weights the earliest arrival, which queue order
 * already gives (the queue is in arrival order).
 */
export const weightedFifo = {
  name: 'WeightedFIFO',
  label: 'Weighted FIFO',
  keyLabel: 'weight',
  higherFirst: true,
  key,
  compare: compareByKey(key, true),
} satisfies SchedulingPolicy
