import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseClusterName } from '../../src/engine/catalog/clusters.ts'
import type { Scenario, TaskSpec } from '../../src/engine/types.ts'

// Plain paths: under jsdom, URL is jsdom's and resolves file URLs differently.
const here = dirname(fileURLToPath(import.meta.url))
export const fixturePath = (name: string) => join(here, '..', 'fixtures', name)
export const readFixture = (name: string) => readFileSync(fixturePath(name), 'utf8')

/** A scenario with the reference's defaults (h100_16gpu, dt 0.01, 5 s, exact, backfill). */
export function scenario(tasks: readonly TaskSpec[], over: Partial<Omit<Scenario, 'cluster'>> & { cluster?: string } = {}): Scenario {
  const { cluster, ...rest } = over
  return {
    name: 'test',
    cluster: parseClusterName(cluster ?? 'h100_16gpu'),
    dtS: 0.01,
    maxTimeS: 5,
    mode: 'exact',
    backfill: true,
    tasks,
    ...rest,
  }
}

/** A prefill task of `seconds` at the fixed 1000 tokens/s. */
export function prefill(id: string, seconds: number, extra: Partial<TaskSpec> = {}): TaskSpec {
  return { id, model: 'Llama3-8B', weight: 1, arrivalS: 0, phase: 'prefill', tokens: Math.round(seconds * 1000), ...extra }
}
