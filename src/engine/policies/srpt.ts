import type { PolicyDefinition } from './policy.ts'

/**
 * Shortest remaining processing time first (remaining as the mode's estimator has it); in
 * serving mode, the fewest output tokens left (O − g).
 */
export const srpt = {
  name: 'SRPT',
  label: 'SRPT',
  color: '#059669',
  keyLabel: 'remaining (s)',
  summary: 'Shortest remaining processing time first.',
  reason: '{key:time} remaining, shortest in queue',
  higherFirst: false,
  staticKey: true,
  key: (t) => t.remaining,
  servingKeyLabel: 'output tokens left',
} satisfies PolicyDefinition
