import type { PolicyDefinition } from './policy.ts'

/**
 * The heaviest task first; among equal weights the earliest arrival, which queue order
 * already gives (the queue is in arrival order).
 */
export const weightedFifo = {
  name: 'WeightedFIFO',
  label: 'Weighted FIFO',
  color: '#d97706',
  keyLabel: 'weight',
  summary: 'The heaviest task first; among equal weights, the earliest arrival.',
  higherFirst: true,
  staticKey: true,
  key: (t) => t.weight,
} satisfies PolicyDefinition
