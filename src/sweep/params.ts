/** What a sweep varies from point to point. Names are stable (CLI `--param`, JSON, CSV). */
export type SweepParamName = 'rate' | 'utilization' | 'weight-mix' | 'tp' | 'cluster-size'

export interface SweepParam {
  readonly name: SweepParamName
  /** The axis label, with the unit. */
  readonly label: string
  /** One or two sentences for the form's hint and --help: what a value means. */
  readonly about: string
  /** Values are whole numbers (points are rounded, and must stay distinct). */
  readonly whole: boolean
  readonly min: number
  /** Whether `min` itself is allowed. */
  readonly minIncluded: boolean
  readonly max: number
}

export const SWEEP_PARAMS: readonly SweepParam[] = [
  {
    name: 'rate',
    label: 'Arrival rate (tasks/s)',
    about: "Mean arrivals per second: the generator's arrival process is sped up or slowed down in time to bring this rate (a Poisson process simply gets it).",
    whole: false,
    min: 0,
    minIncluded: false,
    max: 1e6,
  },
  {
    name: 'utilization',
    label: 'Utilization (offered load)',
    about:
      'Offered load = arrival rate × mean service GPU-seconds of a task / GPUs in the cluster; 1 is as much work as the GPUs can do. ' +
      "The mean comes from the generator's token and model mix (mean tokens, each model's TP); the arrival rate is set to match.",
    whole: false,
    min: 0,
    minIncluded: false,
    max: 100,
  },
  {
    name: 'weight-mix',
    label: 'Share of the heaviest weight class',
    about: 'The share of tasks in the heaviest weight class, 0 to 1; the other classes share the rest in their given proportions.',
    whole: false,
    min: 0,
    minIncluded: true,
    max: 1,
  },
  {
    name: 'tp',
    label: 'Tensor-parallel degree (TP)',
    about: "Every task's TP, kept within its model's range (Llama3-70B runs at TP 2 or more); a task whose model does not fit at that TP is rejected. Exact mode only.",
    whole: true,
    min: 1,
    minIncluded: true,
    max: 8,
  },
  {
    name: 'cluster-size',
    label: 'Cluster size (GPUs)',
    about: "GPUs in the cluster, all of the chosen cluster's first GPU type, in nodes of 8.",
    whole: true,
    min: 1,
    minIncluded: true,
    max: 4096,
  },
]

export const SWEEP_PARAM_NAMES: readonly SweepParamName[] = SWEEP_PARAMS.map((p) => p.name)

export function findSweepParam(name: string): SweepParam | undefined {
  return SWEEP_PARAMS.find((p) => p.name === name)
}

/** Why `x` is no value of `param`, or undefined. */
export function paramValueProblem(param: SweepParam, x: number): string | undefined {
  if (!Number.isFinite(x)) return 'must be a number'
  if (param.whole && !Number.isInteger(x)) return 'must be a whole number'
  const low = param.minIncluded ? x < param.min : x <= param.min
  if (low || x > param.max) return `must be ${param.minIncluded ? 'from' : 'more than'} ${param.min} ${param.minIncluded ? 'to' : 'and at most'} ${param.max}`
  return undefined
}
