import type { ModelArchitecture } from '../serving/types.ts'

/**
 * Architecture figures for serving mode's roofline and KV cache, by catalog model name, from
 * the models' public configs (layers, hidden size, attention and KV heads, head dim; docs/serving.md
 * "Models" lists the sources). Kept apart from models.ts so exact and reference modes, which
 * use the reference's figures there, stay untouched.
 *
 * - `activeParamsB` is the parameters one token uses, billions, as the configs' published
 *   counts give them (embeddings included); a mixture of experts counts only its top-k experts.
 * - `weightsGB` is every parameter (all experts stay resident) at 2 bytes (BF16).
 * - Qwen3 configs have headDim 128 whatever hidden / heads is: always the config's head_dim.
 * - `Qwen3` is the reference's name; its figures are Qwen3-30B-A3B's (see models.ts), so in
 *   serving it weighs 61.06 GB, not the reference's 30.
 * - DeepSeek-R1 caches one latent of 512 + 64 = 576 elements per layer (MLA), shared by every
 *   head and replicated under TP: written as kvHeads 1 × headDim 288 so the K+V formula gives
 *   576 elements. Its attention FLOPs use the same 288 per head (an estimate). Its checkpoint
 *   is FP8: run it with `dtype: fp8` (671 GB).
 * - GLM4.7 has none: no config of it is in the repo's sources. Define it in a scenario's `models`.
 */
const ARCHITECTURES: Readonly<Record<string, ModelArchitecture>> = {
  'Llama3-8B': { layers: 32, hidden: 4096, heads: 32, kvHeads: 8, headDim: 128, activeParamsB: 8.03, weightsGB: 16.06 },
  'Llama3-70B': { layers: 80, hidden: 8192, heads: 64, kvHeads: 8, headDim: 128, activeParamsB: 70.55, weightsGB: 141.1 },
  'Qwen3-8B': { layers: 36, hidden: 4096, heads: 32, kvHeads: 8, headDim: 128, activeParamsB: 8.19, weightsGB: 16.38 },
  'Qwen3-32B': { layers: 64, hidden: 5120, heads: 64, kvHeads: 8, headDim: 128, activeParamsB: 32.76, weightsGB: 65.52 },
  Qwen3: { layers: 48, hidden: 2048, heads: 32, kvHeads: 4, headDim: 128, activeParamsB: 3.35, weightsGB: 61.06 },
  'DeepSeek-R1-Distill-Qwen-32B': { layers: 64, hidden: 5120, heads: 40, kvHeads: 8, headDim: 128, activeParamsB: 32.76, weightsGB: 65.52 },
  'DeepSeek-R1-Distill-Llama-70B': { layers: 80, hidden: 8192, heads: 64, kvHeads: 8, headDim: 128, activeParamsB: 70.55, weightsGB: 141.1 },
  'Mixtral-8x7B': { layers: 32, hidden: 4096, heads: 32, kvHeads: 8, headDim: 128, activeParamsB: 12.88, weightsGB: 93.4 },
  'Mistral-7B': { layers: 32, hidden: 4096, heads: 32, kvHeads: 8, headDim: 128, activeParamsB: 7.24, weightsGB: 14.48 },
  'DeepSeek-R1': { layers: 61, hidden: 7168, heads: 128, kvHeads: 1, headDim: 288, activeParamsB: 37, weightsGB: 1342 },
}

/** The serving architecture of a catalog model (by its catalog name), or undefined. */
export function findArchitecture(catalogName: string): ModelArchitecture | undefined {
  return Object.hasOwn(ARCHITECTURES, catalogName) ? ARCHITECTURES[catalogName] : undefined
}

/** Catalog names that have serving figures. */
export const ARCHITECTURE_NAMES: readonly string[] = Object.keys(ARCHITECTURES)
