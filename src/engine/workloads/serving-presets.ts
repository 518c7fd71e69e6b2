import { presetCluster } from '../catalog/clusters.ts'
import { generateRequests } from '../serving/generate.ts'
import type { ServingOptions } from '../serving/types.ts'
import type { ClusterSpec, Scenario, TaskSpec } from '../types.ts'

const ONE_H100: ClusterSpec = { name: 'custom', groups: [{ gpu: 'H100-SXM-80GB', count: 1 }] }

const serving = (name: string, cluster: ClusterSpec, tasks: TaskSpec[], options: ServingOptions): Scenario => ({
  name,
  cluster,
  dtS: 0.01,
  maxTimeS: Infinity,
  mode: 'serving',
  backfill: true,
  tasks,
  serving: options,
})

/** Requests of two seeded streams, merged in arrival order, the second's ids prefixed. */
function merged(a: TaskSpec[], b: TaskSpec[], prefix: string): TaskSpec[] {
  return [...a, ...b.map((t, i) => ({ ...t, id: `${prefix}${i + 1}` }))].sort((x, y) => x.arrivalS - y.arrivalS)
}

/**
 * Built-in serving scenarios, each showing a difference between the policies (the numbers are
 * in test/engine/serving/presets.test.ts):
 * - KV pressure: 40 chat requests in one second on one Llama3-8B replica whose KV pool is cut to
 *   about 1,100 blocks (23 % of an H100 for weights and cache): decodes outgrow the cache, and
 *   FIFO (evicting the latest arrival) preempts far more often than SRPT (evicting the request
 *   with the most output left).
 * - Chunked prefill: chat requests and 12,000-token RAG prompts on one replica with a
 *   2,048-token budget: prompts are cut into chunks that share iterations with decodes. SRPT
 *   lets short outputs first (lower TPOT) while long prompts wait (higher TTFT); FIFO the reverse.
 * - Two models on 16 GPUs: 8 Llama3-8B replicas (TP 1) and 2 Llama3-70B (TP 4) over a burst
 *   of both: the 70B queue builds up, and WeightedFIFO cuts the weighted E2E against FIFO.
 */
export const SERVING_SCENARIOS: Readonly<Record<string, () => Scenario>> = {
  'KV pressure: preemption thrash': () =>
    serving(
      'kv-pressure',
      ONE_H100,
      generateRequests({ count: 40, seed: 3, model: 'Llama3-8B', ratePerS: 40, medianInputTokens: 300, medianOutputTokens: 600, sigma: 0.6 }),
      { deployments: [{ model: 'Llama3-8B', tp: 1, replicas: 1 }], gpuMemoryUtilization: 0.23 },
    ),
  'Chunked prefill: TTFT vs TPOT': () =>
    serving(
      'chunked-prefill',
      ONE_H100,
      merged(
        generateRequests({ count: 40, seed: 5, model: 'Llama3-8B', ratePerS: 10, medianInputTokens: 200, medianOutputTokens: 300, sigma: 0.5 }),
        generateRequests({ count: 10, seed: 6, model: 'Llama3-8B', ratePerS: 2.5, medianInputTokens: 12000, medianOutputTokens: 60, sigma: 0.3 }),
        'rag',
      ),
      { deployments: [{ model: 'Llama3-8B', tp: 1, replicas: 1 }], maxBatchedTokens: 2048 },
    ),
  'Two models on 16 GPUs': () =>
    serving(
      'two-models',
      presetCluster('h100_16gpu')!,
      merged(
        generateRequests({ count: 300, seed: 7, model: 'Llama3-8B', ratePerS: 80, medianInputTokens: 500, medianOutputTokens: 400, sigma: 0.9 }),
        generateRequests({ count: 300, seed: 8, model: 'Llama3-70B', ratePerS: 80, medianInputTokens: 800, medianOutputTokens: 300, sigma: 0.9 }),
        'b',
      ),
      {
        deployments: [
          { model: 'Llama3-8B', tp: 1, replicas: 8 },
          { model: 'Llama3-70B', tp: 4, replicas: 2 },
        ],
        maxNumSeqs: 64,
      },
    ),
}
