/**
 * Presentation mode's policy colours: the Okabe–Ito palette (Okabe and Ito, 2008), told apart
 * by readers with any common colour-vision deficiency and dark enough on white for a
 * projector. The built-in policies keep fixed colours; others take the rest in order.
 */
export const OKABE_ITO = ['#E69F00', '#56B4E9', '#009E73', '#0072B2', '#D55E00', '#CC79A7', '#000000', '#F0E442'] as const

const BUILT_IN: Readonly<Record<string, string>> = { FIFO: '#000000', WeightedFIFO: '#E69F00', SRPT: '#0072B2', WSRPT: '#D55E00' }
const SPARE = ['#009E73', '#CC79A7', '#56B4E9', '#F0E442']

/** The colour of policy `name` (registered colour `color`, position `index` in the registry). */
export function policyColor(name: string, color: string, index: number, presentation: boolean): string {
  if (!presentation) return color
  return Object.hasOwn(BUILT_IN, name) ? BUILT_IN[name]! : SPARE[index % SPARE.length]!
}
