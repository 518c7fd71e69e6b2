/**
 * Models. Each carries the reference simulator's figures (recommended TP, FLOPs per token,
 * total memory as its CSVs give it) and, where shared/DOMAIN.md has them, real architecture
 * figures for the roofline model to come.
 */
export interface ModelArchitecture {
  readonly layers: number
  readonly hidden: number
  readonly heads: number
  readonly kvHeads: number
  readonly headDim: number
  readonly totalParamsB: number
  readonly activeParamsB: number
}

export interface ModelSpec {
  readonly name: string
  readonly aliases: readonly string[]
  /** Total weight memory in GB; a TP group of t GPUs holds weightsGB / t on each GPU. */
  readonly weightsGB: number
  /** The reference's recommended TP (reference/README.md table where listed). */
  readonly recommendedTp: number
  readonly minTp: number
  readonly maxTp: number
  /** The reference estimator's FLOPs per token (prefill, decode). */
  readonly prefillFlopsPerToken: number
  readonly decodeFlopsPerToken: number
  readonly arch?: ModelArchitecture
  readonly note?: string
}

const MODEL_LIST: readonly ModelSpec[] = [
  {
    name: 'Llama3-8B',
    aliases: ['Llama-3-8B', 'Meta-Llama-3-8B'],
    weightsGB: 16,
    recommendedTp: 1,
    minTp: 1,
    maxTp: 8,
    prefillFlopsPerToken: 3.2e10,
    decodeFlopsPerToken: 1.6e9,
    arch: { layers: 32, hidden: 4096, heads: 32, kvHeads: 8, headDim: 128, totalParamsB: 8.03, activeParamsB: 8.03 },
  },
  {
    name: 'Llama3-70B',
    aliases: ['Llama-3-70B', 'Meta-Llama-3-70B'],
    weightsGB: 140,
    recommendedTp: 4,
    minTp: 2,
    maxTp: 8,
    prefillFlopsPerToken: 2.8e11,
    decodeFlopsPerToken: 1.4e10,
    arch: { layers: 80, hidden: 8192, heads: 64, kvHeads: 8, headDim: 128, totalParamsB: 70.55, activeParamsB: 70.55 },
  },
  {
    name: 'Qwen3',
    aliases: ['Qwen3-30B-A3B'],
    weightsGB: 30,
    recommendedTp: 2,
    minTp: 1,
    maxTp: 8,
    prefillFlopsPerToken: 1.2e11,
    decodeFlopsPerToken: 6.0e9,
    arch: { layers: 48, hidden: 2048, heads: 32, kvHeads: 4, headDim: 128, totalParamsB: 30.53, activeParamsB: 3.35 },
    note: 'The reference gives 30 GB; its FLOPs figures do not match any one Qwen3 size. Architecture of Qwen3-30B-A3B.',
  },
  {
    name: 'DeepSeek-R1',
    aliases: ['DeepSeek-R1-671B'],
    weightsGB: 671,
    recommendedTp: 8,
    minTp: 8,
    maxTp: 8,
    prefillFlopsPerToken: 2.67e12,
    decodeFlopsPerToken: 1.34e11,
    note: 'FP8 weights, 671B parameters: 83.9 GB per GPU at TP 8, more than an H100 holds.',
  },
  {
    name: 'DeepSeek-R1-Distill-Qwen-32B',
    aliases: ['DeepSeek-R1-32B', 'R1-Distill-Qwen-32B'],
    weightsGB: 65.5,
    recommendedTp: 2,
    minTp: 1,
    maxTp: 8,
    prefillFlopsPerToken: 6.55e10,
    decodeFlopsPerToken: 6.55e10,
    arch: { layers: 64, hidden: 5120, heads: 40, kvHeads: 8, headDim: 128, totalParamsB: 32.76, activeParamsB: 32.76 },
  },
  {
    name: 'DeepSeek-R1-Distill-Llama-70B',
    aliases: ['DeepSeek-R1-70B', 'R1-Distill-Llama-70B'],
    weightsGB: 141.1,
    recommendedTp: 4,
    minTp: 2,
    maxTp: 8,
    prefillFlopsPerToken: 1.41e11,
    decodeFlopsPerToken: 1.41e11,
    arch: { layers: 80, hidden: 8192, heads: 64, kvHeads: 8, headDim: 128, totalParamsB: 70.55, activeParamsB: 70.55 },
  },
  {
    name: 'Mixtral-8x7B',
    aliases: ['Mixtral-8x7B-Instruct'],
    weightsGB: 93.4,
    recommendedTp: 2,
    minTp: 2,
    maxTp: 8,
    prefillFlopsPerToken: 1.9e11,
    decodeFlopsPerToken: 9.5e9,
    arch: { layers: 32, hidden: 4096, heads: 32, kvHeads: 8, headDim: 128, totalParamsB: 46.7, activeParamsB: 12.88 },
  },
  {
    name: 'GLM4.7',
    aliases: ['GLM-4.7'],
    weightsGB: 355,
    recommendedTp: 4,
    minTp: 4,
    maxTp: 8,
    prefillFlopsPerToken: 1.42e12,
    decodeFlopsPerToken: 7.1e10,
  },
  {
    name: 'Mistral-7B',
    aliases: ['Mistral-7B-v0.1'],
    weightsGB: 14,
    recommendedTp: 1,
    minTp: 1,
    maxTp: 8,
    prefillFlopsPerToken: 2.8e10,
    decodeFlopsPerToken: 1.4e9,
  },
  // Two dense Qwen3 sizes as models of their own (`Qwen3` stays the reference's name). The
  // estimator's figures are 2 FLOPs per parameter, as for the distilled models above.
  {
    name: 'Qwen3-8B',
    aliases: [],
    weightsGB: 16.38,
    recommendedTp: 1,
    minTp: 1,
    maxTp: 8,
    prefillFlopsPerToken: 1.638e10,
    decodeFlopsPerToken: 1.638e10,
    arch: { layers: 36, hidden: 4096, heads: 32, kvHeads: 8, headDim: 128, totalParamsB: 8.19, activeParamsB: 8.19 },
  },
  {
    name: 'Qwen3-32B',
    aliases: [],
    weightsGB: 65.52,
    recommendedTp: 2,
    minTp: 1,
    maxTp: 8,
    prefillFlopsPerToken: 6.552e10,
    decodeFlopsPerToken: 6.552e10,
    arch: { layers: 64, hidden: 5120, heads: 64, kvHeads: 8, headDim: 128, totalParamsB: 32.76, activeParamsB: 32.76 },
  },
]

const MODELS_BY_NAME = new Map<string, ModelSpec>()
for (const m of MODEL_LIST) {
  for (const n of [m.name, ...m.aliases]) {
    const key = n.toLowerCase()
    if (MODELS_BY_NAME.has(key)) throw new Error(`duplicate model name ${n}`)
    MODELS_BY_NAME.set(key, m)
  }
}

export const MODELS: readonly ModelSpec[] = MODEL_LIST

/** The catalog entry for a model name or alias (case-insensitive), or undefined. */
export function findModel(name: string): ModelSpec | undefined {
  return MODELS_BY_NAME.get(name.trim().toLowerCase())
}

/** Memory one GPU needs to hold its share of the model under TP `tp`. */
export function memoryPerGpuGB(weightsGB: number, tp: number): number {
  return weightsGB / tp
}

const MODELS_BY_EXACT_NAME = new Map<string, ModelSpec>(
  MODEL_LIST.flatMap((m) => [m.name, ...m.aliases].map((n) => [n, m] as const)),
)

/**
 * The model as the reference simulator would see it: it looked names up in a dict, so only
 * exact, case-sensitive names count; anything else is unknown to it.
 */
export function findReferenceModel(name: string): ModelSpec | undefined {
  return MODELS_BY_EXACT_NAME.get(name)
}

/** The reference's recommended TP for a model name: 1 for a name it does not know. */
export function referenceRecommendedTp(name: string): number {
  return findReferenceModel(name)?.recommendedTp ?? 1
}
