import type { ArrivalProcess, TokenDistribution } from '../../engine/workloads/generator.ts'

export type ArrivalKind = ArrivalProcess['kind']
export type DistKind = TokenDistribution['kind']

/** Every parameter of every arrival process (bursts share the base rate with Poisson). */
export type ArrivalParam = 'atS' | 'fromS' | 'toS' | 'ratePerS' | 'everyS' | 'size' | 'widthS' | 'minPerS' | 'maxPerS' | 'periodS'
export type DistParam = 'value' | 'min' | 'max' | 'median' | 'sigma' | 'scale' | 'alpha'

export interface ParamSpec<P extends string> {
  readonly key: P
  readonly label: string
  readonly whole?: boolean
}

export interface KindSpec<K extends string, P extends string> {
  readonly kind: K
  readonly label: string
  /** One line for students: what the process or distribution models. */
  readonly about: string
  readonly params: readonly ParamSpec<P>[]
}

export const ARRIVAL_KINDS: readonly KindSpec<ArrivalKind, ArrivalParam>[] = [
  { kind: 'all-at-once', label: 'All at once', about: 'Every task arrives at the same moment: a backlog to drain.', params: [{ key: 'atS', label: 'At (s)' }] },
  {
    kind: 'uniform',
    label: 'Uniform over a window',
    about: 'Arrival times spread evenly at random over a window.',
    params: [
      { key: 'fromS', label: 'From (s)' },
      { key: 'toS', label: 'To (s)' },
    ],
  },
  { kind: 'poisson', label: 'Poisson at a rate', about: 'Independent arrivals at a steady average rate (exponential gaps).', params: [{ key: 'ratePerS', label: 'Rate (tasks/s)' }] },
  {
    kind: 'bursts',
    label: 'Bursts (flash crowds)',
    about: 'A steady base rate, plus a crowd of tasks landing together at regular intervals.',
    params: [
      { key: 'ratePerS', label: 'Base rate (tasks/s)' },
      { key: 'everyS', label: 'Burst every (s)' },
      { key: 'size', label: 'Burst size (tasks)', whole: true },
      { key: 'widthS', label: 'Burst width (s)' },
    ],
  },
  {
    kind: 'varying',
    label: 'Time-varying rate',
    about: 'Poisson arrivals whose rate swings between a low and a peak, like a day/night cycle.',
    params: [
      { key: 'minPerS', label: 'Min rate (tasks/s)' },
      { key: 'maxPerS', label: 'Max rate (tasks/s)' },
      { key: 'periodS', label: 'Period (s)' },
    ],
  },
]

export const DIST_KINDS: readonly KindSpec<DistKind, DistParam>[] = [
  { kind: 'fixed', label: 'Fixed', about: 'Every task has the same number of tokens.', params: [{ key: 'value', label: 'Tokens', whole: true }] },
  {
    kind: 'uniform',
    label: 'Uniform',
    about: 'Any count between the two bounds, equally likely.',
    params: [
      { key: 'min', label: 'Min', whole: true },
      { key: 'max', label: 'Max', whole: true },
    ],
  },
  {
    kind: 'lognormal',
    label: 'Log-normal',
    about: 'Most tasks near the median, a long tail of bigger ones; sigma sets the spread.',
    params: [
      { key: 'median', label: 'Median' },
      { key: 'sigma', label: 'Sigma (spread)' },
    ],
  },
  {
    kind: 'pareto',
    label: 'Pareto (heavy tail)',
    about: 'Many small tasks and a few huge ones; a smaller alpha means a heavier tail.',
    params: [
      { key: 'scale', label: 'Scale (minimum)' },
      { key: 'alpha', label: 'Alpha (shape)' },
    ],
  },
]

export const arrivalSpec = (kind: ArrivalKind) => ARRIVAL_KINDS.find((k) => k.kind === kind)!
export const distSpec = (kind: DistKind) => DIST_KINDS.find((k) => k.kind === kind)!
