import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './components/App.tsx'
import { createAppStore } from './store/app-store.ts'
import { StoreProvider } from './store/context.tsx'
import { connectRunner } from './store/runner.ts'
import { connectSweepRunner } from './store/sweep-runner.ts'
import { bootOptions, browserStorage, connectSync, openLink } from './store/sync.ts'
import { createWorkerEncoder } from './worker/encode-client.ts'
import './styles.css'

const storage = browserStorage()
const store = createAppStore(bootOptions(window.location.hash, storage))
connectRunner(store)
connectSweepRunner(store)
connectSync(store, {
  storage,
  encode: createWorkerEncoder(),
  replaceHash: (hash) => window.history.replaceState(null, '', hash ?? window.location.pathname + window.location.search),
})

// A scenario link pasted into the address bar of an open tab.
window.addEventListener('hashchange', () => openLink(store, window.location.hash))

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
)
