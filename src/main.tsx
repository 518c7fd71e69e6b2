import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './components/App.tsx'
import { mountTurnsPending } from './components/use-mount-turn.ts'
import { createAppStore, startFromOptions } from './store/app-store.ts'
import { StoreProvider } from './store/context.tsx'
import { connectRunner } from './store/runner.ts'
import { connectSweepRunner } from './store/sweep-runner.ts'
import { hasViewParams, splitHash } from './sharing/view-params.ts'
import { applyLinkView, bootOptions, browserStorage, connectSync, openLink } from './store/sync.ts'
import { createWorkerEncoder } from './worker/encode-client.ts'
import { whenIdle } from './timing/scheduler.ts'
import { zeroedMaker } from './worker/zeroed-client.ts'
import './styles.css'

const storage = browserStorage()
const options = bootOptions(window.location.hash, storage)
const store = createAppStore(options)
// A lesson page from the link or saved state, before the first run: the run is the page's.
startFromOptions(store, options)
const zeroed = zeroedMaker()
// Made at the first widening, the worker cost a frame of a large run's first second 6 ms of the
// page's thread (docs/performance.md, "Twelfth pass"): started once the page is idle instead.
if (zeroed !== null) whenIdle(zeroed.start)
// The simulation waits while the serving views mount: their frames have the page's core to themselves.
const holdBatches = () => mountTurnsPending() > 0
connectRunner(store, zeroed === null ? { holdBatches } : { makeZeroed: zeroed.make, holdBatches })
connectSweepRunner(store)
connectSync(store, {
  storage,
  encode: createWorkerEncoder(),
  replaceHash: (hash) => window.history.replaceState(null, '', hash ?? window.location.pathname + window.location.search),
})

// A scenario or lesson link pasted into the address bar of an open tab. Read from the event, not
// the address: the page's own link, written a moment later (replaceState fires no hashchange),
// would otherwise replace the pasted one before it is read.
window.addEventListener('hashchange', (e) => {
  const pasted = new URL(e.newURL).hash
  const { scenario } = splitHash(pasted)
  if (scenario !== '') {
    if (store.getState().lesson !== null) store.getState().actions.leaveLesson()
    if (!openLink(store, scenario)) return
  }
  if (hasViewParams(pasted)) applyLinkView(store, bootOptions(pasted, null))
})

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
)
