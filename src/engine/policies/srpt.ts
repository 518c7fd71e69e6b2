import type { PolicyDefinition } from './policy.ts'

/** Shortest remaining processing time first (remaining as the mode's estimator has it). */
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
} satisfies PolicyDefinition
