import { parseClusterName } from '../../../src/engine/catalog/clusters.ts'
import type { ServingMetrics } from '../../../src/engine/serving/metrics.ts'
import { requestTask } from '../../../src/engine/serving/requests.ts'
import type { DeploymentSpec, ServingOptions } from '../../../src/engine/serving/types.ts'
import type { Scenario, TaskSpec } from '../../../src/engine/types.ts'

/**
 * Published measurements of LLM serving, each as a serving scenario run with the defaults
 * (docs/serving.md, "Calibration"). `metric` is the key of the results the figure compares with;
 * `bound` the relative error allowed (E2E and TPOT 15 %, TTFT 20 %).
 */
export interface CalibrationRow {
  readonly source: string
  readonly setup: string
  readonly metric: keyof ServingMetrics
  readonly published: number
  readonly bound: number
  readonly scenario: Scenario
}

function batch(count: number, model: string, inputTokens: number, outputTokens: number): TaskSpec[] {
  return Array.from({ length: count }, (_, i) => requestTask(`r${i}`, model, 1, 0, inputTokens, outputTokens))
}

function scenario(name: string, cluster: string, deployment: DeploymentSpec, tasks: TaskSpec[], serving: ServingOptions = {}): Scenario {
  return { name, cluster: parseClusterName(cluster), dtS: 0.01, maxTimeS: Infinity, mode: 'serving', backfill: true, serving: { deployments: [deployment], ...serving }, tasks }
}

const E2E = 0.15
const TPOT = 0.15
const TTFT = 0.2

const b2 = (model: string, tp: number) => scenario(`vllm-h200-${model}`, 'h200:8', { model, tp, replicas: 1 }, batch(8, model, 32, 128))
const lambda = (model: string, tp: number) => scenario(`vllm-h100-sharegpt-${model}`, 'h100_8gpu', { model, tp, replicas: 1 }, batch(10, model, 137, 187))
const nim = (concurrency: number) =>
  scenario(`nim-70b-fp8-c${concurrency}`, 'h100:2', { model: 'Llama3-70B', tp: 2, replicas: 1, dtype: 'fp8' }, batch(concurrency, 'Llama3-70B', 5000, 500))

const a100Single = scenario('vllm-a100-40gb-batch1', 'a100-40gb:1', { model: 'Llama3-8B', tp: 1, replicas: 1 }, batch(1, 'Llama3-8B', 128, 512))

export const CALIBRATION_ROWS: readonly CalibrationRow[] = [
  { source: 'vLLM performance dashboard, H200', setup: 'Llama-3-8B TP1, 8 × (32 in, 128 out) at t = 0', metric: 'average_waiting_time', published: 0.833, bound: E2E, scenario: b2('Llama3-8B', 1) },
  { source: 'vLLM performance dashboard, H200', setup: 'Llama-3-70B TP4, 8 × (32 in, 128 out)', metric: 'average_waiting_time', published: 2.078, bound: E2E, scenario: b2('Llama3-70B', 4) },
  { source: 'vLLM performance dashboard, H200', setup: 'Mixtral-8x7B TP2, 8 × (32 in, 128 out)', metric: 'average_waiting_time', published: 1.917, bound: E2E, scenario: b2('Mixtral-8x7B', 2) },
  { source: 'LambdaLabsML/vllm-benchmark, H100', setup: 'Llama-3-8B TP1, 10 × (137 in, 187 out) at once', metric: 'tpot_mean', published: 0.00756, bound: TPOT, scenario: lambda('Llama3-8B', 1) },
  { source: 'LambdaLabsML/vllm-benchmark, H100', setup: 'Llama-3-8B TP1, 10 × (137 in, 187 out) at once', metric: 'ttft_mean', published: 0.0624, bound: TTFT, scenario: lambda('Llama3-8B', 1) },
  { source: 'LambdaLabsML/vllm-benchmark, H100', setup: 'Llama-3-70B TP4, 10 × (137 in, 187 out) at once', metric: 'tpot_mean', published: 0.0181, bound: TPOT, scenario: lambda('Llama3-70B', 4) },
  { source: 'LambdaLabsML/vllm-benchmark, H100', setup: 'Llama-3-70B TP4, 10 × (137 in, 187 out) at once', metric: 'ttft_mean', published: 0.1406, bound: TTFT, scenario: lambda('Llama3-70B', 4) },
  { source: 'NVIDIA NIM 1.0 benchmarks, 2×H100', setup: 'Llama-3.3-70B FP8 TP2, 1 × (5000 in, 500 out)', metric: 'tpot_mean', published: 0.01858, bound: TPOT, scenario: nim(1) },
  { source: 'NVIDIA NIM 1.0 benchmarks, 2×H100', setup: 'Llama-3.3-70B FP8 TP2, 1 × (5000 in, 500 out)', metric: 'ttft_mean', published: 0.4068, bound: TTFT, scenario: nim(1) },
  { source: 'johnmusgrave.com vLLM sweep, A100 40 GB', setup: 'Llama-3.1-8B BF16 TP1, batch 1: 75 tok/s; 1 × (128 in, 512 out)', metric: 'tpot_mean', published: 1 / 75, bound: TPOT, scenario: a100Single },
]
