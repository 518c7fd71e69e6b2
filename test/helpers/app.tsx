import { render, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { expect } from 'vitest'
import { mountTurnsPending } from '../../src/components/use-mount-turn.ts'
import { createAppStore, type AppStore, type StoreOptions } from '../../src/store/app-store.ts'
import { StoreProvider } from '../../src/store/context.tsx'
import { connectRunner } from '../../src/store/runner.ts'
import { createInThreadClient } from '../../src/worker/sim-client.ts'

/**
 * Runs `f` in a task of its own without the 1 ms a Node timer waits: the runner's frames and the
 * in-thread worker's hand-overs, in tests on real timers (a run is a chain of hundreds of them).
 */
export const nextTask = (f: () => void): void => {
  setImmediate(f)
}

/** A store wired to the real engine through the in-thread client (no Worker in jsdom). */
export function createTestStore(options: StoreOptions = {}): { store: AppStore; disconnect: () => void } {
  const store = createAppStore(options)
  const disconnect = connectRunner(store, { createClient: (onEvent) => createInThreadClient(onEvent, { defer: nextTask }), schedule: nextTask, debounceMs: 0 })
  return { store, disconnect }
}

/**
 * Waits for the run to finish and the serving views' mount turns to come (use-mount-turn.ts);
 * checks every 2 ms, since a run in a test ends in a few ms and no DOM change tells waitFor.
 */
export async function waitForRun(store: AppStore): Promise<void> {
  await waitFor(
    () => {
      expect(store.getState().run.status).toBe('done')
      expect(mountTurnsPending()).toBe(0)
    },
    { timeout: 120_000, interval: 2 },
  )
}

export function renderWithStore(ui: ReactNode, store: AppStore) {
  return render(<StoreProvider store={store}>{ui}</StoreProvider>)
}
