import type { PolicyDefinition } from './policy.ts'

/** First in, first out: the earliest arrival. */
export const fifo = {
  name: 'FIFO',
  label: 'FIFO',
  color: '#6b7280',
  keyLabel: 'arrival (s)',
  summary: 'First in, first out: the earliest arrival starts first.',
  reason: 'arrived {arrival}, earliest in queue',
  higherFirst: false,
  staticKey: true,
  key: (t) => t.arrival,
} satisfies PolicyDefinition
