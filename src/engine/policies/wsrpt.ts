import type { PolicyDefinition } from './policy.ts'

/**
 * Weighted shortest remaining processing time (Smith's rule): the largest weight per second of
 * remaining work first; a task with no work left ranks first. In serving mode, the largest
 * weight per output token left, weight / (O − g).
 */
export const wsrpt = {
  name: 'WSRPT',
  label: 'Weighted SRPT',
  color: '#7c3aed',
  keyLabel: 'weight / remaining',
  summary: "Smith's rule: the largest weight per second of remaining work first.",
  higherFirst: true,
  staticKey: true,
  key: (t) => (t.ratioRemaining > 0 ? t.weight / t.ratioRemaining : Infinity),
  servingKeyLabel: 'weight / output tokens left',
} satisfies PolicyDefinition
