import { presetCluster } from '../engine/catalog/clusters.ts'
import type { Scenario } from '../engine/types.ts'
import { discriminatingWorkload } from '../engine/workloads/presets.ts'

/** What a first visit shows: the reference's discriminating workload on h100_16gpu, ready to play. */
export function defaultScenario(): Scenario {
  return {
    name: 'discriminating',
    cluster: presetCluster('h100_16gpu')!,
    dtS: 0.01,
    maxTimeS: 5,
    mode: 'exact',
    backfill: true,
    tasks: discriminatingWorkload(),
  }
}


/** Playback speeds: simulated seconds per real second; 0 advances one step per frame. */
export const SPEEDS: readonly number[] = [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 0]
export const DEFAULT_SPEED = 1
