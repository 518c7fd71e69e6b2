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


/** The speed chosen from the run's length (autoSpeed). */
export const AUTO_SPEED = -1
/** Playback speeds: simulated seconds per real second; 0 advances one step per frame; AUTO_SPEED picks one. */
export const SPEEDS: readonly number[] = [AUTO_SPEED, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 0]
export const DEFAULT_SPEED = AUTO_SPEED
/** Auto speed plays a whole run in about this many real seconds, so a class can follow it. */
export const AUTO_PLAY_S = 20

/**
 * The auto speed for a run of `runS` simulated seconds: the fastest of SPEEDS that still takes
 * AUTO_PLAY_S or longer, so a 3-second scenario plays at 0.1× (30 s) and a 10-second one at
 * 0.5×; never below 0.1× nor above 64×.
 */
export function autoSpeed(runS: number): number {
  const fixed = SPEEDS.filter((s) => s > 0)
  let best = fixed[0]!
  for (const s of fixed) if (runS / s >= AUTO_PLAY_S) best = s
  return best
}

/** Simulated seconds per real second at `speed` (0: a step per frame, as is). */
export function playSpeed(speed: number, runS: number): number {
  return speed === AUTO_SPEED ? autoSpeed(runS) : speed
}
