import { InputError, type InputIssue } from '../workloads/errors.ts'
import type { DeploymentSpec } from './types.ts'

/**
 * Deployments as a command line gives them: `MODEL:TPxREPLICAS[,...]`, e.g.
 * `Llama3-8B:1x4,Llama3-70B:4x1`, each optionally followed by `:fp8` (weights) and/or
 * `:fp8kv` (KV cache). Model names are checked later, when the deployments are placed.
 */
export function parseDeploymentsFlag(text: string, source = '--deployments'): DeploymentSpec[] {
  const issues: InputIssue[] = []
  const out = text.split(',').flatMap((part, i): DeploymentSpec[] => {
    const [model = '', shape = '', ...flags] = part.trim().split(':').map((x) => x.trim())
    const m = /^(\d+)x(\d+)$/.exec(shape)
    const where = `deployment ${i + 1}`
    if (model === '' || m === null) {
      issues.push({ where, value: part.trim(), message: 'must be MODEL:TPxREPLICAS, e.g. Llama3-8B:1x4' })
      return []
    }
    const tp = Number(m[1])
    const replicas = Number(m[2])
    if (tp < 1 || replicas < 1) issues.push({ where, value: part.trim(), message: 'TP and replicas must be at least 1' })
    const bad = flags.filter((f) => f !== 'fp8' && f !== 'fp8kv')
    if (bad.length > 0) issues.push({ where, value: bad.join(':'), message: "unknown option (known: 'fp8' for weights, 'fp8kv' for the KV cache)" })
    return [{ model, tp, replicas, ...(flags.includes('fp8') && { dtype: 'fp8' as const }), ...(flags.includes('fp8kv') && { kvCacheDtype: 'fp8' as const }) }]
  })
  if (issues.length > 0) throw new InputError(source, issues)
  return out
}
