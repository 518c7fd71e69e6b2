import { render, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { expect } from 'vitest'
import { createAppStore, type AppStore, type StoreOptions } from '../../src/store/app-store.ts'
import { StoreProvider } from '../../src/store/context.tsx'
import { connectRunner } from '../../src/store/runner.ts'
import { createInThreadClient } from '../../src/worker/sim-client.ts'

/** A store wired to the real engine through the in-thread client (no Worker in jsdom). */
export function createTestStore(options: StoreOptions = {}): { store: AppStore; disconnect: () => void } {
  const store = createAppStore(options)
  const disconnect = connectRunner(store, { createClient: createInThreadClient, schedule: (f) => setTimeout(f, 0), debounceMs: 0 })
  return { store, disconnect }
}

export async function waitForRun(store: AppStore): Promise<void> {
  await waitFor(() => expect(store.getState().run.status).toBe('done'), { timeout: 120_000 })
}

export function renderWithStore(ui: ReactNode, store: AppStore) {
  return render(<StoreProvider store={store}>{ui}</StoreProvider>)
}
